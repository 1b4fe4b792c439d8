/**
 * The NSSET a domain of the acting account is delegated through (WEDOS
 * domain-info `nsset`), or null when it uses none. Missing, another
 * account's and released domains are DomainNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { markReadOnly } from '../../run-flow.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { toNssetView, type NssetView } from './nsset-access.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface GetDomainNssetInput {
  readonly accountId?: number;
  /** The domain. */
  readonly name: string;
}

export const getDomainNsset = markReadOnly(async function getDomainNsset(ctx: FlowContext, input: GetDomainNssetInput): Promise<NssetView | null> {
  const accountId = actingAccountId(ctx, input.accountId);
  const { row } = await loadOwnedDomain(ctx, accountId, input.name, 'domain', { lock: false });
  if (row.nsset_id === null) return null;
  const nsset = await ctx.db.selectFrom('nssets').selectAll().where('id', '=', row.nsset_id).executeTakeFirstOrThrow();
  return toNssetView(ctx, nsset);
});
