/**
 * The `dns` element of nsset-create: the name servers, each {name,
 * addr_ipv4?, addr_ipv6?} (WEDOS's NSSET pages; addr_ip4 / addr_ip6 as in
 * domain-create are accepted too). Accepted shapes: {server: [ … ]} or
 * {server: { … }} (what XML's repeated <server> becomes), {server1: …,
 * server2: …} (in number order), or a plain list. An address value may be
 * one address, several separated by commas or spaces, or a list. Anything
 * else is 2210; more than ten servers is 2211.
 */
import { NSSET_HOSTS, type NssetHostInput } from '../../../../core/index.ts';
import { WapiError } from '../../command.ts';

const INVALID_DNS = 2210;

export function nssetServers(v: unknown): NssetHostInput[] {
  if (v === undefined || v === null || v === '') throw new WapiError(2100, 'Required parameter missing: dns');
  const entries = serverEntries(v);
  if (entries.length > NSSET_HOSTS.max) throw new WapiError(2211);
  return entries.map(server);
}

function serverEntries(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'object' || v === null) throw new WapiError(INVALID_DNS);
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'server') return Array.isArray(obj.server) ? obj.server : [obj.server];
  const numbered = keys.map((k) => {
    const m = /^server(\d{1,2})$/.exec(k);
    if (!m) throw new WapiError(INVALID_DNS, `Invalid DNS server format: unexpected element ${k.slice(0, 40)}`);
    return { n: Number(m[1]), value: obj[k] };
  });
  return numbered.sort((a, b) => a.n - b.n).map((e) => e.value);
}

function server(v: unknown): NssetHostInput {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WapiError(INVALID_DNS);
  const s = v as Record<string, unknown>;
  if (typeof s.name !== 'string' || s.name.trim() === '') throw new WapiError(INVALID_DNS);
  const addresses = [...addressList(s.addr_ipv4 ?? s.addr_ip4), ...addressList(s.addr_ipv6 ?? s.addr_ip6)];
  return { name: s.name.trim(), addresses };
}

function addressList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  const items = Array.isArray(v) ? v : [v];
  return items.flatMap((item) => {
    if (typeof item !== 'string') throw new WapiError(INVALID_DNS, 'Invalid DNS server format: an address must be text');
    return item.split(/[\s,]+/).filter((a) => a !== '');
  });
}
