/**
 * Keeps the index equal to what the store says should be published. On
 * each tick it polls the store mirror, works out which zones the changes
 * touch (a domain: its own zone and its TLD's; a host: the TLD zones whose
 * delegations name it; an NSSET: the TLD zones of its domains; the clock:
 * zones whose domains changed lifecycle state), rebuilds only those, keeps
 * serials moving forward, records IXFR differences and reports each new
 * serial (for NOTIFY). The catalog zone follows the set of zones.
 */
import type { Engine } from '../../core/engine.ts';
import { dateSerial } from '../../core/dns/index.ts';
import { projectDomainAt, type DomainState } from '../../core/lifecycle/project-domain.ts';
import type { DnsIndex } from './dns-index.ts';
import type { DnsMetrics } from './metrics.ts';
import { isAtOrBelow } from './names.ts';
import type { DnsOptions } from './options.ts';
import type { DomainEntry, StoreMirror } from './store-mirror.ts';
import { Journal } from './xfr/journal.ts';
import { buildCatalogZone, buildHostedZone, buildServiceZone, buildTldZone, SERVED_MODES, type Delegation } from './zone-builders.ts';
import { buildZone, type Zone } from './zone.ts';
import { makeRr } from './rr.ts';

/** Lifecycle states in which a domain is delegated and its zone served (redemption and later: on hold). */
export const PUBLISHED_STATES: ReadonlySet<DomainState> = new Set(['active', 'expired']);

export interface ZoneChange {
  readonly apex: string;
  readonly serial: number;
}

export class ZonePublisher {
  readonly journal = new Journal();
  readonly #engine: Engine;
  readonly #options: DnsOptions;
  readonly #index: DnsIndex;
  readonly #mirror: StoreMirror;
  readonly #metrics: DnsMetrics;
  readonly #onChange: (change: ZoneChange) => void;
  /** apex → instant after which the zone's content may differ (a domain changes state). */
  readonly #validUntil = new Map<string, number>();
  /** host name → TLD zones whose delegations name it. */
  readonly #hostUsers = new Map<string, Set<string>>();
  /** Domain id → name, remembered for rows that leave the mirror (released). */
  readonly #names = new Map<number, string>();
  /** Serial of zones whose content is regd's configuration (service, catalog): the start time, so a restart moves it forward. */
  readonly #startSerial: number;

  constructor(deps: { engine: Engine; options: DnsOptions; index: DnsIndex; mirror: StoreMirror; metrics: DnsMetrics; onChange: (c: ZoneChange) => void }) {
    this.#engine = deps.engine;
    this.#options = deps.options;
    this.#index = deps.index;
    this.#mirror = deps.mirror;
    this.#metrics = deps.metrics;
    this.#onChange = deps.onChange;
    this.#startSerial = Math.floor(deps.engine.clock.now().getTime() / 1000) >>> 0;
  }

  /** Full load and build of every zone. */
  async loadAll(): Promise<void> {
    await this.#mirror.poll(true, this.#engine.clock.now().getTime());
    this.#rebuild(this.#allApexes());
  }

