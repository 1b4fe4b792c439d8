/**
 * The DNS-relevant rows of the store, mirrored in memory and kept current
 * from the DNS change log (core/publication: change-feed.ts, read through a DnsSource): domains (service mode, name
 * servers, lifecycle timestamps), dns_zones (serials), hosts (glue),
 * NSSETs, and the published records of hosted zones. Triggers log every
 * change to those rows in the writing transaction, so a poll reads just
 * the rows the log names (one statement when nothing changed) and compares
 * their content; a row deleted, a transaction that committed late, a
 * writer that set no timestamp are all in the log. It reports which
 * domains, hosts and NSSETs changed; the publisher decides which zones to
 * rebuild.
 */
import type { DnsChange, DnsDomainRow, DnsRecordView, DnsSource, DnsNssetRow } from '../../core/index.ts';
import { hash53 } from './hash53.ts';

export type DomainEntry = DnsDomainRow;

export interface ZoneEntry {
  readonly serial: number;
  readonly defaultTtl: number;
}

export interface HostEntry {
  readonly id: number;
  readonly name: string;
  readonly addresses: readonly string[];
}

/** What changed in a large hosted zone, record by record (its zone row may have a new serial too). */
export interface RecordPatch {
  readonly removed: DnsRecordView[];
  readonly added: DnsRecordView[];
}

/**
 * Zones with at least this many published records keep them here between
 * rebuilds (by record id), and a change of a few records (the change log's
 * 'y' and 'r' rows, migration 0023) is applied to the served zone as a
 * patch of just those records: the work of a change does not grow with
 * the zone. Smaller zones are rebuilt whole (cheap), their records not kept.
 */
export const TRACK_MIN_RECORDS = 1_000;

export interface Changes {
  /** Domains whose row changed (their hosted zone and their TLD zone). */
  readonly domains: ReadonlySet<number>;
  /** Domains whose published records or zone settings changed (their hosted zone only, rebuilt whole). */
  readonly zones: ReadonlySet<number>;
  /** Large zones (TRACK_MIN_RECORDS) changed record by record, or in their serial only (an empty patch). */
  readonly patches: ReadonlyMap<number, RecordPatch>;
  /** Host names whose addresses changed (or that appeared or went). */
  readonly hosts: ReadonlySet<string>;
  readonly nssets: ReadonlySet<number>;
}

/**
 * On the embedded store, which only this process writes, the server polls
 * when a write is announced (engine.commits); this often it polls anyway,
 * for a writer that did not announce (one cheap statement).
 */
export const UNANNOUNCED_POLL_INTERVAL_MS = 10_000;

interface MutableChanges {
  readonly domains: Set<number>;
  readonly zones: Set<number>;
  readonly patches: Map<number, RecordPatch>;
  readonly hosts: Set<string>;
  readonly nssets: Set<number>;
}

function emptyChanges(): MutableChanges {
  return { domains: new Set(), zones: new Set(), patches: new Map(), hosts: new Set(), nssets: new Set() };
}

export class StoreMirror {
  readonly domains = new Map<number, DomainEntry>();
  /** Live rows by name (a name has at most one live row). */
  readonly byName = new Map<string, DomainEntry>();
  /** Every domain id ever seen → its name (rows that leave the mirror keep theirs). */
  readonly names = new Map<number, string>();
  readonly zones = new Map<number, ZoneEntry>();
  /**
   * Published records of the zones about to be (re)built, by domain id. Not
   * kept between rebuilds: the built zone holds the data, and a rebuild
   * rereads the records of the zones it touches (ensureRecords).
   */
  readonly records = new Map<number, readonly DnsRecordView[]>();
  readonly hostsById = new Map<number, HostEntry>();
  readonly hostsByName = new Map<string, HostEntry>();
  readonly nssets = new Map<number, DnsNssetRow['hosts']>();
  /** The published records of the large zones (TRACK_MIN_RECORDS), by domain id and record id, kept between rebuilds. */
  readonly #tracked = new Map<number, Map<number, DnsRecordView>>();
  /** Record id → its domain, for the records of the tracked zones (a deleted record names no zone). */
  readonly #trackedZoneOf = new Map<number, number>();
  /** A hash of each row's content as last seen (hashes, not the text: 100,000 domains stay cheap). */
  readonly #contentKeys = new Map<string, number>();
  readonly #source: DnsSource;
  readonly #feed;
  #unreported: MutableChanges = emptyChanges();
  #lastPollAt = -Infinity;

