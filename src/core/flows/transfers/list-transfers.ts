/**
 * Transfers seen by one account.
 * - listTransfers (Freenom transfer/list): incoming and outgoing transfers;
 *   pending ones always, decided ones for one week after their last update;
 *   newest request first.
 * - getTransferStatus (Dynadot get_transfer_status): every transfer of one
 *   name in one direction, newest first.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { DAY } from '../../clock.ts';
import { parseDomainName } from '../../names.ts';
import { TRANSFER_DIRECTIONS, toTransferItem, type TransferDirection, type TransferItem } from './transfer-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE', 'MISSING_PARAMETER'] as const satisfies readonly ErrorCode[];

/** How long a decided transfer stays in the list after its last update (Freenom: one week). */
export const DECIDED_TRANSFER_VISIBLE_MS = 7 * DAY;

export interface ListTransfersInput {
  readonly accountId?: number;
  readonly direction?: TransferDirection;
  readonly name?: string;
}

export async function listTransfers(ctx: FlowContext, input: ListTransfersInput = {}): Promise<{ items: readonly TransferItem[] }> {
  const accountId = actingAccountId(ctx, input.accountId);
  const direction = input.direction === undefined ? undefined : verifyDirection(input.direction);
  const name = input.name === undefined ? undefined : parseDomainName(input.name, ctx.policy).ascii;
  const items = await loadItems(ctx, accountId, direction, name);
  const visibleFrom = ctx.now.getTime() - DECIDED_TRANSFER_VISIBLE_MS;
  return { items: items.filter((i) => i.status === 'pending' || i.updatedAt.getTime() > visibleFrom) };
}

export interface GetTransferStatusInput {
  readonly accountId?: number;
  readonly name: string;
  readonly direction: TransferDirection;
}

export async function getTransferStatus(ctx: FlowContext, input: GetTransferStatusInput): Promise<{ items: readonly TransferItem[] }> {
  const accountId = actingAccountId(ctx, input.accountId);
  if (input.direction === undefined) throw new MissingParameter('transfer_type');
  const direction = verifyDirection(input.direction);
  const name = parseDomainName(input.name, ctx.policy).ascii;
  return { items: await loadItems(ctx, accountId, direction, name) };
}

/** Newest first. */
async function loadItems(ctx: FlowContext, accountId: number, direction: TransferDirection | undefined, name: string | undefined): Promise<TransferItem[]> {
  let q = ctx.db.selectFrom('transfers').selectAll();
  if (direction === 'incoming') q = q.where('gaining_account_id', '=', accountId);
  else if (direction === 'outgoing') q = q.where('losing_account_id', '=', accountId);
  else q = q.where((eb) => eb.or([eb('gaining_account_id', '=', accountId), eb('losing_account_id', '=', accountId)]));
  if (name !== undefined) q = q.where('domain_name', '=', name);
  const rows = await q.orderBy('requested_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => toTransferItem(r, accountId, ctx.now));
}

function verifyDirection(input: unknown): TransferDirection {
  if (!(TRANSFER_DIRECTIONS as readonly unknown[]).includes(input)) {
    throw new InvalidValue('direction', `one of ${TRANSFER_DIRECTIONS.join(', ')} is required`, input);
  }
  return input as TransferDirection;
}
