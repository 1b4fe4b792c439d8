/**
 * A served zone as an RFC 1035 master file, exactly as the server publishes
 * it (SOA, NS, delegations, glue, implied service records, catalog PTRs):
 * what `regd dns export` prints for zones that are not plain hosted zones,
 * and what the NSD differential test loads. Owners are absolute.
 */
import { fqdn } from './names.ts';
import { T, typeName, type Rr } from './rr.ts';
import type { Zone } from './zone.ts';

export function zoneText(zone: Zone): string {
  const lines = [`$ORIGIN ${fqdn(zone.apex)}`];
  for (const r of zone.records) lines.push(`${fqdn(r.name)}\t${r.ttl}\tIN\t${typeName(r.type)}\t${rdataText(r)}`);
  return lines.join('\n') + '\n';
}

export function rdataText(r: Rr): string {
  const d = r.data as never as Record<string, unknown>;
  switch (r.type) {
    case T.A:
    case T.AAAA:
      return String(r.data);
    case T.NS:
    case T.CNAME:
    case T.PTR:
      return absolute(String(r.data));
    case T.MX:
      return `${d.preference} ${absolute(String(d.exchange))}`;
    case T.SOA:
      return `${absolute(String(d.mname))} ${absolute(String(d.rname))} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    case T.SRV:
      return `${d.priority} ${d.weight} ${d.port} ${absolute(String(d.target))}`;
    case T.TXT:
      return (r.data as (Buffer | string)[]).map((s) => quote(Buffer.from(s))).join(' ');
    case T.CAA:
      return `${d.flags ?? 0} ${d.tag} ${quote(Buffer.from(String(d.value)))}`;
    default:
      throw new RangeError(`no presentation format for ${typeName(r.type)}`);
  }
}

function absolute(name: string): string {
  return name === '.' || name === '' ? '.' : name.endsWith('.') ? name : `${name}.`;
}

/** A <character-string>: '"' and '\' escaped, bytes outside printable ASCII as \DDD. */
function quote(bytes: Buffer): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += '\\' + String(b).padStart(3, '0');
  }
  return out + '"';
}
