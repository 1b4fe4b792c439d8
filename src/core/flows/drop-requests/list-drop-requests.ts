/** The account's preorders and backorders, oldest first, optionally of one kind and created within [from, to]. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { DROP_KINDS, toDropRequestViews, type DropKind, type DropRequestView } from './drop-request-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface ListDropRequestsInput {
  readonly accountId?: number;
  readonly kind?: DropKind;
  /** Created at or after this instant. */
  readonly from?: Date;
  /** Created at or before this instant. */
  readonly to?: Date;
}

export async function listDropRequests(ctx: FlowContext, input: ListDropRequestsInput = {}): Promise<readonly DropRequestView[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  if (input.kind !== undefined && !DROP_KINDS.includes(input.kind)) throw new InvalidValue('kind', 'preorder or backorder is required', input.kind);
  verifyInstant('from', input.from);
  verifyInstant('to', input.to);
  if (input.from && input.to && input.from.getTime() > input.to.getTime()) throw new InvalidValue('to', 'must not be before from', input.to.toISOString());
  let q = ctx.db.selectFrom('drop_requests').selectAll().where('account_id', '=', accountId);
  if (input.kind !== undefined) q = q.where('kind', '=', input.kind);
  if (input.from !== undefined) q = q.where('created_at', '>=', input.from);
  if (input.to !== undefined) q = q.where('created_at', '<=', input.to);
  return toDropRequestViews(ctx, await q.orderBy('created_at').orderBy('id').execute());
}

function verifyInstant(param: string, value: Date | undefined): void {
  if (value !== undefined && !(value instanceof Date && Number.isFinite(value.getTime()))) throw new InvalidValue(param, 'an instant is required', String(value));
}
