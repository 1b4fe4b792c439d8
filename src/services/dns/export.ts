/**
 * Zones as master files, for `regd dns export` and for loading NSD in the
 * differential test. A hosted zone on regd's DNS goes through the engine's
 * exportZone flow (the records as the customer keeps them, with the SOA and
 * apex NS the server publishes); every other zone regd serves — TLD zones,
 * forwarding/parking zones, the service and catalog zones — is written
 * from the zone the server builds.
 */
import { OPERATOR } from '../../core/context.ts';
import type { Engine } from '../../core/engine.ts';
import { exportZone } from '../../core/flows/dns/index.ts';
import { dnsSource } from '../../core/index.ts';
import { DnsIndex } from './dns-index.ts';
import { DnsMetrics } from './metrics.ts';
import { normalizeName } from './names.ts';
import type { DnsOptions } from './options.ts';
import { ZonePublisher } from './publisher.ts';
import { StoreMirror } from './store-mirror.ts';
import { JournalStore } from './xfr/journal-store.ts';
import { zoneText } from './zone-text.ts';
import type { Zone } from './zone.ts';

/**
 * Every zone the server would publish now, by apex, with the serials it
 * publishes: the stored IXFR journal (read, never written here) holds the
 * serial and content digest each zone was last published with, and a zone
 * whose content is unchanged keeps that serial.
 */
export async function loadPublishedZones(engine: Engine, options: DnsOptions): Promise<DnsIndex> {
  const index = new DnsIndex();
  const journalStore = options.journalSize > 0 ? new JournalStore(dnsSource(engine), options.journalSize, { persist: false }) : undefined;
  const publisher = new ZonePublisher({
    engine, options, index, mirror: new StoreMirror(dnsSource(engine)), metrics: new DnsMetrics(), onChange() {},
    ...(journalStore ? { journalStore } : {}),
  });
  await publisher.loadAll();
  return index;
}

/** The zone with this apex, or undefined when regd does not serve it. */
export async function loadZoneForExport(engine: Engine, options: DnsOptions, apex: string): Promise<Zone | undefined> {
  return (await loadPublishedZones(engine, options)).zone(normalizeName(apex));
}

/** The master file of a served zone, or undefined when regd does not serve it. */
export async function exportZoneText(engine: Engine, options: DnsOptions, apex: string, index?: DnsIndex): Promise<string | undefined> {
  const name = normalizeName(apex);
  const zone = (index ?? (await loadPublishedZones(engine, options))).zone(name);
  if (!zone) return undefined;
  if (zone.kind === 'hosted') {
    const holder = await dnsSource(engine).holderOf(name);
    if (holder?.serviceMode === 'regd_dns') {
      const soa = zone.records[0]!.data as { mname: string; rname: string; refresh: number; retry: number; expire: number; minimum: number };
      const result = await engine.run(
        exportZone,
        {
          accountId: holder.accountId, name,
          soa: { mname: soa.mname, rname: soa.rname, refresh: soa.refresh, retry: soa.retry, expire: soa.expire, minimum: soa.minimum },
          nameServers: options.nameServers,
        },
        { actor: OPERATOR, source: 'dns-export' },
      );
      // The server may have moved the serial past the store's (a change the store's serial does not show).
      return result.serial === zone.serial ? result.text : zoneText(zone);
    }
  }
  return zoneText(zone);
}
