/**
 * NSSETs (CZ.NIC style, used by .cz through WEDOS): a named set of 2-10 name
 * servers, each carrying its own addresses. Handles are upper case; regd
 * generates REGD-N<id> when none is given, so that prefix is reserved.
 */
import type { FlowContext } from '../../context.ts';
import { InvalidNameServerCount, InvalidValue, MissingParameter } from '../../errors/index.ts';
import type { NssetHost } from '../../../store/index.ts';
import { canonicalAddresses } from './host-addresses.ts';
import { hostNameOf } from './host-access.ts';
import { registryDomainOf, verifyGlue } from './bailiwick.ts';
import { verifyNameServerGlue } from './set-domain-name-servers.ts';

export const NSSET_HOSTS = { min: 2, max: 10 } as const;
const HANDLE = /^[A-Z0-9][A-Z0-9_-]{2,29}$/;
const GENERATED_HANDLE = /^REGD-N\d+$/;

export function generatedNssetHandle(id: number): string {
  return `REGD-N${id}`;
}

/** A handle from a request, upper-cased; `generated` allows regd's own REGD-N<id> form (lookups). */
export function nssetHandleOf(input: unknown, options: { param?: string; generated?: boolean } = {}): string {
  const param = options.param ?? 'nsset';
  if (input === undefined || input === null || input === '') throw new MissingParameter(param);
  if (typeof input !== 'string') throw new InvalidValue(param, 'an NSSET handle is required', input);
  const handle = input.trim().toUpperCase();
  if (!HANDLE.test(handle)) throw new InvalidValue(param, '3 to 30 letters, digits, "-" or "_", starting with a letter or digit', input);
  if (!options.generated && GENERATED_HANDLE.test(handle)) throw new InvalidValue(param, 'handles of the form REGD-N<number> are assigned by regd', input);
  return handle;
}

export interface NssetHostInput {
  readonly name: string;
  readonly addresses?: readonly string[];
}

/**
 * The hosts of an NSSET: names in A-label form, no repeats, 2-10 of them.
 * A host under a domain of this registry needs glue: its own addresses in
 * the set, or else an existing host object with addresses. Other hosts take
 * no addresses.
 */
export async function nssetHostsOf(ctx: FlowContext, accountId: number, input: unknown, param = 'hosts'): Promise<NssetHost[]> {
  if (!Array.isArray(input)) throw new InvalidValue(param, 'a list of name servers is required', input);
  const hosts: NssetHost[] = input.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw new InvalidValue(param, 'each name server needs a name', item);
    const h = item as Partial<NssetHostInput>;
    const name = hostNameOf(h.name, param);
    const addresses = canonicalAddresses(h.addresses);
    if (registryDomainOf(ctx.policy, name) === null) verifyGlue(name, null, addresses);
    return { name, addresses };
  });
  if (new Set(hosts.map((h) => h.name)).size !== hosts.length) throw new InvalidValue(param, 'the same name server is listed twice', input);
  if (hosts.length < NSSET_HOSTS.min || hosts.length > NSSET_HOSTS.max) {
    throw new InvalidNameServerCount(hosts.length, NSSET_HOSTS.min, NSSET_HOSTS.max, param);
  }
  await verifyNssetGlue(ctx, accountId, '', hosts);
  return hosts;
}

/** Glue of an NSSET's hosts for a delegation of `domainAscii` ('' when none): hosts without their own addresses need a host object. */
export async function verifyNssetGlue(ctx: FlowContext, accountId: number, domainAscii: string, hosts: readonly NssetHost[]): Promise<void> {
  const bare = hosts.filter((h) => h.addresses.length === 0).map((h) => h.name);
  await verifyNameServerGlue(ctx, accountId, domainAscii, bare);
}