  constructor(source: DnsSource) {
    this.#source = source;
    this.#feed = source.changeReader();
  }

  /** True when UNANNOUNCED_POLL_INTERVAL_MS have passed since the last poll. */
  pollDue(): boolean {
    return performance.now() - this.#lastPollAt >= UNANNOUNCED_POLL_INTERVAL_MS;
  }

  /**
   * Reads what the change log names since the last poll; `full` rereads
   * every row (start-up, reload). A log that lost rows this mirror had not
   * read (pruned while it lagged) makes the poll reread every row too, every
   * zone's records included.
   */
  async poll(full = false): Promise<Changes> {
    // Changes found by a poll that then failed are reported by the next (the rows already compare equal then).
    const changes = this.#unreported;
    this.#lastPollAt = performance.now();
    if (full || this.#feed.mark === undefined) {
      await this.#source.analyze();
      await this.#feed.start();
      await this.#readAll(changes);
    } else {
      const read = await this.#feed.read();
      if (read.reset || read.changes.some((c) => c.kind === '*')) await this.#readAll(changes);
      else if (read.changes.length > 0) await this.#apply(read.changes, changes);
      this.#feed.done();
    }
    if (this.#feed.pruneDue()) await this.#feed.prune();
    this.#unreported = emptyChanges();
    return changes;
  }

  /** True when the row's content differs from the last seen. */
  #differs(key: string, content: string): boolean {
    const h = hash53(content);
    if (this.#contentKeys.get(key) === h) return false;
    this.#contentKeys.set(key, h);
    return true;
  }

  /** Every row of every table, every zone's records; every zone reported as changed (its records may have). */
  async #readAll(changes: MutableChanges): Promise<void> {
    await this.#readDomains(undefined, changes);
    const before = [...this.zones.keys()];
    this.zones.clear();
    for (const r of await this.#source.zones()) this.zones.set(r.domainId, { serial: r.serial, defaultTtl: r.defaultTtl });
    await this.#loadRecords(undefined);
    for (const id of [...before, ...this.zones.keys(), ...this.records.keys()]) changes.zones.add(id);
    await this.#readHosts(undefined, changes);
    await this.#readNssets(undefined, changes);
  }

  /** Rereads the rows the log names. */
  async #apply(log: readonly DnsChange[], changes: MutableChanges): Promise<void> {
    // 's' a zone's dns_zones row; 'y' a few of its records (each also as 'r'); 'z' many of them (migration 0023).
    const ids = { d: new Set<number>(), z: new Set<number>(), s: new Set<number>(), y: new Set<number>(), r: new Set<number>(), h: new Set<number>(), n: new Set<number>() };
    for (const c of log) ids[c.kind as keyof typeof ids]?.add(c.ref);
    if (ids.d.size > 0) await this.#readDomains([...ids.d], changes);
    // A few records of a tracked zone: patched; of another zone: its records reread.
    for (const id of ids.y) if (!this.#tracked.has(id)) ids.z.add(id);
    if (ids.z.size > 0) await this.#readZones([...ids.z], changes);
    const patched = [...ids.y].filter((id) => !ids.z.has(id));
    if (patched.length > 0 && ids.r.size > 0) await this.#patchRecords([...ids.r], changes);
    const settingsOnly = [...ids.s].filter((id) => !ids.z.has(id));
    if (settingsOnly.length > 0) await this.#readZoneRows(settingsOnly, changes);
    if (ids.h.size > 0) await this.#readHosts([...ids.h], changes);
    if (ids.n.size > 0) await this.#readNssets([...ids.n], changes);
  }

  /** The domains of `ids` (a row gone or released leaves the mirror), or every live domain when `ids` is undefined. */
  async #readDomains(ids: readonly number[] | undefined, changes: { domains: Set<number> }): Promise<void> {
    const rows = await this.#source.domains(ids);
    const present = new Set<number>();
    for (const entry of rows) {
      present.add(entry.id);
      if (!this.#differs(`d${entry.id}`, JSON.stringify(entry))) continue;
      changes.domains.add(entry.id);
      this.names.set(entry.id, entry.name);
      if (entry.releasedAt !== null) this.#forget(entry.id);
      else {
        this.domains.set(entry.id, entry);
        this.byName.set(entry.name, entry);
      }
    }
    for (const id of ids ?? [...this.domains.keys()]) {
      if (present.has(id) || !this.domains.has(id)) continue;
      this.#forget(id);
      this.#contentKeys.delete(`d${id}`);
      changes.domains.add(id);
    }
  }

  #forget(id: number): void {
    const old = this.domains.get(id);
    if (!old) return;
    this.domains.delete(id);
    if (this.byName.get(old.name)?.id === id) this.byName.delete(old.name);
  }

