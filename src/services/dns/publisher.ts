/**
 * Keeps the index equal to what the store says should be published. On
 * each tick it polls the store mirror, works out which zones the changes
 * touch (a domain: its own zone and its delegation in its TLD's; a host: the
 * delegations that name it; an NSSET: its domains' delegations; the clock:
 * domains that changed lifecycle state), rebuilds the hosted zones touched,
 * patches the TLD zones with just the delegations that changed (TldZone),
 * keeps serials moving forward, records IXFR differences and reports each
 * new serial (for NOTIFY). The catalog zone follows the set of zones.
 */
import type { Engine } from '../../core/engine.ts';
import { dateSerial } from '../../core/dns/index.ts';
import { projectDomainAt, type DomainState } from '../../core/lifecycle/project-domain.ts';
import type { DnsIndex } from './dns-index.ts';
import type { DnsMetrics } from './metrics.ts';
import { isAtOrBelow } from './names.ts';
import type { DnsOptions } from './options.ts';
import type { Changes, DomainEntry, RecordPatch, StoreMirror } from './store-mirror.ts';
import { applyToDigest, Journal, zoneDigest } from './xfr/journal.ts';
import type { JournalStore } from './xfr/journal-store.ts';
import { serialNewer } from './xfr/transfer.ts';
import type { Rr } from './rr.ts';
import { buildCatalogZone, buildHostedZone, buildServiceZone, catalogMember, catalogSoa, recordRr, SERVED_MODES, soaRecord } from './zone-builders.ts';
import { buildZone, patchZone, type Zone } from './zone.ts';
import { makeRr } from './rr.ts';
import { TldZone, type TldDomainState } from './tld-zone.ts';

const NO_CHANGES: Changes = Object.freeze({ domains: new Set<number>(), zones: new Set<number>(), patches: new Map(), hosts: new Set<string>(), nssets: new Set<number>() });

/** Lifecycle states in which a domain is delegated and its zone served (redemption and later: on hold). */
export const PUBLISHED_STATES: ReadonlySet<DomainState> = new Set(['active', 'expired']);

export interface ZoneChange {
  readonly apex: string;
  readonly serial: number;
}

export class ZonePublisher {
  readonly journal: Journal;
  readonly #engine: Pick<Engine, 'clock' | 'policy'>;
  readonly #options: DnsOptions;
  readonly #index: DnsIndex;
  readonly #mirror: StoreMirror;
  readonly #metrics: DnsMetrics;
  readonly #onChange: (change: ZoneChange) => void;
  /** apex → instant after which the zone's content may differ (a domain changes state). */
  readonly #validUntil = new Map<string, number>();
  /** No entry of #validUntil is earlier (a removed entry may leave it too early: one needless scan). */
  #earliestUntil = Infinity;
  /** The TLD zones regd operates, kept one delegation at a time. */
  readonly #tlds = new Map<string, TldZone>();
  /** The instant each TldZone's source projects lifecycle states at (the current tick's). */
  readonly #tldClocks = new Map<string, { now: Date }>();
  readonly #journalStore: JournalStore | undefined;
  /** Content digest of each zone in the index. */
  readonly #digests = new Map<string, number>();
  /** Serial and digest each zone was last published with before a restart (from the stored journal), until it is built. */
  readonly #published = new Map<string, { serial: number; digest: number }>();
  /** Serial of zones whose content is regd's configuration (service, catalog): the start time, so a restart moves it forward. */
  readonly #startSerial: number;

  constructor(deps: { engine: Pick<Engine, 'clock' | 'policy'>; options: DnsOptions; index: DnsIndex; mirror: StoreMirror; metrics: DnsMetrics; journalStore?: JournalStore; onChange: (c: ZoneChange) => void }) {
    this.#engine = deps.engine;
    this.#options = deps.options;
    this.#index = deps.index;
    this.#mirror = deps.mirror;
    this.#metrics = deps.metrics;
    this.#onChange = deps.onChange;
    this.journal = new Journal(deps.options.journalSize);
    this.#journalStore = deps.journalStore;
    this.#startSerial = Math.floor(deps.engine.clock.now().getTime() / 1000) >>> 0;
  }

