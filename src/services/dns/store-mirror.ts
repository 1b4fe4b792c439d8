/**
 * The DNS-relevant rows of the store, mirrored in memory and kept current by
 * polling: domains (service mode, name servers, lifecycle timestamps),
 * dns_zones (serials), hosts (glue), NSSETs, and the published records of
 * hosted zones. A poll reads only rows whose updated_at moved past what was
 * seen (with an overlap for transactions that committed late) and compares
 * their content, so it is cheap when nothing changed and catches changes
 * made under a frozen clock; a periodic checksum of each table catches the
 * rest (a clock set backwards, a deleted row). It reports which domains,
 * hosts and NSSETs changed; the publisher decides which zones to rebuild.
 */
import { sql } from 'kysely';
import type { Db, EmailForward, NssetHost, ServiceMode } from '../../store/index.ts';
import { modelOf, zoneView, type DnsRecordView } from '../../core/flows/dns/record-rows.ts';
import { publishedRecords } from '../../core/flows/dns/index.ts';
import { hash53 } from './hash53.ts';

export interface DomainEntry {
  readonly id: number;
  readonly name: string;
  readonly tld: string;
  readonly serviceMode: ServiceMode;
  readonly nameServers: readonly string[];
  readonly nssetId: number | null;
  readonly emailForward: EmailForward;
  readonly createdAt: Date;
  readonly createCompletesAt: Date | null;
  readonly expiresAt: Date;
  readonly addGraceEndsAt: Date | null;
  readonly deletedAt: Date | null;
  readonly releasedAt: Date | null;
  readonly updatedAt: Date;
}

export interface ZoneEntry {
  readonly serial: number;
  readonly defaultTtl: number;
}

export interface HostEntry {
  readonly id: number;
  readonly name: string;
  readonly addresses: readonly string[];
}

export interface Changes {
  /** Domains whose row changed (their hosted zone and their TLD zone). */
  readonly domains: ReadonlySet<number>;
  /** Domains whose published records or zone settings changed (their hosted zone only). */
  readonly zones: ReadonlySet<number>;
  /** Host names whose addresses changed (or that appeared or went). */
  readonly hosts: ReadonlySet<string>;
  readonly nssets: ReadonlySet<number>;
}

/** Rows committed up to this long after their updated_at (a flow's `now` is read when it starts) are still seen by the next poll. */
export const POLL_OVERLAP_MS = 5_000;
/**
 * How often every table's row count and id sum are compared with the
 * mirror's, to catch what updated_at cannot show (a deleted row). Each check
 * scans the tables, which with the embedded PGlite runs on the server's own
 * thread: seconds apart, not milliseconds.
 */
export const CHECKSUM_INTERVAL_MS = 10_000;

type Table = 'domains' | 'dns_zones' | 'hosts' | 'nssets';

interface MutableChanges {
  readonly domains: Set<number>;
  readonly zones: Set<number>;
  readonly hosts: Set<string>;
  readonly nssets: Set<number>;
}

