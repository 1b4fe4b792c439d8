/**
 * What the DNS service reads from the store, and the one thing it writes
 * (its IXFR journal), as core's queries: the service holds a `DnsSource`,
 * never a database handle. The reads are the DNS-relevant columns of
 * domains, hosted zones and their published records, hosts and NSSETs, by
 * id (the rows the change log names) or whole; the change log reader
 * (change-feed.ts) is bound to the same store.
 */
import { sql } from 'kysely';
import type { Engine } from '../engine.ts';
import type { Db, EmailForward, NssetHost, ServiceMode } from '../../store/index.ts';
import { modelOf, zoneView, type DnsRecordView } from '../flows/dns/record-rows.ts';
import { DnsChangeFeed, type FeedRead } from './change-feed.ts';

/** The domains columns the DNS service reads: the change log's trigger on domains (migration 0014) fires when one of them changes. */
const DOMAIN_COLUMNS = [
  'id', 'name', 'tld', 'service_mode', 'name_servers', 'nsset_id', 'email_forward', 'created_at', 'create_completes_at',
  'expires_at', 'add_grace_ends_at', 'deleted_at', 'released_at', 'updated_at',
] as const;

/** Ids per `in (...)` list. */
const CHUNK = 1_000;

export interface DnsDomainRow {
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

export interface DnsZoneRow {
  readonly domainId: number;
  readonly serial: number;
  readonly defaultTtl: number;
}

export interface DnsHostRow {
  readonly id: number;
  readonly name: string;
  readonly addresses: readonly string[];
}

export interface DnsNssetRow {
  readonly id: number;
  readonly hosts: readonly NssetHost[];
}

/** One stored IXFR journal entry; records as base64 wire format (the service's codec). */
export interface DnsJournalRow {
  readonly zone: string;
  readonly fromSerial: number;
  readonly toSerial: number;
  readonly toDigest: number;
  readonly fromSoa: string;
  readonly toSoa: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

export interface DnsRecordById {
  readonly id: number;
  readonly domainId: number;
  readonly view: DnsRecordView | null;
}

/** The change log reader, bound to the store (see change-feed.ts). */
export interface DnsChangeReader {
  readonly mark: string | undefined;
  start(): Promise<void>;
  read(): Promise<FeedRead>;
  done(): void;
  pruneDue(now?: number): boolean;
  prune(now?: number): Promise<void>;
}

export interface DnsSource {
  /** Fresh planner statistics for the tables read whole (PGlite has no autovacuum). */
  analyze(): Promise<void>;
  /** A new change log reader. */
  changeReader(): DnsChangeReader;
  /** The domains of `ids` (any state), or every live domain. */
  domains(ids?: readonly number[]): Promise<DnsDomainRow[]>;
  /** The hosted zones of these domains, or every hosted zone. */
  zones(ids?: readonly number[]): Promise<DnsZoneRow[]>;
  /** The published records of these domains' zones (every zone when undefined), by domain id, through the view the flows use. */
  records(ids?: readonly number[]): Promise<Map<number, DnsRecordView[]>>;
  /** These records (the change log's 'r' rows): each one's zone and its published view (null: not published, a staged addition); a record gone is not returned. */
  recordsById(ids: readonly number[]): Promise<DnsRecordById[]>;
  hosts(ids?: readonly number[]): Promise<DnsHostRow[]>;
  nssets(ids?: readonly number[]): Promise<DnsNssetRow[]>;
  /** The account and service of the live domain of this name (zone export). */
  holderOf(name: string): Promise<{ readonly accountId: number; readonly serviceMode: ServiceMode } | undefined>;
  /** Every journal entry, oldest first per zone. */
  loadJournal(): Promise<DnsJournalRow[]>;
  /** In one transaction: forget these zones' entries, append these, keep the newest `keep` per zone touched. */
  writeJournal(forgotten: readonly string[], entries: readonly DnsJournalRow[], keep: number): Promise<void>;
}

export function dnsSource(engine: Pick<Engine, 'store'>): DnsSource {
  return new StoreDnsSource(engine.store.db);
}

class StoreDnsSource implements DnsSource {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async analyze(): Promise<void> {
    try {
      await sql`analyze domains, dns_zones, dns_records, hosts, nssets, dns_changes`.execute(this.#db);
    } catch {
      // Not the tables' owner (a shared PostgreSQL): its autovacuum keeps the statistics.
    }
  }

  changeReader(): DnsChangeReader {
    const db = this.#db;
    const feed = new DnsChangeFeed();
    return {
      get mark() {
        return feed.mark;
      },
      start: () => feed.start(db),
      read: () => feed.read(db),
      done: () => feed.done(),
      pruneDue: (now) => feed.pruneDue(now),
      prune: (now) => feed.prune(db, now),
    };
  }

  async domains(ids?: readonly number[]): Promise<DnsDomainRow[]> {
    const rows = await byIds(ids, (chunk) =>
      this.#db.selectFrom('domains').select(DOMAIN_COLUMNS)
        .$if(chunk === undefined, (q) => q.where('released_at', 'is', null))
        .$if(chunk !== undefined, (q) => q.where('id', 'in', chunk!))
        .execute());
    return rows.map((r) => ({
      id: r.id, name: r.name, tld: r.tld, serviceMode: r.service_mode, nameServers: r.name_servers, nssetId: r.nsset_id,
      emailForward: r.email_forward, createdAt: r.created_at, createCompletesAt: r.create_completes_at, expiresAt: r.expires_at,
      addGraceEndsAt: r.add_grace_ends_at, deletedAt: r.deleted_at, releasedAt: r.released_at, updatedAt: r.updated_at,
    }));
  }