  /** One poll: rebuild what changed. Returns the zones rebuilt with a new serial. */
  async tick(options: { full?: boolean; zone?: string } = {}): Promise<readonly ZoneChange[]> {
    const now = this.#engine.clock.now().getTime();
    const changes = await this.#mirror.poll(options.full === true, now);
    const dirty = new Set<string>();
    for (const id of changes.domains) {
      const d = this.#mirror.domains.get(id);
      const name = d?.name ?? this.#nameOfGone(id);
      if (name !== undefined) {
        dirty.add(name);
        const tld = d?.tld ?? this.#tldOf(name);
        if (tld !== undefined) dirty.add(tld);
      }
    }
    for (const id of changes.zones) {
      const name = this.#mirror.domains.get(id)?.name;
      if (name !== undefined) dirty.add(name);
    }
    for (const host of changes.hosts) {
      for (const apex of this.#hostUsers.get(host) ?? []) dirty.add(apex);
      const tld = this.#tldOf(host);
      if (tld !== undefined) dirty.add(tld);
    }
    if (changes.nssets.size > 0) {
      for (const d of this.#mirror.domains.values()) if (d.nssetId !== null && changes.nssets.has(d.nssetId)) dirty.add(d.tld);
    }
    for (const [apex, until] of this.#validUntil) if (until <= now) dirty.add(apex);
    if (options.full) for (const apex of this.#allApexes()) dirty.add(apex);
    if (options.zone !== undefined) dirty.add(options.zone);
    if (dirty.size === 0) return [];
    const byName = this.#liveByName();
    const hosted = [...dirty].map((apex) => byName.get(apex)).filter((d) => d !== undefined && d.serviceMode === 'regd_dns').map((d) => d!.id);
    await this.#mirror.ensureRecords(hosted);
    return this.#rebuild(dirty);
  }

  #nameOfGone(id: number): string | undefined {
    return this.#names.get(id);
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

  #rebuild(apexes: Iterable<string>): ZoneChange[] {
    const now = this.#engine.clock.now();
    const published: ZoneChange[] = [];
    const tlds = new Set(this.#engine.policy.list().filter((p) => p.operated).map((p) => p.tld));
    const byName = this.#liveByName();
    let membership = false;
    for (const apex of apexes) {
      const next = this.#build(apex, tlds, byName, now);
      const prev = this.#index.zone(apex);
      if (!next) {
        if (prev) {
          this.#index.delete(apex);
          this.journal.forget(apex);
          membership = true;
        }
        continue;
      }
      const change = this.#install(prev, next.zone, next.storeSerial);
      if (!prev) membership = true;
      if (change) published.push(change);
    }
    if (membership || !this.#index.zone(this.#options.catalogZone)) {
      const change = this.#installCatalog();
      if (change) published.push(change);
    }
    this.#mirror.records.clear();
    this.#metrics.zoneRebuilds += published.length;
    for (const c of published) this.#onChange(c);
    return published;
  }

  /** Live rows by name (a name has at most one live row). */
  #liveByName(): Map<string, DomainEntry> {
    const out = new Map<string, DomainEntry>();
    for (const d of this.#mirror.domains.values()) {
      out.set(d.name, d);
      this.#names.set(d.id, d.name);
    }
    return out;
  }

  #state(d: DomainEntry, now: Date): { state: DomainState; endsAt: number } {
    const p = projectDomainAt(
      { created_at: d.createdAt, create_completes_at: d.createCompletesAt, expires_at: d.expiresAt, add_grace_ends_at: d.addGraceEndsAt, deleted_at: d.deletedAt, released_at: d.releasedAt },
      this.#engine.policy.get(d.tld),
      now,
    );
    return { state: p.state, endsAt: p.stateEndsAt?.getTime() ?? Infinity };
  }

  #build(apex: string, tlds: ReadonlySet<string>, byName: ReadonlyMap<string, DomainEntry>, now: Date): { zone: Zone; storeSerial: number } | undefined {
    const o = this.#options;
    this.#validUntil.delete(apex);
    if (apex === o.catalogZone) return undefined;
    if (apex === o.serviceZone) return { zone: buildServiceZone(this.#startSerial, o), storeSerial: this.#startSerial };
    if (tlds.has(apex)) return this.#buildTld(apex, byName, now);
    const d = byName.get(apex);
    if (!d || !SERVED_MODES.has(d.serviceMode) || !this.#engine.policy.has(d.tld)) return undefined;
    const { state, endsAt } = this.#state(d, now);
    this.#validUntil.set(apex, endsAt);
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

  #buildTld(apex: string, byName: ReadonlyMap<string, DomainEntry>, now: Date): { zone: Zone; storeSerial: number } {
    const o = this.#options;
    const delegations: Delegation[] = [];
    const nssetOf = new Map<string, number>();
    let until = Infinity;
    let latest = 0;
    for (const d of byName.values()) {
      if (d.tld !== apex) continue;
      const { state, endsAt } = this.#state(d, now);
      if (endsAt < until) until = endsAt;
      if (!PUBLISHED_STATES.has(state)) continue;
      latest = Math.max(latest, d.updatedAt.getTime());
      if (SERVED_MODES.has(d.serviceMode)) delegations.push({ name: d.name, nameServers: o.nameServers });
      else if (d.nameServers.length > 0) {
        delegations.push({ name: d.name, nameServers: d.nameServers });
        if (d.nssetId !== null) nssetOf.set(d.name, d.nssetId);
      }
    }
    if (isAtOrBelow(o.serviceZone, apex) && o.serviceZone !== apex && !byName.has(o.serviceZone)) {
      delegations.push({ name: o.serviceZone, nameServers: o.nameServers });
    }
    this.#validUntil.set(apex, until);
    for (const users of this.#hostUsers.values()) users.delete(apex);
    for (const d of delegations) {
      for (const ns of d.nameServers) {
        let users = this.#hostUsers.get(ns);
        if (!users) this.#hostUsers.set(ns, (users = new Set()));
        users.add(apex);
      }
    }
    const glue = (host: string, d: Delegation): readonly string[] => {
      const nssetId = nssetOf.get(d.name);
      const own = nssetId === undefined ? undefined : this.#mirror.nssets.get(nssetId)?.find((h) => h.name === host);
      if (own && own.addresses.length > 0) return own.addresses;
      if (o.nameServers.includes(host) && d.nameServers === o.nameServers) return o.serviceHosts[host] ?? [];
      return this.#mirror.hostsByName.get(host)?.addresses ?? o.serviceHosts[host] ?? [];
    };
    const storeSerial = Math.max(1, Math.floor(latest / 1000));
    return { zone: buildTldZone({ apex, serial: storeSerial, delegations, glue }, o), storeSerial };
  }

  /**
   * Puts a zone in the index with a serial that never goes back while the
   * process runs: the store's serial, or one more than the last published
   * when the content changed without it (a service mode switch, a lifecycle
   * transition). Unchanged content keeps the current zone.
   */
  #install(prev: Zone | undefined, built: Zone, storeSerial: number): ZoneChange | undefined {
    if (!prev) {
      this.#index.set(built);
      return { apex: built.apex, serial: built.serial };
    }
    const same = signature(prev) === signature(built);
    let serial = Math.max(prev.serial, storeSerial);
    if (!same && serial === prev.serial) serial = prev.serial + 1;
    if (same && serial === prev.serial) return undefined;
    const zone = serial === built.serial ? built : withSerial(built, serial);
    this.journal.record(prev, zone);
    this.#index.set(zone);
    return { apex: zone.apex, serial };
  }

  #installCatalog(): ZoneChange | undefined {
    const o = this.#options;
    const members = [...this.#index.apexes()].filter((a) => a !== o.catalogZone);
    const prev = this.#index.zone(o.catalogZone);
    const serial = prev ? prev.serial : this.#startSerial;
    return this.#install(prev, buildCatalogZone(serial, members, o), serial);
  }
}

/** The zone's content apart from the SOA serial. */
function signature(z: Zone): string {
  const soa = z.records[0]!;
  const s = soa.data as Record<string, unknown>;
  const head = `${soa.ttl}|${s.mname}|${s.rname}|${s.refresh}|${s.retry}|${s.expire}|${s.minimum}`;
  return head + '\n' + z.records.slice(1).map((r) => `${r.name}|${r.type}|${r.ttl}|${r.key}`).sort().join('\n');
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