/** Even when the counts agree, every row is reread this often (a transaction that committed long after it started). */
export const RESCAN_INTERVAL_MS = 600_000;

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
  readonly nssets = new Map<number, readonly NssetHost[]>();
  readonly #seen = new Map<Table, number>();
  /** A hash of each row's content as last seen (hashes, not the text: 100,000 domains stay cheap). */
  readonly #contentKeys = new Map<string, number>();
  #lastChecksumAt = 0;
  #lastRescanAt = 0;
  #now = 0;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Reads what changed since the last poll; `full` rereads every row
   * (start-up, checksum mismatch). `nowMs` is the engine's clock, the one
   * updated_at is written with.
   */
  /** True when the next poll compares row counts and id sums (what an announced write cannot show: a row deleted by another process). */
  checksumDue(): boolean {
    return performance.now() - this.#lastChecksumAt >= CHECKSUM_INTERVAL_MS;
  }

  async poll(full = false, nowMs = Date.now()): Promise<Changes> {
    this.#now = nowMs;
    const changes = { domains: new Set<number>(), zones: new Set<number>(), hosts: new Set<string>(), nssets: new Set<number>() };
    const wall = performance.now();
    if (full) await this.#analyze();
    await this.#pollAll(full, full, changes);
    // The cheap incremental poll cannot see a deleted row or a row committed long after its updated_at: the
    // mirror's own row count and id sum are compared with the tables' every few seconds, and everything is
    // reread (without reloading every record) when they differ or when a long interval has passed.
    if (full) {
      this.#lastChecksumAt = wall;
      this.#lastRescanAt = wall;
    } else if (wall - this.#lastChecksumAt >= CHECKSUM_INTERVAL_MS) {
      this.#lastChecksumAt = wall;
      if (wall - this.#lastRescanAt >= RESCAN_INTERVAL_MS || (await this.#checksumsDiffer())) {
        this.#lastRescanAt = wall;
        await this.#pollAll(true, false, changes);
      }
    }
    return changes;
  }

  async #pollAll(rescan: boolean, loadAllRecords: boolean, changes: MutableChanges): Promise<void> {
    // An idle poll is one statement; only the tables that have rows to (re)read get their own query.
    const moved = rescan ? undefined : await this.#moved();
    if (!moved || moved.domains) await this.#pollDomains(rescan, changes);
    if (!moved || moved.dns_zones) await this.#pollZones(rescan, loadAllRecords, changes);
    if (!moved || moved.hosts) await this.#pollHosts(rescan, changes);
    if (!moved || moved.nssets) await this.#pollNssets(rescan, changes);
  }

  /** Which tables have rows that the next poll of each would read, in one round trip. */
  async #moved(): Promise<Record<Table, boolean>> {
    const since = (t: Table) => this.#since(t, false);
    const { rows } = await sql<Record<Table, boolean>>`select
        exists(select 1 from domains where updated_at > ${since('domains')}) as domains,
        exists(select 1 from dns_zones where updated_at > ${since('dns_zones')}) as dns_zones,
        exists(select 1 from hosts where updated_at > ${since('hosts')}) as hosts,
        exists(select 1 from nssets where updated_at > ${since('nssets')}) as nssets`.execute(this.#db);
    return rows[0]!;
  }

  /**
   * Fresh planner statistics for the polled tables. The embedded PGlite has
   * no autovacuum: without statistics after a bulk load, `updated_at > $since`
   * is planned as a table scan on every poll instead of a short index range.
   * With them (and PostgreSQL's probe of the index for values past the
   * histogram) the plan stays right as rows keep coming.
   */
  async #analyze(): Promise<void> {
    try {
      await sql`analyze domains, dns_zones, hosts, nssets`.execute(this.#db);
    } catch {
      // Not the tables' owner (a shared PostgreSQL): its autovacuum keeps the statistics.
    }
  }

  /**
   * Rows newer than the newest seen, and rows written in the last
   * POLL_OVERLAP_MS (a transaction that started earlier may commit after
   * this poll with an older updated_at). Relative to the clock, not to the
   * newest row, so a bulk change is reread for a few seconds, not forever.
   */
  #since(table: Table, full: boolean): Date {
    const seen = this.#seen.get(table);
    return full || seen === undefined ? new Date(0) : new Date(Math.min(seen, this.#now - POLL_OVERLAP_MS));
  }

  #saw(table: Table, at: Date): void {
    const ms = at.getTime();
    if (ms > (this.#seen.get(table) ?? -Infinity)) this.#seen.set(table, ms);
  }

  /** True when the row's content differs from the last seen. */
  #differs(key: string, content: string): boolean {
    const h = hash53(content);
    if (this.#contentKeys.get(key) === h) return false;
    this.#contentKeys.set(key, h);
    return true;
  }

  async #pollDomains(full: boolean, changes: { domains: Set<number> }): Promise<void> {
    const rows = await this.#db
      .selectFrom('domains')
      .select([
        'id', 'name', 'tld', 'service_mode', 'name_servers', 'nsset_id', 'email_forward', 'created_at', 'create_completes_at',
        'expires_at', 'add_grace_ends_at', 'deleted_at', 'released_at', 'updated_at',
      ])
      .where('updated_at', '>', this.#since('domains', full))
      .$if(full, (q) => q.where('released_at', 'is', null))
      .execute();
    const present = new Set<number>();
    for (const r of rows) {
      this.#saw('domains', r.updated_at);
      present.add(r.id);
      const entry: DomainEntry = {
        id: r.id, name: r.name, tld: r.tld, serviceMode: r.service_mode, nameServers: r.name_servers, nssetId: r.nsset_id,
        emailForward: r.email_forward, createdAt: r.created_at, createCompletesAt: r.create_completes_at, expiresAt: r.expires_at,
        addGraceEndsAt: r.add_grace_ends_at, deletedAt: r.deleted_at, releasedAt: r.released_at, updatedAt: r.updated_at,
      };
      if (!this.#differs(`d${r.id}`, JSON.stringify(entry))) continue;
      changes.domains.add(r.id);
      this.names.set(r.id, r.name);
      if (r.released_at !== null) this.#forget(r.id);
      else {
        this.domains.set(r.id, entry);
        this.byName.set(r.name, entry);
      }
    }
    if (full) {
      for (const id of this.domains.keys()) {
        if (present.has(id)) continue;
        this.#forget(id);
        this.#contentKeys.delete(`d${id}`);
        changes.domains.add(id);
      }
    }
  }

  #forget(id: number): void {
    const old = this.domains.get(id);
    if (!old) return;
    this.domains.delete(id);
    if (this.byName.get(old.name)?.id === id) this.byName.delete(old.name);
  }

  async #pollZones(full: boolean, loadAllRecords: boolean, changes: { zones: Set<number> }): Promise<void> {
    const rows = await this.#db
      .selectFrom('dns_zones')
      .select(['domain_id', 'serial', 'default_ttl', 'updated_at'])
      .where('updated_at', '>', this.#since('dns_zones', full))
      .execute();
    const changed: number[] = [];
    for (const r of rows) {
      this.#saw('dns_zones', r.updated_at);
      // updated_at is part of the content: a staged change moves it without a serial, and the published view is reread to be sure.
      if (!this.#differs(`z${r.domain_id}`, `${r.serial}|${r.default_ttl}|${r.updated_at.getTime()}`)) continue;
      this.zones.set(r.domain_id, { serial: r.serial, defaultTtl: r.default_ttl });
      changed.push(r.domain_id);
    }
    if (loadAllRecords) {
      await this.#loadAllRecords();
      for (const id of changed) changes.zones.add(id);
      return;
    }
    for (const id of changed) {
      this.records.set(id, await publishedRecords(this.#db, id));
      changes.zones.add(id);
    }
  }

  /** Start-up: every zone's records in one query, through the same published view the flows use. */
  async #loadAllRecords(): Promise<void> {
    const rows = await this.#db.selectFrom('dns_records').selectAll().orderBy('domain_id').orderBy('id').execute();
    const byDomain = new Map<number, typeof rows>();
    for (const r of rows) {
      const list = byDomain.get(r.domain_id);
      if (list) list.push(r);
      else byDomain.set(r.domain_id, [r]);
    }
    this.records.clear();
    for (const [id, list] of byDomain) this.records.set(id, zoneView(list.map(modelOf), 'published'));
  }

  /** Makes sure the records of these domains are at hand for a rebuild. */
  async ensureRecords(domainIds: Iterable<number>): Promise<void> {
    for (const id of domainIds) if (!this.records.has(id)) this.records.set(id, await publishedRecords(this.#db, id));
  }

  async #pollHosts(full: boolean, changes: { hosts: Set<string> }): Promise<void> {
    const rows = await this.#db.selectFrom('hosts').select(['id', 'name', 'addresses', 'updated_at']).where('updated_at', '>', this.#since('hosts', full)).execute();
    const present = new Set<number>();
    for (const r of rows) {
      this.#saw('hosts', r.updated_at);
      present.add(r.id);
      const entry: HostEntry = { id: r.id, name: r.name, addresses: r.addresses };
      if (!this.#differs(`h${r.id}`, JSON.stringify(entry))) continue;
      const old = this.hostsById.get(r.id);
      if (old) {
        this.hostsByName.delete(old.name);
        changes.hosts.add(old.name);
      }
      this.hostsById.set(r.id, entry);
      this.hostsByName.set(entry.name, entry);
      changes.hosts.add(entry.name);
    }
    if (full) {
      for (const [id, old] of this.hostsById) {
        if (present.has(id)) continue;
        this.hostsById.delete(id);
        this.hostsByName.delete(old.name);
        this.#contentKeys.delete(`h${id}`);
        changes.hosts.add(old.name);
      }
    }
  }

  async #pollNssets(full: boolean, changes: { nssets: Set<number> }): Promise<void> {
    const rows = await this.#db.selectFrom('nssets').select(['id', 'hosts', 'updated_at']).where('updated_at', '>', this.#since('nssets', full)).execute();
    const present = new Set<number>();
    for (const r of rows) {
      this.#saw('nssets', r.updated_at);
      present.add(r.id);
      if (!this.#differs(`n${r.id}`, JSON.stringify(r.hosts))) continue;
      this.nssets.set(r.id, r.hosts);
      changes.nssets.add(r.id);
    }
    if (full) {
      for (const id of this.nssets.keys()) {
        if (present.has(id)) continue;
        this.nssets.delete(id);
        this.#contentKeys.delete(`n${id}`);
        changes.nssets.add(id);
      }
    }
  }

  /** True when a table's row count or id sum differs from the mirror's (domains: the live rows). */
  async #checksumsDiffer(): Promise<boolean> {
    const { rows } = await sql<Record<string, string>>`select
        (select count(*) || ':' || coalesce(sum(id), 0) from domains where released_at is null) as domains,
        (select count(*) || ':' || coalesce(sum(domain_id), 0) from dns_zones) as dns_zones,
        (select count(*) || ':' || coalesce(sum(id), 0) from hosts) as hosts,
        (select count(*) || ':' || coalesce(sum(id), 0) from nssets) as nssets`.execute(this.#db);
    const mine = (ids: Iterable<number>) => {
      let n = 0;
      let sum = 0;
      for (const id of ids) {
        n++;
        sum += id;
      }
      return `${n}:${sum}`;
    };
    const row = rows[0]!;
    return row.domains !== mine(this.domains.keys()) || row.dns_zones !== mine(this.zones.keys()) || row.hosts !== mine(this.hostsById.keys()) || row.nssets !== mine(this.nssets.keys());
  }
}

