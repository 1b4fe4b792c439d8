/**
 * Transfers seen by one account.
 * - listTransfers (Freenom transfer/list): incoming and outgoing transfers;
 *   pending ones always, decided ones for one week after their last update;
 *   newest request first.
 * - getTransferStatus (Dynadot get_transfer_status): every transfer of one
 *   name in one direction, newest first, with its order's number.
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

/** A transfer with the number of the gaining account's order (Dynadot's OrderId names the transfer by it on both sides). */
export interface TransferStatusItem extends TransferItem {
  readonly orderNumber: string | null;
}

export async function getTransferStatus(ctx: FlowContext, input: GetTransferStatusInput): Promise<{ items: readonly TransferStatusItem[] }> {
  const accountId = actingAccountId(ctx, input.accountId);
  if (input.direction === undefined) throw new MissingParameter('transfer_type');
  const direction = verifyDirection(input.direction);
  const name = parseDomainName(input.name, ctx.policy).ascii;
  const rows = await selectRows(ctx, accountId, direction, name)
    .leftJoin('orders', 'orders.id', 'transfers.order_id')
    .selectAll('transfers')
    .select('orders.number as order_number')
    .orderBy('transfers.requested_at', 'desc')
    .orderBy('transfers.id', 'desc')
    .execute();
  return { items: rows.map(({ order_number, ...r }) => ({ ...toTransferItem(r, accountId, ctx.now), orderNumber: order_number })) };
}

/** Newest first. */
async function loadItems(ctx: FlowContext, accountId: number, direction: TransferDirection | undefined, name: string | undefined): Promise<TransferItem[]> {
  const rows = await selectRows(ctx, accountId, direction, name).selectAll('transfers').orderBy('requested_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => toTransferItem(r, accountId, ctx.now));
}

function selectRows(ctx: FlowContext, accountId: number, direction: TransferDirection | undefined, name: string | undefined) {
  let q = ctx.db.selectFrom('transfers');
  if (direction === 'incoming') q = q.where('transfers.gaining_account_id', '=', accountId);
  else if (direction === 'outgoing') q = q.where('transfers.losing_account_id', '=', accountId);
  else q = q.where((eb) => eb.or([eb('transfers.gaining_account_id', '=', accountId), eb('transfers.losing_account_id', '=', accountId)]));
  if (name !== undefined) q = q.where('transfers.domain_name', '=', name);
  return q;
}

function verifyDirection(input: unknown): TransferDirection {
  if (!(TRANSFER_DIRECTIONS as readonly unknown[]).includes(input)) {
    throw new InvalidValue('direction', `one of ${TRANSFER_DIRECTIONS.join(', ')} is required`, input);
  }
  return input as TransferDirection;
}
