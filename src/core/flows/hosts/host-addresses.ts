/**
 * Glue addresses of a name server: up to ten (Dynadot ip0-ip9), each
 * validated and written in one canonical text form, duplicates dropped,
 * IPv4 before IPv6 (request order kept within a family). IPv6 follows
 * RFC 5952 (lower case, no leading zeros, the longest zero run as "::"),
 * which is what the WHATWG URL serializer produces.
 */
import { InvalidValue } from '../../errors/index.ts';
import { normalizeIp } from '../../validate.ts';

export const MAX_HOST_ADDRESSES = 10;

/** A list of addresses in canonical form; `param` names the request field in errors. */
export function canonicalAddresses(input: unknown, param = 'ip'): string[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) throw new InvalidValue(param, 'a list of IP addresses is required', input);
  const v4: string[] = [];
  const v6: string[] = [];
  for (const item of input) {
    const { address, family } = canonicalIp(item, param);
    const bucket = family === 4 ? v4 : v6;
    if (!bucket.includes(address)) bucket.push(address);
  }
  const all = [...v4, ...v6];
  if (all.length > MAX_HOST_ADDRESSES) throw new InvalidValue(param, `at most ${MAX_HOST_ADDRESSES} addresses per name server`, input);
  return all;
}

/**
 * One address in canonical form. Zone indices ("fe80::1%eth0"), the
 * unspecified address and multicast / reserved ranges are refused: a name
 * server cannot be reached there.
 */
export function canonicalIp(input: unknown, param = 'ip'): { address: string; family: 4 | 6 } {
  const { address, family } = normalizeIp(input, param);
  if (family === 4) {
    const first = Number(address.split('.')[0]);
    if (address === '0.0.0.0' || first >= 224) throw new InvalidValue(param, 'not a usable name server address', input);
    return { address, family };
  }
  if (address.includes('%')) throw new InvalidValue(param, 'an IPv6 address without a zone index is required', input);
  const canonical = ipv6Canonical(address);
  if (canonical === undefined) throw new InvalidValue(param, 'a valid IPv4 or IPv6 address is required', input);
  if (canonical === '::' || canonical.startsWith('ff')) throw new InvalidValue(param, 'not a usable name server address', input);
  return { address: canonical, family };
}

function ipv6Canonical(address: string): string | undefined {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/** Same addresses in the same order. */
export function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
