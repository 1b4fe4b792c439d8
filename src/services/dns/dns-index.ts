/**
 * The in-memory index the server answers from: every served zone by apex.
 * Replacing a zone swaps one map entry and bumps the generation; adding or
 * removing a zone also bumps the membership counter (which decides which
 * zone a name falls in, so cached responses of every zone are stale). A
 * query only ever reads.
 */
import { parentName } from './names.ts';
import type { Zone } from './zone.ts';

export class DnsIndex {
  readonly #zones = new Map<string, Zone>();
  #generation = 0;
  #membership = 0;

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

  set(zone: Zone): void {
    if (!this.#zones.has(zone.apex)) this.#membership++;
    this.#zones.set(zone.apex, zone);
    this.#generation++;
  }

  delete(apex: string): boolean {
    const had = this.#zones.delete(apex);
    if (had) {
      this.#generation++;
      this.#membership++;
    }
    return had;
  }
}
