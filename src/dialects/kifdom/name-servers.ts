/**
 * Name servers as KifDom shows them. A domain on regd's own name servers
 * (`kifdns: true`) shows those; a delegated one shows its own list. The
 * entries get their position (from 1) as `id`: the core keeps a domain's
 * name servers as a plain list, without stored ids (reported to the lead).
 *
 * regd's own name servers and the delegation TTL are the DNS service's
 * settings; the HTTP server is not told the configured ones yet, so the
 * DNS service's defaults are used (the names its server answers with unless
 * configured otherwise).
 */
import type { DomainView } from '../../core/index.ts';
import { DNS_DEFAULTS } from '../../services/dns/index.ts';
import type { NameServerEntry } from './render.ts';

export function ownNameServers(): readonly string[] {
  return DNS_DEFAULTS.nameServers;
}

/** The TTL of a delegation (the NS records published in the parent zone). */
export function delegationTtl(): number {
  return DNS_DEFAULTS.ttl;
}

/** The custom name servers of a delegated domain; empty for one on regd's own. */
export function customNameServers(domain: DomainView): readonly NameServerEntry[] {
  if (domain.serviceMode !== 'custom_ns') return [];
  return entries(domain.nameServers);
}

/** What the domain is delegated to: its custom list, or regd's own name servers. */
export function effectiveNameServers(domain: DomainView): readonly NameServerEntry[] {
  return entries(domain.serviceMode === 'custom_ns' ? domain.nameServers : ownNameServers());
}

function entries(hosts: readonly string[]): readonly NameServerEntry[] {
  const ttl = delegationTtl();
  return hosts.map((host, i) => ({ id: i + 1, host, ttl }));
}
