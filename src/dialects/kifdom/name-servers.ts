/**
 * Name servers as KifDom shows them. A domain on regd's own name servers
 * (`kifdns: true`) shows those; a delegated one shows its own list. The
 * entries get their position (from 1) as `id`: the core keeps a domain's
 * name servers as a plain list, without stored ids (reported to the lead).
 *
 * regd's own name servers and the delegation TTL are the DNS service's
 * configuration (`dns.nameServers`, `dns.ttl`), handed to the dialect by the
 * server: what KifDom shows is what regd's DNS publishes.
 */
import type { DomainView } from '../../core/index.ts';
import type { DnsOptions } from '../../services/dns/index.ts';
import type { NameServerEntry } from './render.ts';

/** regd's own name servers and the TTL of the delegations it publishes. */
export type OwnDns = Pick<DnsOptions, 'nameServers' | 'ttl'>;

/** The custom name servers of a delegated domain; empty for one on regd's own. */
export function customNameServers(domain: DomainView, dns: OwnDns): readonly NameServerEntry[] {
  if (domain.serviceMode !== 'custom_ns') return [];
  return entries(domain.nameServers, dns.ttl);
}

/** What the domain is delegated to: its custom list, or regd's own name servers. */
export function effectiveNameServers(domain: DomainView, dns: OwnDns): readonly NameServerEntry[] {
  return entries(domain.serviceMode === 'custom_ns' ? domain.nameServers : dns.nameServers, dns.ttl);
}

function entries(hosts: readonly string[], ttl: number): readonly NameServerEntry[] {
  return hosts.map((host, i) => ({ id: i + 1, host, ttl }));
}
