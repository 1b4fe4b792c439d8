/**
 * One domain of the acting account, with its lifecycle state projected at
 * `now`. Missing, another account's and released domains are all
 * DomainNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { markReadOnly } from '../../run-flow.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { toDomainView, type DomainView } from './domain-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface GetDomainInput {
  readonly accountId?: number;
  readonly name: string;
}

export const getDomain = markReadOnly(async function getDomain(ctx: FlowContext, input: GetDomainInput): Promise<DomainView> {
  const accountId = actingAccountId(ctx, input.accountId);
  const { row } = await loadOwnedDomain(ctx, accountId, input.name, 'domain', { lock: false });
  return toDomainView(row, ctx.policy, ctx.now);
});
