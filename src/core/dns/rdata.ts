/**
 * A record's data as one line of text, in zone-file order without owner,
 * class and TTL (`10 mail.example.net`, `10 5 5060 sip.example.net`,
 * `0 issue "letsencrypt.org"`), split into the engine's record fields: the
 * form APIs that take "rdata" (WAPI `rdata`, Dynadot's srv `sub_record`)
 * send. Lenient on purpose: text that does not split into the type's
 * fields is left whole in `value` (and a malformed number undefined), so
 * that validateDnsRecord refuses it by the field's own name. A, AAAA,
 * CNAME, NS and TXT are the text itself (TXT without quotes).
 */
import type { DnsRecordInput } from './record-types.ts';

export function recordFromRdata(type: string, name: string, ttl: number | undefined, rdata: string): DnsRecordInput {
  const t = type.trim().toUpperCase();
  const base = { type: t, name, ...(ttl !== undefined ? { ttl } : {}) };
  const words = rdata.trim().split(/\s+/);
  switch (t) {
    case 'MX': {
      const [pref, host, ...rest] = words;
      return rest.length === 0 && host !== undefined ? { ...base, priority: whole(pref), value: host } : { ...base, value: rdata };
    }
    case 'SRV': {
      const [priority, weight, port, target, ...rest] = words;
      return rest.length === 0 && target !== undefined
        ? { ...base, priority: whole(priority), weight: whole(weight), port: whole(port), value: target }
        : { ...base, value: rdata };
    }
    case 'CAA': {
      const m = /^\s*(\d+)\s+([A-Za-z0-9]+)\s+(.*?)\s*$/s.exec(rdata);
      if (!m) return { ...base, value: rdata };
      const value = m[3]!.length >= 2 && m[3]!.startsWith('"') && m[3]!.endsWith('"') ? m[3]!.slice(1, -1) : m[3]!;
      return { ...base, flags: whole(m[1]), tag: m[2]!, value };
    }
    default:
      return { ...base, value: rdata };
  }
}

/** A whole number, or undefined so that the engine refuses the field by name. */
function whole(s: string | undefined): number | undefined {
  return s !== undefined && /^\d{1,10}$/.test(s) ? Number(s) : undefined;
}
