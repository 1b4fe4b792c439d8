/**
 * Cancel a pending preorder or backorder: a preorder's hold is released and
 * its order cancelled. Only the account's own pending request can be
 * cancelled; anything else is DropRequestNotFound. Past its cutoff (a day
 * before the name's registration is projected to be released: Dynadot's
 * CutoffTime, "the deadline to delete the request") it can no longer be
 * cancelled (DropRequestPastCutoff).
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DropRequestNotFound, DropRequestPastCutoff, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { closeDropRequest } from './close-drop-request.ts';
import { DROP_KINDS, toDropRequestViews, type DropKind, type DropRequestView } from './drop-request-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE', 'DROP_REQUEST_NOT_FOUND', 'DROP_REQUEST_PAST_CUTOFF',
] as const satisfies readonly ErrorCode[];

export interface CancelDropRequestInput {
  readonly accountId?: number;
  readonly kind: DropKind;
  readonly name: string;
}

export async function cancelDropRequest(ctx: FlowContext, input: CancelDropRequestInput): Promise<DropRequestView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  if (!DROP_KINDS.includes(input.kind)) throw new InvalidValue('kind', 'preorder or backorder is required', input.kind);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const row = await ctx.db
    .selectFrom('drop_requests')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('kind', '=', input.kind)
    .where('domain_name', '=', name.ascii)
    .where('status', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DropRequestNotFound(input.kind, name.ascii);
  const [{ cutoffAt }] = (await toDropRequestViews(ctx, [row])) as [DropRequestView];
  if (cutoffAt !== null && ctx.now.getTime() >= cutoffAt.getTime()) throw new DropRequestPastCutoff(input.kind, name.ascii, cutoffAt.toISOString());
  const closed = await closeDropRequest(ctx, row, 'cancelled');
  const [view] = await toDropRequestViews(ctx, [closed]);
  return view!;
}
