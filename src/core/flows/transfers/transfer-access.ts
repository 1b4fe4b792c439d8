/**
 * Loading transfers. Each side sees only its own: the gaining account its
 * incoming transfers, the losing account its outgoing ones; anything else is
 * TransferNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, MissingParameter, TransferNotFound, TransferNotPending } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import type { TransferRow } from '../../../store/index.ts';
import { AUTH_CODE_REQUIRED_REASON, awaitsAuthCode, projectTransferAt } from './transfer-view.ts';

export type TransferSide = 'gaining' | 'losing';

/** A transfer named by its domain, its public number, its order's number (Dynadot order_id), or several (then they must agree). */
export interface TransferRef {
  readonly name?: string;
  readonly transferNumber?: string;
  readonly orderNumber?: string;
}

/** The pending transfer of a domain, whoever requested it. */
export async function pendingTransferOf(ctx: FlowContext, domainId: number): Promise<TransferRow | undefined> {
  return ctx.db.selectFrom('transfers').selectAll().where('domain_id', '=', domainId).where('status', '=', 'pending').executeTakeFirst();
}

/**
 * The acting side's transfer, locked for update, still pending at `now`.
 * A transfer already decided, or past its auto-approval instant unless
 * `allowOverdue`, is TransferNotPending.
 */
export async function loadPendingTransfer(
  ctx: FlowContext,
  side: TransferSide,
  accountId: number,
  ref: TransferRef,
  options: { allowOverdue?: boolean; allowAwaitingAuthCode?: boolean } = {},
): Promise<TransferRow> {
  const number = verifyTransferNumber(ref.transferNumber);
  const orderNumber = verifyTransferNumber(ref.orderNumber, 'order_id');
  const name = ref.name === undefined ? undefined : parseDomainName(ref.name, ctx.policy).ascii;
  if (number === undefined && name === undefined && orderNumber === undefined) throw new MissingParameter('domain');
  const awaiting = options.allowAwaitingAuthCode === true;
  let q = ctx.db.selectFrom('transfers').selectAll().where(side === 'gaining' ? 'gaining_account_id' : 'losing_account_id', '=', accountId);
  if (number !== undefined) q = q.where('number', '=', number);
  if (orderNumber !== undefined) q = q.where('order_id', '=', (eb) => eb.selectFrom('orders').select('id').where('number', '=', orderNumber));
  if (name !== undefined) q = q.where('domain_name', '=', name);
  // A transfer or order number names one transfer whatever its status; a name alone, its open one.
  if (number === undefined && orderNumber === undefined) {
    q = awaiting
      ? q.where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb('reason', '=', AUTH_CODE_REQUIRED_REASON)])]))
      : q.where('status', '=', 'pending');
  }
  const row = await q.orderBy('id', 'desc').forUpdate().executeTakeFirst();
  if (!row) throw new TransferNotFound(number ?? orderNumber ?? name ?? '');
  if (awaiting && awaitsAuthCode(row)) return row;
  const projected = projectTransferAt(row, ctx.now);
  if (row.status !== 'pending' || (projected.status !== 'pending' && options.allowOverdue !== true)) {
    throw new TransferNotPending(row.number, projected.status);
  }
  return row;
}

function verifyTransferNumber(input: unknown, param = 'transfer_number'): string | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== 'string' || !/^\d{1,18}$/.test(input.trim())) throw new InvalidValue(param, `a ${param.replace('_', ' ')} (digits) is required`, input);
  return input.trim();
}
