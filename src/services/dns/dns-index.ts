/**
 * The in-memory index the server answers from: every served zone by apex.
 * Replacing a zone swaps one map entry and bumps the generation; adding or
 * removing a zone also bumps the membership counter (which decides which
 * zone a name falls in, so cached responses of every zone are stale). A
 * query only ever reads.
 */
import { parentName } from './names.ts';
import type { Rr } from './rr.ts';
import type { Zone } from './zone.ts';

/** How a zone set in the index was made from the one it replaces (patchZone's arguments), when it was. */
export interface ZonePatch {
  readonly soa: Rr;
  readonly removed: readonly Rr[];
  readonly added: readonly Rr[];
}

/** A change of the index, in the order made (the answering processes replay them: answerers/). */
export type IndexChange =
  | { readonly op: 'set'; readonly zone: Zone; readonly patch: ZonePatch | undefined }
  | { readonly op: 'delete'; readonly apex: string };

export class DnsIndex {
  readonly #zones = new Map<string, Zone>();
  /** Zones that were in the index and have been replaced or removed (an identity check, cheaper than a lookup by apex). */
  readonly #retired = new WeakSet<Zone>();
  #generation = 0;
  #membership = 0;
  #observer: ((change: IndexChange) => void) | undefined;

  /** Calls `observer` with every later change (one observer: the answering processes' replicator). */
  observe(observer: ((change: IndexChange) => void) | undefined): void {
    this.#observer = observer;
  }

  get generation(): number {
    return this.#generation;
  }

  /** Bumped when a zone is added or removed. */
  get membership(): number {
    return this.#membership;
  }

  get size(): number {
    return this.#zones.size;
  }

  zone(apex: string): Zone | undefined {
    return this.#zones.get(apex);
  }

  /** False once this zone object has been replaced or removed (true for one never added). */
  isCurrent(zone: Zone): boolean {
    return !this.#retired.has(zone);
  }

  apexes(): IterableIterator<string> {
    return this.#zones.keys();
  }

  zones(): IterableIterator<Zone> {
    return this.#zones.values();
  }

  /** The deepest zone that `name` lies in, or undefined (not ours: REFUSED). */
  findZone(name: string): Zone | undefined {
    for (let n: string | null = name; n !== null; n = parentName(n)) {
      const z = this.#zones.get(n);
      if (z) return z;
    }
    return undefined;
  }

  /** Puts `zone` in place of the zone of its apex; `patch`: it is patchZone(that zone, ...patch). */
  set(zone: Zone, patch?: ZonePatch): void {
    const old = this.#zones.get(zone.apex);
    if (old === undefined) this.#membership++;
    else if (old !== zone) this.#retired.add(old);
    this.#zones.set(zone.apex, zone);
    this.#generation++;
    this.#observer?.({ op: 'set', zone, patch: old === undefined || old === zone ? undefined : patch });
  }

  delete(apex: string): boolean {
    const old = this.#zones.get(apex);
    const had = this.#zones.delete(apex);
    if (had) {
      this.#retired.add(old!);
      this.#generation++;
      this.#membership++;
      this.#observer?.({ op: 'delete', apex });
    }
    return had;
  }
}
