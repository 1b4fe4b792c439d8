/**
 * A TLD zone that regd operates, kept current one delegation at a time.
 * It remembers what each delegation put in the zone (its NS records), which
 * hosts each delegation names, and the glue it published, so a change to a
 * few domains or hosts yields the records to remove and to add — applied
 * to the index with patchZone and recorded in the IXFR journal as they
 * are — instead of rebuilding a zone of 100,000 delegations.
 *
 * The content is the same whichever way it is reached: SOA and regd's NS
 * at the apex; for each delegation its NS records; for each host named by a
 * delegation (or by the apex NS) that lies under a delegation in this zone,
 * its addresses as glue.
 */
import { isIPv4 } from 'node:net';
import { fqdn, isAtOrBelow, parentName } from './names.ts';
import type { DnsOptions } from './options.ts';
import { makeRr, type Rr } from './rr.ts';
import { soaRecord } from './zone-builders.ts';
import { buildZone, type Zone } from './zone.ts';

export interface TldDelegation {
  readonly nameServers: readonly string[];
  /** The NSSET the name servers come from (its hosts may carry their own addresses). */
  readonly nssetId: number | null;
}

export interface TldDomainState {
  /** The delegation now; undefined: the name is not in the zone. */
  readonly delegation: TldDelegation | undefined;
  /** When the answer may change by itself (a lifecycle transition), in ms; Infinity: never. */
  readonly until: number;
  /** The row's last change, in ms (the zone serial follows the newest). */
  readonly updatedAt: number;
}

export interface TldSource {
  delegation(name: string): TldDomainState;
  /** Glue addresses of `host`; `nssetUsers` are the delegations naming it through an NSSET. */
  glue(host: string, nssetUsers: ReadonlySet<string>): readonly string[];
}

export interface TldDelta {
  readonly removed: readonly Rr[];
  readonly added: readonly Rr[];
  /** Newest change among the delegations, in seconds: the serial the store suggests. */
  readonly storeSerial: number;
}

export class TldZone {
  readonly apex: string;
  readonly #o: DnsOptions;
  readonly #source: TldSource;
  readonly #delegations = new Map<string, TldDelegation>();
  readonly #ns = new Map<string, readonly Rr[]>();
  /** Host → delegations naming it (the apex stands for regd's own NS). */
  readonly #users = new Map<string, Set<string>>();
  readonly #nssetUsers = new Map<string, Set<string>>();
  /** Each name between a referenced in-zone host and the apex → the hosts at or below it. */
  readonly #below = new Map<string, Set<string>>();
  readonly #glue = new Map<string, readonly Rr[]>();
  readonly #until = new Map<string, number>();
  #validUntil = Infinity;
  #latest = 0;

  constructor(apex: string, options: DnsOptions, source: TldSource) {
    this.apex = apex;
    this.#o = options;
    this.#source = source;
    for (const ns of options.nameServers) this.#ref(ns, apex, false);
  }

  /** The earliest instant at which some name's delegation may change by itself. */
  get validUntil(): number {
    return this.#validUntil;
  }

  /** True when a delegation of this zone names `host` (its addresses may be glue here). */
  references(host: string): boolean {
    return this.#users.has(host);
  }

