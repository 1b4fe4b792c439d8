/**
 * Name servers the gaining account names for a transferred domain (WEDOS
 * domain-transfer `dns`): undefined keeps the domain's delegation as it is;
 * `[]` returns it to regd's own name servers; a list of host names sets
 * them. They are checked when the transfer is requested, by the rules of
 * setDomainNameServers (TLD delegation style, count bounds, host name
 * syntax, glue), kept on the transfer row (`transfers.name_servers`) and set
 * by handOverDomain when the domain arrives: at once for a transfer that
 * completes at once, on approval or auto-approval for a pending one.
 *
 * Glue: a name server under the transferred domain itself ("ns1.example.com"
 * for "example.com") needs a host object with addresses, which only the
 * domain's holder can give. A transfer that completes at once accepts one
 * that exists with addresses (it moves with the domain); a pending transfer
 * refuses it (NameServerAwaitsTransfer): the holder could change or delete
 * it meanwhile, and the gaining account can give its glue only once the
 * domain has arrived. Name servers under other domains registered here must
 * exist with addresses now, like any delegation; while the transfer waits
 * they count as in use (hosts/delete-host.ts), so the stored list is set
 * as it is when the transfer completes.
 */
import type { FlowContext } from '../../context.ts';
import { GlueRequired, InvalidValue, NameServerAwaitsTransfer } from '../../errors/index.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import type { TransferRow } from '../../../store/index.ts';
import { DEFAULT_SERVICE, validateNameServers, type ServiceColumns } from '../domains/service-input.ts';
import { registryDomainOf } from '../hosts/bailiwick.ts';
import { verifyNameServerGlue } from '../hosts/set-domain-name-servers.ts';

const PARAM = 'nameserver';

/** The domains columns that set a delegation. */
export interface DelegationColumns extends ServiceColumns {
  nsset_id: null;
}

/** The checks that need nothing but the TLD policy: a list, syntax, no repeats, count bounds, not an NSSET TLD. */
export function parseTransferNameServers(policy: TldPolicy, input: readonly string[] | undefined): readonly string[] | undefined {
  if (input === undefined) return undefined;
  if (!Array.isArray(input)) throw new InvalidValue(PARAM, 'a list of host names is required', input);
  if (input.length === 0) return [];
  if (policy.nssetRequired) throw new InvalidValue(PARAM, `.${policy.tld} domains are delegated through an NSSET`, input);
  return validateNameServers(policy, input, PARAM);
}

/**
 * Glue for the named servers of a transfer of `domainAscii` to
 * `gainingAccountId` (see the module comment). Host rows are locked for
 * share, so they cannot be deleted before this transaction commits.
 */
export async function verifyTransferNameServerGlue(
  ctx: FlowContext,
  gainingAccountId: number,
  domainAscii: string,
  servers: readonly string[] | undefined,
  completesAtOnce: boolean,
): Promise<void> {
  if (servers === undefined || servers.length === 0) return;
  const under = servers.filter((h) => registryDomainOf(ctx.policy, h) === domainAscii);
  if (under.length > 0 && !completesAtOnce) throw new NameServerAwaitsTransfer(under[0]!, domainAscii);
  await verifyNameServerGlue(ctx, gainingAccountId, domainAscii, servers.filter((h) => !under.includes(h)));
  if (under.length === 0) return;
  const rows = await ctx.db.selectFrom('hosts').select(['name', 'addresses']).where('name', 'in', under).orderBy('id').forShare().execute();
  const glued = new Set(rows.filter((r) => r.addresses.length > 0).map((r) => r.name));
  const missing = under.find((h) => !glued.has(h));
  if (missing !== undefined) throw new GlueRequired(missing, PARAM);
}

/** The value of `transfers.name_servers` (null: keep the domain's). */
export function storedNameServersValue(servers: readonly string[] | undefined): string | null {
  return servers === undefined ? null : JSON.stringify(servers);
}

/** What a completing transfer sets: undefined keeps the domain's delegation. */
export function nameServersToApply(t: Pick<TransferRow, 'name_servers'>): readonly string[] | undefined {
  const v: unknown = t.name_servers;
  if (!Array.isArray(v) || !v.every((h) => typeof h === 'string')) return undefined;
  return v as string[];
}

/** The columns of a delegation to `servers` ([]: regd's own name servers), as setDomainNameServers writes them. */
export function delegationColumns(servers: readonly string[]): DelegationColumns {
  return servers.length > 0
    ? { ...DEFAULT_SERVICE, service_mode: 'custom_ns', name_servers: JSON.stringify(servers), nsset_id: null }
    : { ...DEFAULT_SERVICE, nsset_id: null };
}
