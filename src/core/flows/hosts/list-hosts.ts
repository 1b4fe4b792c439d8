/**
 * Reading name servers: the account's host objects (Dynadot server_list),
 * a domain's delegation with glue (Dynadot get_ns), and the glue hosts
 * registered under one domain (Freenom nameserver/list).
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import type { ServiceMode } from '../../../store/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { toHostView, type HostView } from './host-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const listHostsThrows = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];
export const listHostsUnderDomainThrows = [...listHostsThrows, 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND'] as const satisfies readonly ErrorCode[];
export const listDomainHostsThrows = listHostsUnderDomainThrows;
export const throws = listHostsUnderDomainThrows;

export interface ListHostsInput {
  readonly accountId?: number;
}

/** Every host object of the account, by public number. */
export async function listHosts(ctx: FlowContext, input: ListHostsInput = {}): Promise<readonly HostView[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  const rows = await ctx.db.selectFrom('hosts').selectAll().where('account_id', '=', accountId).orderBy('number').execute();
  return rows.map((row) => toHostView(row, ctx.policy));
}

export interface DomainHostsInput {
  readonly accountId?: number;
  /** The domain. */
  readonly name: string;
}

/** The account's hosts that lie under one of its domains, by name. */
export async function listHostsUnderDomain(ctx: FlowContext, input: DomainHostsInput): Promise<readonly HostView[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  const { row } = await loadOwnedDomain(ctx, accountId, input.name);
  return hostsUnder(ctx, accountId, row.name);
}

export interface DelegatedNameServer {
  readonly name: string;
  /** Glue of the host object when one exists (public: the registry publishes it); else empty. */
  readonly addresses: readonly string[];
}

export interface DomainHostsView {
  readonly domain: string;
  readonly serviceMode: ServiceMode;
  /** The delegation in stored order; empty while the domain uses regd's own name servers. */
  readonly nameServers: readonly DelegatedNameServer[];
  /** The account's hosts under this domain. */
  readonly hosts: readonly HostView[];
}

export async function listDomainHosts(ctx: FlowContext, input: DomainHostsInput): Promise<DomainHostsView> {
  const accountId = actingAccountId(ctx, input.accountId);
  const { row } = await loadOwnedDomain(ctx, accountId, input.name);
  const names = row.name_servers;
  const glue = names.length === 0
    ? []
    : await ctx.db.selectFrom('hosts').select(['name', 'addresses']).where('name', 'in', names).execute();
  const byName = new Map(glue.map((h) => [h.name, h.addresses]));
  return {
    domain: row.name,
    serviceMode: row.service_mode,
    nameServers: names.map((name) => ({ name, addresses: [...(byName.get(name) ?? [])] })),
    hosts: await hostsUnder(ctx, accountId, row.name),
  };
}

/** Host names are LDH A-labels, so the domain needs no LIKE escaping. */
async function hostsUnder(ctx: FlowContext, accountId: number, domain: string): Promise<readonly HostView[]> {
  const rows = await ctx.db
    .selectFrom('hosts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('name', '=', domain), eb('name', 'like', `%.${domain}`)]))
    .orderBy('name')
    .execute();
  return rows.map((row) => toHostView(row, ctx.policy));
}
