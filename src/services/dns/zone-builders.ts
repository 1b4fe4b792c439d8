/**
 * What each served zone contains, as pure functions of the mirrored store
 * rows and the DNS options:
 *
 * - a hosted zone (a domain on regd's name servers): SOA, regd's apex NS,
 *   and the published records — or, for URL forwarding, stealth, parking
 *   and hosting, the A/AAAA of regd's service at the apex and www; MX for
 *   e-mail forwarding;
 * - (a TLD zone regd operates is kept by TldZone, one delegation at a time);
 * - the service zone that holds regd's own host names;
 * - the catalog zone (RFC 9432) listing every other zone.
 */
import { createHash } from 'node:crypto';
import type { DnsRecordView } from '../../core/flows/dns/index.ts';
import { txtCharacterStrings } from '../../core/dns/index.ts';
import { isIPv4 } from 'node:net';
import { fqdn, isAtOrBelow } from './names.ts';
import type { DnsOptions } from './options.ts';
import { makeRr, type Rr } from './rr.ts';
import { buildZone, type Zone } from './zone.ts';
import type { EmailForward, ServiceMode } from '../../core/index.ts';

/** The service modes whose zone regd serves itself (the domain is delegated to regd's name servers). */
export const SERVED_MODES: ReadonlySet<ServiceMode> = new Set(['regd_dns', 'forward', 'stealth', 'parking', 'hosting']);

export interface HostedZoneInput {
  readonly apex: string;
  readonly serial: number;
  /** TTL of the SOA and apex NS (the zone's default TTL). */
  readonly ttl: number;
  readonly serviceMode: ServiceMode;
  readonly emailForward: EmailForward;
  /** Published records (regd_dns); ignored for the other modes. */
  readonly records: readonly DnsRecordView[];
}

export function buildHostedZone(input: HostedZoneInput, o: DnsOptions): Zone {
  const { apex } = input;
  const rrs: Rr[] = [soaRecord(apex, input.serial, input.ttl, o), ...o.nameServers.map((ns) => makeRr(apex, 'NS', input.ttl, fqdn(ns)))];
  if (input.serviceMode === 'regd_dns') {
    for (const r of input.records) rrs.push(recordRr(apex, r));
  } else {
    const addresses = input.serviceMode === 'parking' ? o.parkingAddresses : input.serviceMode === 'hosting' ? o.hostingAddresses : o.forwardAddresses;
    for (const owner of [apex, `www.${apex}`]) rrs.push(...addressRrs(owner, o.ttl, addresses));
  }
  const hasOwnMx = input.serviceMode === 'regd_dns' && input.records.some((r) => r.type === 'MX' && r.name === '@');
  if (!hasOwnMx) rrs.push(...mailRrs(apex, o.ttl, input.emailForward, o));
  return buildZone({ apex, kind: 'hosted', records: rrs });
}

export function buildServiceZone(serial: number, o: DnsOptions): Zone {
  const apex = o.serviceZone;
  const rrs: Rr[] = [soaRecord(apex, serial, o.ttl, o), ...o.nameServers.map((ns) => makeRr(apex, 'NS', o.ttl, fqdn(ns)))];
  for (const [host, addresses] of Object.entries(o.serviceHosts)) {
    if (isAtOrBelow(host, apex)) rrs.push(...addressRrs(host, o.ttl, addresses));
  }
  return buildZone({ apex, kind: 'service', records: rrs });
}

/** RFC 9432 §4: version 2, one PTR per member under zones.<catalog>, with a stable unique label per member. */
export function buildCatalogZone(serial: number, members: readonly string[], o: DnsOptions): Zone {
  const apex = o.catalogZone;
  const rrs: Rr[] = [
    soaRecord(apex, serial, 0, o),
    // §4.1: the NS record is required by the zone format and points nowhere.
    makeRr(apex, 'NS', 0, 'invalid.'),
    makeRr(`version.${apex}`, 'TXT', 0, ['2']),
  ];
  for (const zone of [...members].sort()) rrs.push(catalogMember(zone, o));
  return buildZone({ apex, kind: 'catalog', records: rrs });
}

/** A member zone's PTR record in the catalog (RFC 9432 §4.3). */
export function catalogMember(zone: string, o: DnsOptions): Rr {
  return makeRr(`${memberLabel(zone)}.zones.${o.catalogZone}`, 'PTR', 0, fqdn(zone));
}

/** The catalog's SOA (TTL 0, as every catalog record). */
export function catalogSoa(serial: number, o: DnsOptions): Rr {
  return soaRecord(o.catalogZone, serial, 0, o);
}

/** A member's unique label: a hash of its name, so it is the same on every rebuild and every restart. */
export function memberLabel(zone: string): string {
  return createHash('sha256').update(zone).digest('hex').slice(0, 16);
}

/** A zone's SOA record with regd's name server, hostmaster and timers. */
export function soaRecord(apex: string, serial: number, ttl: number, o: DnsOptions): Rr {
  return makeRr(apex, 'SOA', ttl, {
    mname: fqdn(o.nameServers[0]!), rname: fqdn(o.hostmaster), serial: serial >>> 0,
    refresh: o.soa.refresh, retry: o.soa.retry, expire: o.soa.expire, minimum: o.soa.minimum,
  });
}

function addressRrs(owner: string, ttl: number, addresses: readonly string[]): Rr[] {
  return addresses.map((a) => makeRr(owner, isIPv4(a) ? 'A' : 'AAAA', ttl, a));
}

function mailRrs(apex: string, ttl: number, forward: EmailForward, o: DnsOptions): Rr[] {
  if (forward.type === 'forward') return o.mailExchangers.map((mx, i) => makeRr(apex, 'MX', ttl, { preference: 10 * (i + 1), exchange: fqdn(mx) }));
  if (forward.type === 'mx') return forward.mx.map((m) => makeRr(apex, 'MX', ttl, { preference: m.distance, exchange: fqdn(m.host) }));
  return [];
}

/** A record of a hosted zone (owner relative to the apex, as the store keeps it) as an Rr. */
export function recordRr(apex: string, r: DnsRecordView): Rr {
  const owner = r.name === '@' ? apex : `${r.name}.${apex}`;
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return makeRr(owner, r.type, r.ttl, r.value);
    case 'CNAME':
    case 'NS':
      return makeRr(owner, r.type, r.ttl, fqdn(r.value));
    case 'MX':
      return makeRr(owner, 'MX', r.ttl, { preference: r.priority ?? 0, exchange: r.value === '.' ? '.' : fqdn(r.value) });
    case 'TXT':
      return makeRr(owner, 'TXT', r.ttl, txtCharacterStrings(r.value).map((b) => Buffer.from(b)));
    case 'SRV':
      return makeRr(owner, 'SRV', r.ttl, { priority: r.priority ?? 0, weight: r.weight ?? 0, port: r.port ?? 0, target: r.value === '.' ? '.' : fqdn(r.value) });
    case 'CAA':
      return makeRr(owner, 'CAA', r.ttl, { flags: r.flags ?? 0, tag: r.tag ?? 'issue', value: r.value });
  }
}
