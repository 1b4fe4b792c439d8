/** One NSSET of the acting account (WEDOS nsset-info). Missing and another account's are NssetNotFound. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { loadOwnedNsset, toNssetView, type NssetView } from './nsset-access.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'NSSET_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface GetNssetInput {
  readonly accountId?: number;
  readonly handle: string;
}

export async function getNsset(ctx: FlowContext, input: GetNssetInput): Promise<NssetView> {
  const accountId = actingAccountId(ctx, input.accountId);
  return toNssetView(ctx, await loadOwnedNsset(ctx, accountId, input.handle));
}
