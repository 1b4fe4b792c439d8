/**
 * WEDOS rows ⇄ engine records.
 *
 * A row is {ID, name, ttl, rdtype, rdata, changed_date, author_comment},
 * every value a string (lego reads ID as a string and ttl as a number in a
 * string). `name` is relative to the zone, "" for the apex. `rdata` is the
 * record's data in zone-file order without the owner, class and TTL:
 *
 * | type        | rdata                          | example                          |
 * |-------------|--------------------------------|----------------------------------|
 * | A, AAAA     | the address                    | `192.0.2.1`                      |
 * | CNAME, NS   | the host, no trailing dot      | `web.example.net`                |
 * | MX          | preference, host               | `10 mail.example.net`            |
 * | TXT         | the text itself, no quotes     | `v=spf1 -all`                    |
 * | SRV         | priority, weight, port, target | `10 5 5060 sip.example.net`      |
 * | CAA         | flags, tag, quoted value       | `0 issue "letsencrypt.org"`      |
 *
 * Host names are accepted with or without the trailing dot. The rdata text
 * is split into the engine's fields by core (recordFromRdata).
 */
import { rdataText, type DnsRecordNote, type DnsRecordView } from '../../../../core/index.ts';
import type { WireData } from '../../command.ts';
import { pragueDateTime } from '../../prague.ts';

/**
 * One row as dns-rows-list and dns-row-detail show it: `changed_date` is the
 * record's last change ("YYYY-MM-DD HH:MM:SS", Prague time, as WEDOS writes
 * dates with a time), `author_comment` the `auth_comment` it was added with.
 */
export function wireRow(r: DnsRecordView, note: DnsRecordNote | undefined): WireData {
  return {
    ID: String(r.id),
    name: r.name === '@' ? '' : r.name,
    ttl: String(r.ttl),
    rdtype: r.type,
    rdata: wireRdata(r),
    changed_date: note ? pragueDateTime(note.changedAt) : '',
    author_comment: note?.comment ?? '',
  };
}

export function wireRdata(r: DnsRecordView): string {
  // As the zone file writes it, but with the CAA value quoted as WEDOS shows it.
  return r.type === 'CAA' ? `${r.flags} ${r.tag} "${r.value}"` : rdataText(r);
}