  async zones(ids?: readonly number[]): Promise<DnsZoneRow[]> {
    const rows = await byIds(ids, (chunk) =>
      this.#db.selectFrom('dns_zones').select(['domain_id', 'serial', 'default_ttl'])
        .$if(chunk !== undefined, (q) => q.where('domain_id', 'in', chunk!))
        .execute());
    return rows.map((r) => ({ domainId: r.domain_id, serial: r.serial, defaultTtl: r.default_ttl }));
  }

  async records(ids?: readonly number[]): Promise<Map<number, DnsRecordView[]>> {
    const rows = await byIds(ids, (chunk) =>
      this.#db.selectFrom('dns_records').selectAll()
        .$if(chunk !== undefined, (q) => q.where('domain_id', 'in', chunk!))
        .orderBy('domain_id').orderBy('id').execute());
    const byDomain = new Map<number, typeof rows>();
    for (const r of rows) {
      const list = byDomain.get(r.domain_id);
      if (list) list.push(r);
      else byDomain.set(r.domain_id, [r]);
    }
    const out = new Map<number, DnsRecordView[]>();
    for (const [id, list] of byDomain) out.set(id, zoneView(list.map(modelOf), 'published'));
    return out;
  }

  async recordsById(ids: readonly number[]): Promise<DnsRecordById[]> {
    const rows = await byIds(ids, (chunk) => this.#db.selectFrom('dns_records').selectAll().where('id', 'in', chunk!).execute());
    return rows.map((r) => ({ id: r.id, domainId: r.domain_id, view: zoneView([modelOf(r)], 'published')[0] ?? null }));
  }

  hosts(ids?: readonly number[]): Promise<DnsHostRow[]> {
    return byIds(ids, (chunk) =>
      this.#db.selectFrom('hosts').select(['id', 'name', 'addresses']).$if(chunk !== undefined, (q) => q.where('id', 'in', chunk!)).execute());
  }

  nssets(ids?: readonly number[]): Promise<DnsNssetRow[]> {
    return byIds(ids, (chunk) =>
      this.#db.selectFrom('nssets').select(['id', 'hosts']).$if(chunk !== undefined, (q) => q.where('id', 'in', chunk!)).execute());
  }

  async holderOf(name: string): Promise<{ readonly accountId: number; readonly serviceMode: ServiceMode } | undefined> {
    const row = await this.#db.selectFrom('domains').select(['account_id', 'service_mode'])
      .where('name', '=', name).where('released_at', 'is', null).executeTakeFirst();
    return row && { accountId: row.account_id, serviceMode: row.service_mode };
  }

  async loadJournal(): Promise<DnsJournalRow[]> {
    const rows = await this.#db.selectFrom('dns_journal').selectAll().orderBy('zone').orderBy('id').execute();
    return rows.map((r) => ({
      zone: r.zone, fromSerial: r.from_serial, toSerial: r.to_serial, toDigest: Number(r.to_digest),
      fromSoa: r.from_soa, toSoa: r.to_soa, removed: r.removed, added: r.added,
    }));
  }

  async writeJournal(forgotten: readonly string[], entries: readonly DnsJournalRow[], keep: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      if (forgotten.length > 0) await trx.deleteFrom('dns_journal').where('zone', 'in', [...forgotten]).execute();
      for (let i = 0; i < entries.length; i += 500) {
        await trx.insertInto('dns_journal').values(entries.slice(i, i + 500).map((e) => ({
          zone: e.zone, from_serial: e.fromSerial, to_serial: e.toSerial, to_digest: e.toDigest,
          from_soa: e.fromSoa, to_soa: e.toSoa, removed: JSON.stringify(e.removed), added: JSON.stringify(e.added),
        }))).execute();
      }
      const zones = [...new Set(entries.map((e) => e.zone))];
      if (zones.length > 0) {
        await sql`delete from dns_journal j where j.zone in (${sql.join(zones)}) and j.id not in (
          select k.id from dns_journal k where k.zone = j.zone order by k.id desc limit ${keep})`.execute(trx);
      }
    });
  }
}

/** Rows of these ids, `in` lists of at most CHUNK; every row when `ids` is undefined. */
async function byIds<T>(ids: readonly number[] | undefined, read: (chunk: readonly number[] | undefined) => Promise<T[]>): Promise<T[]> {
  if (ids === undefined) return read(undefined);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

/**
 * Prunes the change log where no DNS server reads it (`dns.enabled: false`):
 * the mark is sampled every PRUNE_INTERVAL_MS, and rows older than
 * RETENTION_MS are deleted as a reader would. stop() waits for a prune in
 * progress.
 */
export function startDnsChangePruner(source: DnsSource, onError: (err: unknown) => void, intervalMs: number): { stop(): Promise<void> } {
  const reader = source.changeReader();
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = (async () => {
      await reader.start();
      await reader.prune();
    })().catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
