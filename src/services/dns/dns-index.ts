/**
 * The in-memory index the server answers from: every served zone by apex.
 * Replacing a zone swaps one map entry and bumps the generation; adding or
 * removing a zone also bumps the membership counter (which decides which
 * zone a name falls in, so cached responses of every zone are stale), and
 * each apex has a slot in `versions`, bumped when its zone is replaced or
 * removed (cached responses of that zone are stale: response-cache.ts
 * checks one number, not the zone object). A query only ever reads.
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
  /** The slot in #versions of every apex in the index; slots of removed apexes are reused (adding one bumps the membership). */
  readonly #slotOf = new Map<string, number>();
  readonly #freeSlots: number[] = [];
  #versions = new Int32Array(1024);
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

  /** True while this zone object is the one served for its apex. */
  isCurrent(zone: Zone): boolean {
    return this.#zones.get(zone.apex) === zone;
  }

  /** Per apex slot, a number that changes whenever the apex's zone is replaced or removed. */
  get versions(): Int32Array {
    return this.#versions;
  }

  /** The slot in `versions` of an apex in the index, or -1. */
  slot(apex: string): number {
    return this.#slotOf.get(apex) ?? -1;
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
    if (old === undefined) {
      this.#membership++;
      this.#assignSlot(zone.apex);
    } else if (old !== zone) this.#bump(this.#slotOf.get(zone.apex)!);
    this.#zones.set(zone.apex, zone);
    this.#generation++;
    this.#observer?.({ op: 'set', zone, patch: old === undefined || old === zone ? undefined : patch });
  }

  delete(apex: string): boolean {
    const had = this.#zones.delete(apex);
    if (had) {
      const slot = this.#slotOf.get(apex)!;
      this.#bump(slot);
      this.#slotOf.delete(apex);
      this.#freeSlots.push(slot);
      this.#generation++;
      this.#membership++;
      this.#observer?.({ op: 'delete', apex });
    }
    return had;
  }

  #bump(slot: number): void {
    this.#versions[slot] = this.#versions[slot]! + 1;
  }

  #assignSlot(apex: string): void {
    let slot = this.#freeSlots.pop();
    if (slot === undefined) {
      slot = this.#slotOf.size;
      if (slot >= this.#versions.length) {
        const grown = new Int32Array(this.#versions.length * 2);
        grown.set(this.#versions);
        this.#versions = grown;
      }
    }
    this.#slotOf.set(apex, slot);
  }
}
