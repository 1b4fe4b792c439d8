/**
 * Where a domain points, with the checks that need the database: glue for
 * in-bailiwick name servers (host objects with addresses), and NSSETs for
 * TLDs whose registry delegates through them (.cz). Registration and
 * modification share it, so both apply the same rules.
 */
import type { FlowContext } from '../../context.ts';
import { ConflictingParameters, InvalidValue } from '../../errors/index.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import { verifyNameServerGlue } from '../hosts/set-domain-name-servers.ts';
import { loadOwnedNsset } from '../hosts/nsset-access.ts';
import { verifyNssetGlue } from '../hosts/nsset-input.ts';
import { DEFAULT_SERVICE, resolveService, validateNameServers, type ServiceColumns, type ServiceInput } from './service-input.ts';

export interface DelegationColumns extends ServiceColumns {
  nsset_id: number | null;
}

export async function resolveDelegation(
  ctx: FlowContext,
  accountId: number,
  domainAscii: string,
  policy: TldPolicy,
  service: ServiceInput,
  nsset?: string,
): Promise<DelegationColumns> {
  const cols = resolveService(policy, service);
  if (nsset !== undefined) {
    if (!policy.nssetRequired) throw new InvalidValue('nsset', `.${policy.tld} domains are not delegated through an NSSET`, nsset);
    if (cols.service_mode !== 'regd_dns') throw new ConflictingParameters('nsset', 'nameserver');
    const row = await loadOwnedNsset(ctx, accountId, nsset);
    const nameServers = validateNameServers(policy, row.hosts.map((h) => h.name));
    await verifyNssetGlue(ctx, accountId, domainAscii, row.hosts);
    return { ...DEFAULT_SERVICE, service_mode: 'custom_ns', name_servers: JSON.stringify(nameServers), nsset_id: row.id };
  }
  if (cols.service_mode === 'custom_ns') {
    if (policy.nssetRequired) throw new InvalidValue('nameserver', `.${policy.tld} domains are delegated through an NSSET`);
    await verifyNameServerGlue(ctx, accountId, domainAscii, JSON.parse(cols.name_servers) as string[]);
  }
  return { ...cols, nsset_id: null };
}