  /** Full load and build of every zone (after reading back the stored journal). */
  async loadAll(): Promise<void> {
    for (const e of (await this.#journalStore?.load()) ?? []) {
      this.journal.recordDelta(e.apex, e.fromSoa, e.toSoa, e.removed, e.added);
      this.#published.set(e.apex, { serial: serialOf(e.toSoa), digest: e.digest });
    }
    await this.#mirror.poll(true);
    this.#rebuild(this.#allApexes(), new Map());
    this.#published.clear();
    await this.#journalStore?.flush();
  }

  /**
   * One round: poll the store (unless `poll` is false: nothing can have been
   * written since the last poll), then rebuild what changed and what the
   * clock moved into another lifecycle state. Returns the zones rebuilt with
   * a new serial.
   */
  async tick(options: { full?: boolean; zone?: string; poll?: boolean } = {}): Promise<readonly ZoneChange[]> {
    const now = this.#engine.clock.now().getTime();
    const changes = options.poll === false && !options.full ? NO_CHANGES : await this.#mirror.poll(options.full === true);
    const dirty = new Set<string>();
    const touched = new Map<string, { names: Set<string>; hosts: Set<string> }>();
    const touch = (apex: string) => {
      let t = touched.get(apex);
      if (!t) touched.set(apex, (t = { names: new Set(), hosts: new Set() }));
      return t;
    };
    for (const id of changes.domains) {
      const d = this.#mirror.domains.get(id);
      const name = d?.name ?? this.#mirror.names.get(id);
      if (name === undefined) continue;
      dirty.add(name);
      const tld = d?.tld ?? this.#tldOf(name);
      if (tld !== undefined && this.#tlds.has(tld)) touch(tld).names.add(name);
    }
    for (const id of changes.zones) {
      const name = this.#mirror.domains.get(id)?.name;
      if (name !== undefined) dirty.add(name);
    }
    for (const host of changes.hosts) {
      for (const [apex, tld] of this.#tlds) if (tld.references(host)) touch(apex).hosts.add(host);
    }
    if (changes.nssets.size > 0) {
      for (const d of this.#mirror.domains.values()) {
        if (d.nssetId !== null && changes.nssets.has(d.nssetId) && this.#tlds.has(d.tld)) touch(d.tld).names.add(d.name);
      }
    }
    if (this.#earliestUntil <= now) {
      // Recomputed over every entry, the due ones included: should the rebuild below fail, the next tick finds them
      // again; once they are rebuilt (#build sets their new instants), the next scan finds nothing due and settles it.
      this.#earliestUntil = Infinity;
      for (const [apex, until] of this.#validUntil) {
        if (until <= now) dirty.add(apex);
        if (until < this.#earliestUntil) this.#earliestUntil = until;
      }
    }
    for (const [apex, tld] of this.#tlds) if (tld.validUntil <= now) for (const name of tld.due(now)) touch(apex).names.add(name);
    if (options.full) for (const apex of this.#allApexes()) dirty.add(apex);
    if (options.zone !== undefined) dirty.add(options.zone);
    // Large zones changed record by record are patched, unless rebuilt whole anyway (their domain changed too).
    const patches = new Map<string, RecordPatch>();
    for (const [id, patch] of changes.patches) {
      const d = this.#mirror.domains.get(id);
      if (d && !dirty.has(d.name)) patches.set(d.name, patch);
    }
    if (dirty.size === 0 && touched.size === 0 && patches.size === 0) return [];
    const hosted = [...dirty].map((apex) => this.#mirror.byName.get(apex)).filter((d) => d !== undefined && d.serviceMode === 'regd_dns').map((d) => d!.id);
    await this.#mirror.ensureRecords(hosted);
    const published = this.#rebuild(dirty, touched, patches);
    if (published.fallback.length > 0) {
      // A patch this zone cannot take (its apex MX or NS changed, or it is not served as it was): rebuilt whole.
      await this.#mirror.ensureRecords(published.fallback.map((apex) => this.#mirror.byName.get(apex)!.id));
      published.push(...this.#rebuild(published.fallback, new Map()));
    }
    await this.#journalStore?.flush();
    return published;
  }

  #tldOf(name: string): string | undefined {
    const tld = this.#engine.policy.findTldOf(name);
    return tld !== undefined && this.#engine.policy.get(tld).operated ? tld : undefined;
  }

  /** Every zone that should exist now. */
  #allApexes(): Set<string> {
    const out = new Set<string>([this.#options.serviceZone]);
    for (const p of this.#engine.policy.list()) if (p.operated) out.add(p.tld);
    for (const d of this.#mirror.domains.values()) out.add(d.name);
    return out;
  }

  /**
   * Rebuilds the `dirty` zones whole, patches the `touched` TLD zones (a TLD
   * in both is rebuilt) and the hosted zones of `patches` record by record;
   * `fallback` lists the patched zones that must be rebuilt whole instead.
   */
  #rebuild(
    dirty: Iterable<string>, touched: ReadonlyMap<string, { names: Set<string>; hosts: Set<string> }>, patches: ReadonlyMap<string, RecordPatch> = new Map(),
  ): ZoneChange[] & { fallback: string[] } {
    const now = this.#engine.clock.now();
    const published = Object.assign([] as ZoneChange[], { fallback: [] as string[] });
    const tlds = new Set(this.#engine.policy.list().filter((p) => p.operated).map((p) => p.tld));
    const joined: string[] = [];
    const left: string[] = [];
    const whole = new Set(dirty);
    for (const apex of whole) {
      const next = tlds.has(apex) ? this.#buildTld(apex, now) : this.#build(apex, now);
      const prev = this.#index.zone(apex);
      if (!next) {
        if (prev) {
          this.#index.delete(apex);
          this.journal.forget(apex);
          this.#journalStore?.forget(apex);
          this.#digests.delete(apex);
          left.push(apex);
        }
        continue;
      }
      const change = this.#install(prev, next.zone, next.storeSerial);
      if (!prev) joined.push(apex);
      if (change) published.push(change);
    }
    for (const [apex, t] of touched) {
      if (whole.has(apex)) continue;
      const change = this.#patchTld(apex, t.names, t.hosts, now);
      if (change) published.push(change);
    }
    for (const [apex, patch] of patches) {
      const change = this.#patchHosted(apex, patch);
      if (change === 'rebuild') published.fallback.push(apex);
      else if (change) published.push(change);
    }
    if (joined.length > 0 || left.length > 0 || !this.#index.zone(this.#options.catalogZone)) {
      const change = this.#updateCatalog(joined, left);
      if (change) published.push(change);
    }
    this.#mirror.records.clear();
    this.#metrics.zoneRebuilds += published.length;
    for (const c of published) this.#onChange(c);
    return published;
  }

  #state(d: DomainEntry, now: Date): { state: DomainState; endsAt: number } {
    const p = projectDomainAt(
      { created_at: d.createdAt, create_completes_at: d.createCompletesAt, expires_at: d.expiresAt, add_grace_ends_at: d.addGraceEndsAt, deleted_at: d.deletedAt, released_at: d.releasedAt },
      this.#engine.policy.get(d.tld),
      now,
    );
    return { state: p.state, endsAt: p.stateEndsAt?.getTime() ?? Infinity };
  }

  #build(apex: string, now: Date): { zone: Zone; storeSerial: number } | undefined {
    const o = this.#options;
    this.#validUntil.delete(apex);
    if (apex === o.catalogZone) return undefined;
    if (apex === o.serviceZone) return { zone: buildServiceZone(this.#startSerial, o), storeSerial: this.#startSerial };
    const d = this.#mirror.byName.get(apex);
    if (!d || !SERVED_MODES.has(d.serviceMode) || !this.#engine.policy.has(d.tld)) return undefined;
    const { state, endsAt } = this.#state(d, now);
    this.#validUntil.set(apex, endsAt);
    if (endsAt < this.#earliestUntil) this.#earliestUntil = endsAt;
    if (!PUBLISHED_STATES.has(state)) return undefined;
    const meta = this.#mirror.zones.get(d.id);
    const storeSerial = meta?.serial ?? dateSerial(d.createdAt);
    const zone = buildHostedZone(
      {
        apex, serial: storeSerial, ttl: meta?.defaultTtl ?? o.ttl, serviceMode: d.serviceMode, emailForward: d.emailForward,
        records: this.#mirror.records.get(d.id) ?? [],
      },
      o,
    );
    return { zone, storeSerial };
  }

  /** A TLD zone built whole from every domain of the TLD (start-up, reloads). */
  #buildTld(apex: string, now: Date): { zone: Zone; storeSerial: number } {
    const tld = this.#tldZone(apex, now);
    const names: string[] = [];
    for (const d of this.#mirror.byName.values()) if (d.tld === apex) names.push(d.name);
    if (this.#servesServiceDelegation(apex)) names.push(this.#options.serviceZone);
    let storeSerial = 1;
    const zone = tld.build(names, (s) => (storeSerial = s));
    return { zone, storeSerial };
  }

  /** Applies changed delegations to a TLD zone in the index: a patched copy, its difference journaled as it is. */
  #patchTld(apex: string, names: Iterable<string>, hosts: Iterable<string>, now: Date): ZoneChange | undefined {
    const prev = this.#index.zone(apex);
    if (!prev || !this.#tlds.has(apex)) return undefined;
    const tld = this.#tldZone(apex, now);
    const delta = tld.update(names, hosts);
    if (delta.removed.length === 0 && delta.added.length === 0) return undefined;
    let serial = Math.max(prev.serial, delta.storeSerial);
    if (serial === prev.serial) serial = (prev.serial + 1) >>> 0;
    const o = this.#options;
    const soa = soaRecord(apex, serial, o.ttl, o);
    const zone = patchZone(prev, soa, delta.removed, delta.added);
    this.#journalDelta(apex, prev.soa.rrs[0]!, soa, delta.removed, delta.added);
    this.#index.set(zone, { soa, removed: delta.removed, added: delta.added });
    return { apex, serial };
  }

  /**
   * Applies a large hosted zone's changed records to the served zone (a
   * patched copy, its difference journaled as it is), with the store's new
   * serial: the work is that of the records changed, whatever the zone's
   * size. 'rebuild' when the change touches what the zone builds around
   * the records (an apex MX replaces e-mail forwarding's, apex NS and SOA
   * are regd's own) or the zone is not served as a hosted zone now.
   */
  #patchHosted(apex: string, patch: RecordPatch): ZoneChange | 'rebuild' | undefined {
    const d = this.#mirror.byName.get(apex);
    const prev = this.#index.zone(apex);
    if (!d || d.serviceMode !== 'regd_dns' || !prev || prev.kind !== 'hosted') return 'rebuild';
    const generated = (r: { name: string; type: string }) => r.name === '@' && (r.type === 'MX' || r.type === 'NS' || r.type === 'SOA');
    if (patch.removed.some(generated) || patch.added.some(generated)) return 'rebuild';
    const o = this.#options;
    const meta = this.#mirror.zones.get(d.id);
    const storeSerial = meta?.serial ?? dateSerial(d.createdAt);
    const identity = (r: Rr) => `${r.name}|${r.type}|${r.ttl}|${r.key}`;
    const removedRrs = patch.removed.map((r) => recordRr(apex, r));
    const addedRrs = patch.added.map((r) => recordRr(apex, r));
    // A record whose published form did not change (a staged edit of it) is no difference.
    const addedKeys = new Map<string, number>();
    for (const r of addedRrs) addedKeys.set(identity(r), (addedKeys.get(identity(r)) ?? 0) + 1);
    const removed: Rr[] = [];
    for (const r of removedRrs) {
      const n = addedKeys.get(identity(r)) ?? 0;
      if (n > 0) addedKeys.set(identity(r), n - 1);
      else removed.push(r);
    }
    const added = addedRrs.filter((r) => {
      const n = addedKeys.get(identity(r)) ?? 0;
      if (n === 0) return false;
      addedKeys.set(identity(r), n - 1);
      return true;
    });
    const changed = removed.length > 0 || added.length > 0;
    let serial = serialNewer(storeSerial >>> 0, prev.serial) ? storeSerial >>> 0 : prev.serial;
    if (changed && serial === prev.serial) serial = (prev.serial + 1) >>> 0;
    if (serial === prev.serial) return undefined;
    const soa = soaRecord(apex, serial, meta?.defaultTtl ?? o.ttl, o);
    const zone = patchZone(prev, soa, removed, added);
    this.#journalDelta(apex, prev.soa.rrs[0]!, soa, removed, added);
    this.#index.set(zone, { soa, removed, added });
    return { apex, serial };
  }

  /** The TldZone of `apex`, its source reading the mirror at `now` (each tick's instant). */
  #tldZone(apex: string, now: Date): TldZone {
    let tld = this.#tlds.get(apex);
    if (!tld) {
      const clock = { now };
      tld = new TldZone(apex, this.#options, {
        delegation: (name) => this.#delegationOf(apex, name, clock.now),
        glue: (host, nssetUsers) => this.#glueOf(host, nssetUsers),
      });
      this.#tlds.set(apex, tld);
      this.#tldClocks.set(apex, clock);
    }
    this.#tldClocks.get(apex)!.now = now;
    return tld;
  }

  #servesServiceDelegation(apex: string): boolean {
    const o = this.#options;
    return isAtOrBelow(o.serviceZone, apex) && o.serviceZone !== apex && !this.#mirror.byName.has(o.serviceZone);
  }

  /** What a domain contributes to its TLD zone now: regd's name servers, its own, or nothing (not in a published state). */
  #delegationOf(apex: string, name: string, now: Date): TldDomainState {
    const o = this.#options;
    const d = this.#mirror.byName.get(name);
    if (!d || d.tld !== apex) {
      const service = name === o.serviceZone && this.#servesServiceDelegation(apex);
      return { delegation: service ? { nameServers: o.nameServers, nssetId: null } : undefined, until: Infinity, updatedAt: 0 };
    }
    const { state, endsAt } = this.#state(d, now);
    const updatedAt = d.updatedAt.getTime();
    if (!PUBLISHED_STATES.has(state)) return { delegation: undefined, until: endsAt, updatedAt };
    if (SERVED_MODES.has(d.serviceMode)) return { delegation: { nameServers: o.nameServers, nssetId: null }, until: endsAt, updatedAt };
    if (d.nameServers.length === 0) return { delegation: undefined, until: endsAt, updatedAt };
    return { delegation: { nameServers: d.nameServers, nssetId: d.nssetId }, until: endsAt, updatedAt };
  }

  /**
   * Glue for a host: the addresses an NSSET gives it (of the first delegation
   * by name that names it through one), else regd's own for its name
   * servers, else the host object's.
   */
  #glueOf(host: string, nssetUsers: ReadonlySet<string>): readonly string[] {
    const o = this.#options;
    for (const user of [...nssetUsers].sort()) {
      const nssetId = this.#mirror.byName.get(user)?.nssetId;
      const own = nssetId === null || nssetId === undefined ? undefined : this.#mirror.nssets.get(nssetId)?.find((h) => h.name === host);
      if (own && own.addresses.length > 0) return own.addresses;
    }
    if (o.nameServers.includes(host) && o.serviceHosts[host]) return o.serviceHosts[host]!;
    return this.#mirror.hostsByName.get(host)?.addresses ?? o.serviceHosts[host] ?? [];
  }

  /**
   * Puts a zone in the index with a serial that never goes back while the
   * process runs: the store's serial, or one more than the last published
   * when the content changed without it (a service mode switch, a lifecycle
   * transition). Unchanged content keeps the current zone.
   */
  #install(prev: Zone | undefined, built: Zone, storeSerial: number): ZoneChange | undefined {
    if (!prev) {
      const zone = this.#resumed(built);
      this.#index.set(zone);
      return { apex: zone.apex, serial: zone.serial };
    }
    const same = signature(prev) === signature(built);
    let serial = Math.max(prev.serial, storeSerial);
    if (!same && serial === prev.serial) serial = prev.serial + 1;
    if (same && serial === prev.serial) return undefined;
    const zone = serial === built.serial ? built : withSerial(built, serial);
    const entry = this.journal.record(prev, zone);
    this.#digests.set(zone.apex, zoneDigest(zone));
    this.#journalStore?.add({ ...entry, apex: zone.apex, digest: this.#digests.get(zone.apex)! });
    this.#index.set(zone);
    return { apex: zone.apex, serial };
  }

  /**
   * A zone built at start-up, against what the stored journal says was last
   * published: the same content keeps that serial (and the journal leading
   * to it, so IXFR goes on); other content gets a serial after it (never
   * backwards for the secondaries) and the journal of the zone is dropped
   * (its chain no longer reaches what is served: AXFR, RFC 1995 §4).
   */
  #resumed(built: Zone): Zone {
    const digest = zoneDigest(built);
    this.#digests.set(built.apex, digest);
    const last = this.#published.get(built.apex);
    if (!last) return built;
    this.#published.delete(built.apex);
    if (last.digest === digest) return built.serial === last.serial ? built : withSerial(built, last.serial);
    this.journal.forget(built.apex);
    this.#journalStore?.forget(built.apex);
    const after = (last.serial + 1) >>> 0;
    return serialNewer(built.serial, last.serial) ? built : withSerial(built, after);
  }

  #journalDelta(apex: string, fromSoa: Rr, toSoa: Rr, removed: readonly Rr[], added: readonly Rr[]): void {
    const entry = this.journal.recordDelta(apex, fromSoa, toSoa, removed, added);
    const digest = applyToDigest(this.#digests.get(apex) ?? 0, removed, added);
    this.#digests.set(apex, digest);
    this.#journalStore?.add({ ...entry, apex, digest });
  }

  /** The catalog follows the zones that joined or left: patched with their PTR records, or built whole the first time. */
  #updateCatalog(joined: readonly string[], left: readonly string[]): ZoneChange | undefined {
    const o = this.#options;
    const prev = this.#index.zone(o.catalogZone);
    if (!prev) {
      const members = [...this.#index.apexes()].filter((a) => a !== o.catalogZone);
      return this.#install(undefined, buildCatalogZone(this.#startSerial, members, o), this.#startSerial);
    }
    const removed = left.map((z) => catalogMember(z, o));
    const added = joined.filter((z) => z !== o.catalogZone).map((z) => catalogMember(z, o));
    const soa = catalogSoa((prev.serial + 1) >>> 0, o);
    const zone = patchZone(prev, soa, removed, added);
    this.#journalDelta(o.catalogZone, prev.soa.rrs[0]!, soa, removed, added);
    this.#index.set(zone, { soa, removed, added });
    return { apex: o.catalogZone, serial: zone.serial };
  }
}

/** The zone's content apart from the SOA serial. */
function signature(z: Zone): string {
  const soa = z.records[0]!;
  const s = soa.data as Record<string, unknown>;
  const head = `${soa.ttl}|${s.mname}|${s.rname}|${s.refresh}|${s.retry}|${s.expire}|${s.minimum}`;
  return head + '\n' + z.records.slice(1).map((r) => `${r.name}|${r.type}|${r.ttl}|${r.key}`).sort().join('\n');
}

function serialOf(soa: Rr): number {
  return (soa.data as { serial: number }).serial;
}

function withSerial(z: Zone, serial: number): Zone {
  const soa = z.records[0]!;
  const data = { ...(soa.data as Record<string, unknown>), serial };
  return rebuildWithSoa(z, data);
}

function rebuildWithSoa(z: Zone, soaData: Record<string, unknown>): Zone {
  const soa = makeRr(z.apex, 'SOA', z.records[0]!.ttl, soaData);
  return buildZone({ apex: z.apex, kind: z.kind, records: [soa, ...z.records.slice(1)] });
}
