/**
 * Rules that hold for a whole zone rather than one record: no two identical
 * records (same owner, type and data; the TTL is not part of a record's
 * identity, RFC 2181 §5), and CNAME exclusivity (RFC 1034 §3.6.2: a CNAME
 * owner holds no other data; the apex always holds SOA and NS, so it can
 * never be a CNAME).
 */
import { CnameConflict, DnsRecordExists } from '../errors/index.ts';
import { APEX } from './dns-names.ts';
import type { DnsRecordData } from './record-types.ts';

/** The data of a record in zone-file order, e.g. "10 mail.example.net" or "0 issue letsencrypt.org". */
export function rdataText(r: DnsRecordData): string {
  switch (r.type) {
    case 'MX':
      return `${r.priority} ${r.value}`;
    case 'SRV':
      return `${r.priority} ${r.weight} ${r.port} ${r.value}`;
    case 'CAA':
      return `${r.flags} ${r.tag} ${r.value}`;
    default:
      return r.value;
  }
}

/** Identity of a resource record: owner, type and data. */
export function recordKey(r: DnsRecordData): string {
  return JSON.stringify([r.name, r.type, r.priority, r.weight, r.port, r.flags, r.tag, r.value]);
}

/** Throws the first rule a set of records breaks: DnsRecordExists or CnameConflict. */
export function verifyZoneRecords(records: readonly DnsRecordData[]): void {
  const seen = new Set<string>();
  const typesByOwner = new Map<string, string[]>();
  for (const r of records) {
    const key = recordKey(r);
    if (seen.has(key)) throw new DnsRecordExists(r.name, r.type, rdataText(r));
    seen.add(key);
    const types = typesByOwner.get(r.name) ?? [];
    types.push(r.type);
    typesByOwner.set(r.name, types);
  }
  for (const [owner, types] of typesByOwner) {
    if (!types.includes('CNAME')) continue;
    if (owner === APEX) throw new CnameConflict(owner, 'the zone apex cannot be a CNAME');
    if (types.length > 1) {
      const other = types.filter((t) => t !== 'CNAME');
      throw new CnameConflict(owner, other.length === 0 ? 'a name can have only one CNAME' : `a CNAME cannot coexist with ${[...new Set(other)].join(', ')} records`);
    }
  }
}