  /** The zone rows and published records of these domains: each reported as changed (the publisher compares the content). */
  async #readZones(ids: readonly number[], changes: MutableChanges): Promise<void> {
    for (const id of ids) changes.zones.add(id);
    await this.#readZoneRows(ids, changes);
    await this.#loadRecords(ids);
  }

  /**
   * The zone rows (serial, default TTL) of these domains: each reported as
   * changed; a tracked zone whose default TTL stayed as it was, as a patch
   * (its serial alone moved).
   */
  async #readZoneRows(ids: readonly number[], changes: MutableChanges): Promise<void> {
    const rows = await this.#source.zones(ids);
    const before = new Map(ids.map((id) => [id, this.zones.get(id)]));
    for (const id of ids) this.zones.delete(id);
    for (const r of rows) this.zones.set(r.domainId, { serial: r.serial, defaultTtl: r.defaultTtl });
    for (const id of ids) {
      const was = before.get(id);
      const now = this.zones.get(id);
      if (this.#tracked.has(id) && !changes.zones.has(id) && was !== undefined && now !== undefined && was.defaultTtl === now.defaultTtl) this.#patchOf(changes, id);
      else changes.zones.add(id);
    }
  }

  #patchOf(changes: MutableChanges, domainId: number): RecordPatch {
    let p = changes.patches.get(domainId);
    if (!p) changes.patches.set(domainId, (p = { removed: [], added: [] }));
    return p;
  }

  /** The records the log names, applied to the tracked zones they belong (or belonged) to. */
  async #patchRecords(recordIds: readonly number[], changes: MutableChanges): Promise<void> {
    const rows = await this.#source.recordsById(recordIds);
    const found = new Set<number>();
    const drop = (domainId: number, recordId: number) => {
      const old = this.#tracked.get(domainId)?.get(recordId);
      this.#trackedZoneOf.delete(recordId);
      if (!old) return;
      this.#tracked.get(domainId)!.delete(recordId);
      this.#patchOf(changes, domainId).removed.push(old);
    };
    for (const row of rows) {
      found.add(row.id);
      const was = this.#trackedZoneOf.get(row.id);
      if (was !== undefined) drop(was, row.id);
      const zone = this.#tracked.get(row.domainId);
      // A record of a zone not tracked: that zone's 'y' row made its records be reread whole.
      if (!zone || changes.zones.has(row.domainId)) continue;
      if (row.view) {
        zone.set(row.id, row.view);
        this.#trackedZoneOf.set(row.id, row.domainId);
        this.#patchOf(changes, row.domainId).added.push(row.view);
      }
    }
    for (const id of recordIds) {
      const was = this.#trackedZoneOf.get(id);
      if (!found.has(id) && was !== undefined) drop(was, id);
    }
  }

  /** Keeps (or stops keeping) a zone's records by id, after its records were read whole. */
  #track(domainId: number, list: readonly DnsRecordView[] | undefined): void {
    const old = this.#tracked.get(domainId);
    if (old) for (const id of old.keys()) this.#trackedZoneOf.delete(id);
    if (!list || list.length < TRACK_MIN_RECORDS) {
      this.#tracked.delete(domainId);
      return;
    }
    const map = new Map<number, DnsRecordView>();
    for (const r of list) {
      map.set(r.id, r);
      this.#trackedZoneOf.set(r.id, domainId);
    }
    this.#tracked.set(domainId, map);
  }

  /** The published records of these zones (every zone when `ids` is undefined), through the same view the flows use. */
  async #loadRecords(ids: readonly number[] | undefined): Promise<void> {
    const byDomain = await this.#source.records(ids);
    if (ids === undefined) {
      this.records.clear();
      for (const id of [...this.#tracked.keys()]) if (!byDomain.has(id)) this.#track(id, undefined);
    }
    for (const id of ids ?? []) {
      this.records.set(id, []);
      if (!byDomain.has(id)) this.#track(id, undefined);
    }
    for (const [id, list] of byDomain) {
      this.records.set(id, list);
      this.#track(id, list);
    }
  }

  /** Makes sure the records of these domains are at hand for a rebuild (a tracked zone's from memory, in id order). */
  async ensureRecords(domainIds: Iterable<number>): Promise<void> {
    const missing: number[] = [];
    for (const id of domainIds) {
      if (this.records.has(id)) continue;
      const kept = this.#tracked.get(id);
      if (kept) this.records.set(id, [...kept.values()].sort((a, b) => a.id - b.id));
      else missing.push(id);
    }
    if (missing.length > 0) await this.#loadRecords(missing);
  }

  /** The hosts of `ids` (a row gone leaves the mirror), or every host when `ids` is undefined. */
  async #readHosts(ids: readonly number[] | undefined, changes: { hosts: Set<string> }): Promise<void> {
    const rows = await this.#source.hosts(ids);
    const present = new Set<number>();
    for (const r of rows) {
      present.add(r.id);
      const entry: HostEntry = { id: r.id, name: r.name, addresses: r.addresses };
      if (!this.#differs(`h${r.id}`, JSON.stringify(entry))) continue;
      const old = this.hostsById.get(r.id);
      if (old) {
        if (this.hostsByName.get(old.name)?.id === r.id) this.hostsByName.delete(old.name);
        changes.hosts.add(old.name);
      }
      this.hostsById.set(r.id, entry);
      this.hostsByName.set(entry.name, entry);
      changes.hosts.add(entry.name);
    }
    for (const id of ids ?? [...this.hostsById.keys()]) {
      const old = this.hostsById.get(id);
      if (present.has(id) || !old) continue;
      this.hostsById.delete(id);
      if (this.hostsByName.get(old.name)?.id === id) this.hostsByName.delete(old.name);
      this.#contentKeys.delete(`h${id}`);
      changes.hosts.add(old.name);
    }
  }

  /** The NSSETs of `ids` (a row gone leaves the mirror), or every NSSET when `ids` is undefined. */
  async #readNssets(ids: readonly number[] | undefined, changes: { nssets: Set<number> }): Promise<void> {
    const rows = await this.#source.nssets(ids);
    const present = new Set<number>();
    for (const r of rows) {
      present.add(r.id);
      if (!this.#differs(`n${r.id}`, JSON.stringify(r.hosts))) continue;
      this.nssets.set(r.id, r.hosts);
      changes.nssets.add(r.id);
    }
    for (const id of ids ?? [...this.nssets.keys()]) {
      if (present.has(id) || !this.nssets.has(id)) continue;
      this.nssets.delete(id);
      this.#contentKeys.delete(`n${id}`);
      changes.nssets.add(id);
    }
  }
}
