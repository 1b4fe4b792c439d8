/**
 * Delegate a domain through one of the account's NSSETs (WEDOS
 * domain-update-ns with `nsset`), for TLDs whose registry requires NSSETs
 * (.cz). Load → verify (account, ownership, state, TLD, NSSET, count, glue
 * under the domain itself) → persist → view. The NSSET's host names are
 * also written to the domain's name server list, which is what the DNS
 * server publishes as the delegation.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import { DEFAULT_SERVICE, validateNameServers } from '../domains/service-input.ts';
import { toDomainView, type DomainView } from '../domains/domain-view.ts';
import { loadOwnedNsset } from './nsset-access.ts';
import { verifyNssetGlue } from './nsset-input.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'MISSING_PARAMETER', 'INVALID_VALUE', 'NSSET_NOT_FOUND', 'INVALID_NAME_SERVER_COUNT', 'GLUE_REQUIRED',
] as const satisfies readonly ErrorCode[];

export interface SetDomainNssetInput {
  readonly accountId?: number;
  readonly name: string;
  readonly handle: string;
}

export async function setDomainNsset(ctx: FlowContext, input: SetDomainNssetInput): Promise<DomainView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'set NSSET');
  if (!owned.policy.nssetRequired) throw new InvalidValue('nsset', `only for TLDs that delegate through NSSETs (${nssetTlds(ctx)})`, input.handle);
  const nsset = await loadOwnedNsset(ctx, accountId, input.handle);
  const nameServers = validateNameServers(owned.policy, nsset.hosts.map((h) => h.name));
  await verifyNssetGlue(ctx, accountId, owned.row.name, nsset.hosts);

  const row = await ctx.db
    .updateTable('domains')
    .set({ ...DEFAULT_SERVICE, service_mode: 'custom_ns', name_servers: JSON.stringify(nameServers), nsset_id: nsset.id, updated_at: ctx.now })
    .where('id', '=', owned.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDomainView(row, ctx.policy, ctx.now);
}

function nssetTlds(ctx: FlowContext): string {
  return ctx.policy.list().filter((p) => p.nssetRequired).map((p) => `.${p.tld}`).join(', ');
}