  /** The whole zone from these names (every domain of the TLD); resets what was known. */
  build(names: Iterable<string>, serial: (storeSerial: number) => number): Zone {
    for (const name of [...this.#delegations.keys()]) this.#drop(name);
    this.#until.clear();
    this.#glue.clear();
    this.#latest = 0;
    const delta = this.update(names, []);
    const o = this.#o;
    const rrs: Rr[] = [soaRecord(this.apex, serial(delta.storeSerial), o.ttl, o), ...o.nameServers.map((ns) => makeRr(this.apex, 'NS', o.ttl, fqdn(ns))), ...delta.added];
    return buildZone({ apex: this.apex, kind: 'tld', records: rrs });
  }

  /** Names whose delegation may have changed by itself at `now`. */
  due(now: number): string[] {
    const out: string[] = [];
    for (const [name, until] of this.#until) if (until <= now) out.push(name);
    return out;
  }

  /** Brings these names and hosts up to date; the records that left and came. */
  update(names: Iterable<string>, hosts: Iterable<string>): TldDelta {
    const removed: Rr[] = [];
    const added: Rr[] = [];
    const affected = new Set(hosts);
    let untilMoved = false;
    for (const name of names) {
      const next = this.#source.delegation(name);
      const oldUntil = this.#until.get(name);
      if (next.until !== Infinity) this.#until.set(name, next.until);
      else this.#until.delete(name);
      if (oldUntil !== undefined && oldUntil <= this.#validUntil) untilMoved = true;
      if (next.until < this.#validUntil) this.#validUntil = next.until;
      const old = this.#delegations.get(name);
      for (const ns of old?.nameServers ?? []) affected.add(ns);
      for (const ns of next.delegation?.nameServers ?? []) affected.add(ns);
      if (next.delegation && next.updatedAt > this.#latest) this.#latest = next.updatedAt;
      if (old && next.delegation && sameDelegation(old, next.delegation)) continue;
      if (old) {
        removed.push(...this.#ns.get(name)!);
        this.#drop(name);
      }
      if (next.delegation) {
        const rrs = next.delegation.nameServers.map((ns) => makeRr(name, 'NS', this.#o.ttl, fqdn(ns)));
        added.push(...rrs);
        this.#delegations.set(name, next.delegation);
        this.#ns.set(name, rrs);
        for (const ns of next.delegation.nameServers) this.#ref(ns, name, next.delegation.nssetId !== null);
      }
      // A cut that came or went changes which referenced hosts need glue.
      if (!old !== !next.delegation) for (const h of this.#below.get(name) ?? []) affected.add(h);
    }
    if (untilMoved) {
      this.#validUntil = Infinity;
      for (const until of this.#until.values()) if (until < this.#validUntil) this.#validUntil = until;
    }
    for (const host of affected) {
      const want = this.#wantedGlue(host);
      const have = this.#glue.get(host) ?? [];
      if (sameRecords(have, want)) continue;
      removed.push(...have);
      added.push(...want);
      if (want.length > 0) this.#glue.set(host, want);
      else this.#glue.delete(host);
    }
    return { ...net(removed, added), storeSerial: Math.max(1, Math.floor(this.#latest / 1000)) };
  }

  #drop(name: string): void {
    const old = this.#delegations.get(name);
    if (!old) return;
    for (const ns of old.nameServers) this.#unref(ns, name);
    this.#delegations.delete(name);
    this.#ns.delete(name);
  }

  #ref(host: string, user: string, viaNsset: boolean): void {
    let users = this.#users.get(host);
    if (!users) {
      this.#users.set(host, (users = new Set()));
      for (const n of this.#between(host)) {
        let below = this.#below.get(n);
        if (!below) this.#below.set(n, (below = new Set()));
        below.add(host);
      }
    }
    users.add(user);
    if (viaNsset) {
      let set = this.#nssetUsers.get(host);
      if (!set) this.#nssetUsers.set(host, (set = new Set()));
      set.add(user);
    }
  }

  #unref(host: string, user: string): void {
    const nsset = this.#nssetUsers.get(host);
    if (nsset?.delete(user) && nsset.size === 0) this.#nssetUsers.delete(host);
    const users = this.#users.get(host);
    if (!users?.delete(user) || users.size > 0) return;
    this.#users.delete(host);
    for (const n of this.#between(host)) {
      const below = this.#below.get(n);
      if (below?.delete(host) && below.size === 0) this.#below.delete(n);
    }
  }

  /** The host and its ancestors strictly below the apex (none for a host outside the zone). */
  #between(host: string): string[] {
    const out: string[] = [];
    if (!isAtOrBelow(host, this.apex)) return out;
    for (let n: string | null = host; n !== null && n !== this.apex; n = parentName(n)) out.push(n);
    return out;
  }

  #wantedGlue(host: string): readonly Rr[] {
    if (!this.#users.has(host) || !this.#between(host).some((n) => this.#delegations.has(n))) return [];
    const addresses = this.#source.glue(host, this.#nssetUsers.get(host) ?? new Set());
    return addresses.map((a) => makeRr(host, isIPv4(a) ? 'A' : 'AAAA', this.#o.ttl, a));
  }
}

function sameDelegation(a: TldDelegation, b: TldDelegation): boolean {
  return a.nssetId === b.nssetId && a.nameServers.length === b.nameServers.length && a.nameServers.every((ns, i) => ns === b.nameServers[i]);
}

function sameRecords(a: readonly Rr[], b: readonly Rr[]): boolean {
  return a.length === b.length && a.every((r, i) => r.type === b[i]!.type && r.key === b[i]!.key);
}

/** Records both removed and added (a delegation that kept some of its name servers) are left out of both. */
function net(removed: readonly Rr[], added: readonly Rr[]): { removed: Rr[]; added: Rr[] } {
  const id = (r: Rr) => `${r.name}|${r.type}|${r.key}`;
  const gone = new Set(removed.map(id));
  const came = new Set(added.map(id));
  return { removed: removed.filter((r) => !came.has(id(r))), added: added.filter((r) => !gone.has(id(r))) };
}
