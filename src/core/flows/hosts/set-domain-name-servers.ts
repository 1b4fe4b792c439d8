/**
 * Delegate a domain to name servers (Dynadot set_ns, KifDom name-servers
 * update, Freenom/WEDOS name server changes). Load → verify (account,
 * ownership, state, TLD delegation style, count, glue) → persist → view.
 * An empty list returns the domain to regd's own name servers.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { GlueRequired, HostNotFound, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import { DEFAULT_SERVICE, validateNameServers } from '../domains/service-input.ts';
import { toDomainView, type DomainView } from '../domains/domain-view.ts';
import { registryDomainOf } from './bailiwick.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'INVALID_VALUE', 'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT', 'GLUE_REQUIRED', 'HOST_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface SetDomainNameServersInput {
  readonly accountId?: number;
  readonly name: string;
  /** Host names; empty: regd's own name servers. */
  readonly nameServers: readonly string[];
  /** Every name must be a host object of this account (Dynadot set_ns: "must already exist in your account"). */
  readonly requireHostObjects?: boolean;
}

export async function setDomainNameServers(ctx: FlowContext, input: SetDomainNameServersInput): Promise<DomainView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'set name servers');
  if (!Array.isArray(input.nameServers)) throw new InvalidValue('nameserver', 'a list of host names is required', input.nameServers);

  let nameServers: string[] = [];
  if (input.nameServers.length > 0) {
    if (owned.policy.nssetRequired) {
      throw new InvalidValue('nameserver', `.${owned.policy.tld} domains are delegated through an NSSET`, input.nameServers);
    }
    nameServers = validateNameServers(owned.policy, input.nameServers);
    await verifyNameServerGlue(ctx, accountId, owned.row.name, nameServers, { requireHostObjects: input.requireHostObjects === true });
  }
  const service = nameServers.length > 0
    ? { ...DEFAULT_SERVICE, service_mode: 'custom_ns' as const, name_servers: JSON.stringify(nameServers) }
    : { ...DEFAULT_SERVICE };
  const row = await ctx.db
    .updateTable('domains')
    .set({ ...service, nsset_id: null, updated_at: ctx.now })
    .where('id', '=', owned.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDomainView(row, ctx.policy, ctx.now);
}

/**
 * Glue for a delegation of `domainAscii`. A name server under a domain of
 * this registry must exist as a host object with addresses: under the
 * delegated domain itself, a host of this account (so a domain being
 * registered cannot name one: Freenom's "a glue record is needed"); under
 * another domain registered here, the host object of whichever account
 * holds it. Names under a domain that is not registered here (the sandbox
 * holds only part of the real .com) resolve on their own, like any
 * out-of-bailiwick name. With `requireHostObjects`, every name must be
 * a host object of this account. The host rows are locked for share, so
 * deleteHosts cannot remove one before this transaction commits.
 */
export async function verifyNameServerGlue(
  ctx: FlowContext,
  accountId: number,
  domainAscii: string,
  hosts: readonly string[],
  options: { readonly requireHostObjects?: boolean } = {},
): Promise<void> {
  if (hosts.length === 0) return;
  const rows = await ctx.db.selectFrom('hosts').selectAll().where('name', 'in', [...hosts]).orderBy('id').forShare().execute();
  const byName = new Map(rows.map((r) => [r.name, r]));
  for (const host of hosts) {
    const row = byName.get(host);
    if (options.requireHostObjects && row?.account_id !== accountId) throw new HostNotFound(host, 'nameserver');
    const parent = registryDomainOf(ctx.policy, host);
    if (parent === null) continue;
    if (row === undefined && parent !== domainAscii && !(await isRegisteredHere(ctx, parent))) continue;
    const usable = row !== undefined && (parent !== domainAscii || row.account_id === accountId);
    if (!usable || row.addresses.length === 0) throw new GlueRequired(host, 'nameserver');
  }
}

async function isRegisteredHere(ctx: FlowContext, name: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('domains').select('id').where('name', '=', name).where('released_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}
