/**
 * Loading transfers. Each side sees only its own: the gaining account its
 * incoming transfers, the losing account its outgoing ones; anything else is
 * TransferNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, MissingParameter, TransferNotFound, TransferNotPending } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import type { TransferRow } from '../../../store/index.ts';
import { projectTransferAt } from './transfer-view.ts';

export type TransferSide = 'gaining' | 'losing';

/** A transfer named by its domain, its public number, or both (then they must agree). */
export interface TransferRef {
  readonly name?: string;
  readonly transferNumber?: string;
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
  options: { allowOverdue?: boolean } = {},
): Promise<TransferRow> {
  const number = verifyTransferNumber(ref.transferNumber);
  const name = ref.name === undefined ? undefined : parseDomainName(ref.name, ctx.policy).ascii;
  if (number === undefined && name === undefined) throw new MissingParameter('domain');
  let q = ctx.db.selectFrom('transfers').selectAll().where(side === 'gaining' ? 'gaining_account_id' : 'losing_account_id', '=', accountId);
  if (number !== undefined) q = q.where('number', '=', number);
  if (name !== undefined) q = q.where('domain_name', '=', name);
  if (number === undefined) q = q.where('status', '=', 'pending');
  const row = await q.orderBy('id', 'desc').forUpdate().executeTakeFirst();
  if (!row) throw new TransferNotFound(number ?? name ?? '');
  const projected = projectTransferAt(row, ctx.now);
  if (row.status !== 'pending' || (projected.status !== 'pending' && options.allowOverdue !== true)) {
    throw new TransferNotPending(row.number, projected.status);
  }
  return row;
}

function verifyTransferNumber(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== 'string' || !/^\d{1,18}$/.test(input.trim())) throw new InvalidValue('transfer_number', 'a transfer number (digits) is required', input);
  return input.trim();
}
