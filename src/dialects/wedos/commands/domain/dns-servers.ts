/**
 * The `dns` / `nsset` parameter of domain-create, domain-update-ns and
 * domain-transfer, and how it becomes a delegation in the engine.
 *
 * - `dns` with servers: {server1: {name, addr_ip4?, addr_ip6?}, server2: …}
 *   (servers in the order of their number), or from XML a repeated
 *   `server` element; a plain list is accepted too. Any malformed entry is
 *   2210.
 * - `dns` present but empty ("", {}, []): regd's own name servers (WEDOS's
 *   default servers).
 * - `nsset` (.cz only): the handle of one of the account's NSSETs, or
 *   "WEDOS" (any case) for regd's own name servers, as WEDOS's default
 *   NSSET. An empty or malformed handle, or an NSSET on another TLD, is 2209.
 *
 * Addresses are glue: for a name server under the domain itself, or under
 * another live domain of the account, the host object is created or its
 * addresses replaced before the delegation is set. For other name servers
 * (under a domain someone else holds, or outside the TLDs regd offers) the
 * addresses are not regd's to publish and are ignored.
 */
import { canonicalIp, getDomain, isRegdError, parseHostName, registryDomainOf, upsertHost, type ErrorCode, type RegdError } from '../../../../core/index.ts';
import { WapiError, type WapiData, type WapiCall } from '../../command.ts';

export interface NameServerSpec {
  /** A-label host name. */
  readonly name: string;
  /** Canonical glue addresses (IPv4 first); may be empty. */
  readonly addresses: readonly string[];
}

export type Delegation =
  /** Name servers; an empty list means regd's own. */
  | { readonly kind: 'dns'; readonly servers: readonly NameServerSpec[] }
  /** An NSSET handle, or null for regd's own name servers ("WEDOS"). */
  | { readonly kind: 'nsset'; readonly handle: string | null };

/** The handle that stands for regd's own name servers, as WEDOS's default NSSET does. */
export const DEFAULT_NSSET = 'WEDOS';

const INVALID_DNS = 2210;
const INVALID_NSSET = 2209;

/** `dns` or `nsset` from data; undefined when neither is present. Both at once is 2101. */
export function parseDelegation(data: WapiData): Delegation | undefined {
  const hasDns = data.dns !== undefined && data.dns !== null;
  const hasNsset = data.nsset !== undefined && data.nsset !== null;
  if (hasDns && hasNsset) throw new WapiError(2101, 'Invalid parameter value: give either dns or nsset, not both');
  if (hasNsset) return { kind: 'nsset', handle: parseNsset(data.nsset) };
  if (hasDns) return { kind: 'dns', servers: parseServers(data.dns) };
  return undefined;
}

function parseNsset(v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') throw new WapiError(INVALID_NSSET);
  const handle = v.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]{2,29}$/.test(handle)) throw new WapiError(INVALID_NSSET);
  return handle === DEFAULT_NSSET ? null : handle;
}

function parseServers(v: unknown): NameServerSpec[] {
  if (v === '') return [];
  const entries = serverEntries(v);
  const servers = entries.map(parseServer);
  if (new Set(servers.map((s) => s.name)).size !== servers.length) throw new WapiError(INVALID_DNS, 'Invalid DNS server format: the same server is listed twice');
  return servers;
}

/** The server entries in order: server1, server2, … by number; a `server` list (XML); or a plain list. */
function serverEntries(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'object' || v === null) throw new WapiError(INVALID_DNS);
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'server') {
    const inner = obj.server;
    if (inner === '' || inner === null || inner === undefined) return [];
    return Array.isArray(inner) ? inner : [inner];
  }
  const numbered = keys.map((k) => {
    const m = /^server(\d{1,2})$/.exec(k);
    if (!m) throw new WapiError(INVALID_DNS, `Invalid DNS server format: unexpected element ${k.slice(0, 40)}`);
    return { n: Number(m[1]), value: obj[k] };
  });
  if (new Set(numbered.map((e) => e.n)).size !== numbered.length) throw new WapiError(INVALID_DNS);
  return numbered.sort((a, b) => a.n - b.n).map((e) => e.value);
}

