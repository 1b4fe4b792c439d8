/**
 * Encoded responses to repeated questions, so that a hot question costs a
 * copy, not an answer() and an encode(). Keyed by the question's wire bytes
 * with ASCII case folded and by a variant number (transport, EDNS, DO, size
 * limit). An entry stays valid while the zone it was answered from is the
 * one in the index and no zone was added or removed (which may move a name
 * to another zone), so a change in one zone does not empty the cache of the
 * others. The caller patches the asker's ID, RD/CD flags and question bytes
 * into a copy (owner names compressed onto the question then keep the
 * asker's case, as NSD does).
 */
import type { DnsIndex } from './dns-index.ts';
import type { Zone } from './zone.ts';

/** Responses kept; the cache is emptied when full (a cheap bound that needs no LRU bookkeeping per hit). */
export const MAX_CACHED_RESPONSES = 100_000;

interface Entry {
  readonly variant: number;
  readonly bytes: Buffer;
  /** The zone answered from (undefined: REFUSED, no zone). */
  readonly zone: Zone | undefined;
  readonly membership: number;
  next: Entry | undefined;
}

/** The variant of a response: transport, EDNS present, DO bit, and the size limit it was encoded for. */
export function responseVariant(tcp: boolean, edns: boolean, dnssecOk: boolean, limit: number): number {
  return (tcp ? 1 : 0) | (edns ? 2 : 0) | (dnssecOk ? 4 : 0) | (limit << 3);
}

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #index: DnsIndex;
  readonly #max: number;

  constructor(index: DnsIndex, max = MAX_CACHED_RESPONSES) {
    this.#index = index;
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached response (not a copy: never hand it out), or undefined. */
  get(key: string, variant: number): Buffer | undefined {
    const index = this.#index;
    for (let e = this.#entries.get(key); e !== undefined; e = e.next) {
      if (e.variant !== variant) continue;
      if (e.membership !== index.membership || (e.zone !== undefined && !index.isCurrent(e.zone))) return undefined;
      return e.bytes;
    }
    return undefined;
  }

  set(key: string, variant: number, zone: Zone | undefined, bytes: Buffer): void {
    if (this.#entries.size >= this.#max) this.#entries.clear();
    const entry: Entry = { variant, bytes, zone, membership: this.#index.membership, next: undefined };
    // Keep the other variants of this question; drop the old one of this variant.
    let tail = entry;
    for (let e = this.#entries.get(key); e !== undefined; ) {
      const next = e.next;
      if (e.variant !== variant) {
        tail.next = e;
        tail = e;
      }
      e = next;
    }
    tail.next = undefined;
    this.#entries.set(key, entry);
  }
}