function parseServer(v: unknown): NameServerSpec {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WapiError(INVALID_DNS);
  const s = v as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (key !== 'name' && key !== 'addr_ip4' && key !== 'addr_ip6') throw new WapiError(INVALID_DNS, `Invalid DNS server format: unexpected element ${key.slice(0, 40)}`);
  }
  if (typeof s.name !== 'string' || s.name.trim() === '') throw new WapiError(INVALID_DNS);
  let name: string;
  try {
    name = parseHostName(s.name.trim(), 'dns');
  } catch (e) {
    if (isRegdError(e)) throw new WapiError(INVALID_DNS, `Invalid DNS server format: ${s.name.trim().slice(0, 255)}`);
    throw e;
  }
  const addresses = [address(s.addr_ip4, 4), address(s.addr_ip6, 6)].filter((a): a is string => a !== undefined);
  return { name, addresses };
}

function address(v: unknown, family: 4 | 6): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  try {
    const ip = canonicalIp(typeof v === 'string' ? v.trim() : v, `addr_ip${family}`);
    if (ip.family === family) return ip.address;
  } catch (e) {
    if (!isRegdError(e)) throw e;
  }
  throw new WapiError(INVALID_DNS, `Invalid DNS server format: addr_ip${family}`);
}

/** Whether the TLD of a domain delegates through NSSETs (.cz). */
export function nssetTld(call: WapiCall, tld: string): boolean {
  return call.policy.get(tld).nssetRequired;
}

/**
 * The checks that depend on the domain's TLD: own servers are refused
 * where NSSETs are required, an NSSET where they are not.
 */
export function verifyDelegationForTld(call: WapiCall, tld: string, d: Delegation): void {
  const cz = nssetTld(call, tld);
  if (d.kind === 'nsset' && !cz) throw new WapiError(INVALID_NSSET, `Invalid NSSET format: .${tld} domains are not delegated through an NSSET`);
  if (d.kind === 'dns' && cz && d.servers.length > 0) throw new WapiError(INVALID_DNS, `Invalid DNS server format: .${tld} domains are delegated through an NSSET`);
}

/** Name servers that lie under `domain` itself (their glue can only exist once the domain does). */
export function serversUnder(call: WapiCall, domain: string, servers: readonly NameServerSpec[]): NameServerSpec[] {
  return servers.filter((s) => registryDomainOf(call.policy, s.name) === domain);
}

/**
 * Writes the glue of the given servers that belong to the account: hosts
 * under `domain` (which must exist by now) or under another live domain of
 * the account. Servers without addresses, and the others, are left alone.
 */
export async function writeGlue(call: WapiCall, domain: string, servers: readonly NameServerSpec[]): Promise<void> {
  for (const s of servers) {
    if (s.addresses.length === 0) continue;
    const parent = registryDomainOf(call.policy, s.name);
    if (parent === null) continue;
    if (parent !== domain && !(await ownsDomain(call, parent))) continue;
    await call.run(upsertHost, { name: s.name, addresses: s.addresses });
  }
}

async function ownsDomain(call: WapiCall, name: string): Promise<boolean> {
  try {
    await call.run(getDomain, { name });
    return true;
  } catch (e) {
    // A read that found nothing: no SQL error, the transaction goes on.
    if (isRegdError(e) && e.code === 'DOMAIN_NOT_FOUND') return false;
    throw e;
  }
}

/** Runs `fn`, answering the engine's refusals of a delegation with 2209 (NSSET) or 2210 (name servers). */
/** The codes withDelegationRefusals answers (2209 or 2210). */
export const DELEGATION_CODES = [
  'NSSET_NOT_FOUND', 'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT', 'GLUE_REQUIRED', 'GLUE_NOT_ALLOWED', 'HOST_NOT_FOUND', 'HOST_ALREADY_EXISTS', 'HOST_PARENT_NOT_OWNED',
] as const satisfies readonly ErrorCode[];

export async function withDelegationRefusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const code = isRegdError(e) ? delegationErrorCode(e) : undefined;
    throw code !== undefined ? new WapiError(code) : e;
  }
}

function delegationErrorCode(e: RegdError): number | undefined {
  switch (e.code) {
    case 'NSSET_NOT_FOUND':
      return INVALID_NSSET;
    case 'INVALID_HOST_NAME':
    case 'INVALID_NAME_SERVER_COUNT':
    case 'GLUE_REQUIRED':
    case 'GLUE_NOT_ALLOWED':
    case 'HOST_NOT_FOUND':
    case 'HOST_ALREADY_EXISTS':
    case 'HOST_PARENT_NOT_OWNED':
      return INVALID_DNS;
    case 'INVALID_VALUE':
    case 'CONFLICTING_PARAMETERS': {
      const param = String(e.details.param ?? '');
      if (param === 'nsset') return INVALID_NSSET;
      return param === 'nameserver' || param === 'ip' || param === 'dns' ? INVALID_DNS : undefined;
    }
    default:
      return undefined;
  }
}
