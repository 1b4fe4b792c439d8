/**
 * Encoded responses to repeated questions, so that a hot question costs a
 * copy, not an answer() and an encode(). Keyed by the question's wire bytes
 * (name, type, class) with ASCII case folded and by a variant number
 * (transport, EDNS, DO, size limit).
 *
 * Laid out for the memory cache, which is what a hit costs at 100,000+
 * queries a second over tens of thousands of questions (measured: the same
 * lookups through a Map of objects and separate buffers cost ~1.4 µs more
 * per query in the server than over 200 questions, all of it waiting on
 * memory): an open-addressing table of [hash, offset] pairs in one
 * Int32Array, and every entry's header, folded question and response
 * side by side in one arena. A hit reads one table line and the entry's few
 * lines, compares the question in place and copies the response out;
 * nothing is allocated but the copy.
 *
 * An entry stays valid while the zone it was answered from is the one in
 * the index (the apex's number in DnsIndex.versions is unchanged) and no zone was added or removed (which may move
 * a name to another zone), so a change in one zone does not empty the cache
 * of the others. When the table or the arena is full, the cache is emptied
 * (a cheap bound with no bookkeeping per hit). The caller patches the
 * asker's ID, RD/CD flags and question bytes into the copy (owner names
 * compressed onto the question then keep the asker's case, as NSD does).
 */
import type { DnsIndex } from './dns-index.ts';
import type { Zone } from './zone.ts';

/** Responses kept before the cache is emptied. */
export const MAX_CACHED_RESPONSES = 100_000;
/** Table slots: a power of two, kept at least twice the entries (linear probing stays short); the table starts small and doubles (fewer cache lines to miss over a small set of questions). */
const SLOT_BITS = 18;
const FIRST_SLOT_BITS = 12;
/** Bytes of entries kept before the cache is emptied (allocated once; pages are touched as entries are written). */
const ARENA_BYTES = 32 * 1024 * 1024;
/** A response larger than this is not kept (large TCP answers are rare and would crowd out the rest). */
const MAX_ENTRY_BYTES = 16 * 1024;
/**
 * Entry header: variant, membership, the zone's slot in DnsIndex.versions (-1: no zone, REFUSED)
 * and its version then (int32 each), question length, response length (uint16 each).
 */
const HEADER = 20;

/** The variant of a response: transport, EDNS present, DO bit, and the size limit it was encoded for. */
export function responseVariant(tcp: boolean, edns: boolean, dnssecOk: boolean, limit: number): number {
  return (tcp ? 1 : 0) | (edns ? 2 : 0) | (dnssecOk ? 4 : 0) | (limit << 3);
}

/** FNV-1a over buf[start, end) with ASCII upper-case letters folded: the same for questions that differ only in case. */
export function questionHash(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = buf[i]!;
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h | 0;
}

export class ResponseCache {
  readonly #index: DnsIndex;
  readonly #max: number;
  /** [hash, entry offset + 1] per slot; 0 offset: empty. */
  #slots = new Int32Array(2 << FIRST_SLOT_BITS);
  #mask = (1 << FIRST_SLOT_BITS) - 1;
  readonly #arena = Buffer.allocUnsafeSlow(ARENA_BYTES);
  /** The arena's header words (entries start on 8-byte boundaries). */
  readonly #words = new Int32Array(this.#arena.buffer, this.#arena.byteOffset, ARENA_BYTES >> 2);
  readonly #halves = new Uint16Array(this.#arena.buffer, this.#arena.byteOffset, ARENA_BYTES >> 1);
  #entries = 0;
  #top = 0;

  constructor(index: DnsIndex, max = MAX_CACHED_RESPONSES) {
    this.#index = index;
    this.#max = Math.min(max, 1 << (SLOT_BITS - 1));
  }

  /** Entries written since the cache was last emptied (replaced ones included). */
  get size(): number {
    return this.#entries;
  }

  /** A copy of the cached response to the question in buf[start, end) (hash: questionHash of it), or undefined. */
  get(buf: Uint8Array, start: number, end: number, hash: number, variant: number): Buffer | undefined {
    const at = this.#find(buf, start, end, hash, variant);
    if (at < 0) return undefined;
    const words = this.#words;
    const w = at >> 2;
    const index = this.#index;
    const slot = words[w + 2]!;
    if (words[w + 1] !== index.membership || (slot >= 0 && index.versions[slot] !== words[w + 3])) return undefined;
    const from = at + HEADER + this.#halves[(at >> 1) + 8]!;
    const length = this.#halves[(at >> 1) + 9]!;
    const out = Buffer.allocUnsafe(length);
    out.set(this.#arena.subarray(from, from + length));
    return out;
  }

  /** Keeps `bytes` as the response to the question in buf[start, end) for this variant (in place of the previous one). */
  set(buf: Uint8Array, start: number, end: number, hash: number, variant: number, zone: Zone | undefined, bytes: Uint8Array): void {
    const keyLength = end - start;
    const size = HEADER + keyLength + bytes.length;
    const index = this.#index;
    const slot = zone === undefined ? -1 : index.slot(zone.apex);
    if (size > MAX_ENTRY_BYTES || (zone !== undefined && (slot < 0 || index.zone(zone.apex) !== zone))) return;
    if (this.#entries >= this.#max || this.#top + size > ARENA_BYTES) this.#clear();
    const at = this.#top;
    this.#top = (at + size + 7) & ~7;
    const words = this.#words;
    const w = at >> 2;
    words[w] = variant;
    words[w + 1] = index.membership;
    words[w + 2] = slot;
    words[w + 3] = slot >= 0 ? index.versions[slot]! : 0;
    this.#halves[(at >> 1) + 8] = keyLength;
    this.#halves[(at >> 1) + 9] = bytes.length;
    const arena = this.#arena;
    for (let i = 0; i < keyLength; i++) {
      const c = buf[start + i]!;
      arena[at + HEADER + i] = c >= 65 && c <= 90 ? c + 32 : c;
    }
    arena.set(bytes, at + HEADER + keyLength);
    this.#entries++;
    if (this.#entries * 2 > this.#mask + 1 && this.#mask + 1 < 1 << SLOT_BITS) this.#grow();
    // The slot of this question and variant if it has one (its old entry is left in the arena), else the first empty one.
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const offset = slots[2 * i + 1]!;
      if (offset === 0 || (slots[2 * i] === hash && this.#matches(offset - 1, buf, start, keyLength, variant))) {
        slots[2 * i] = hash;
        slots[2 * i + 1] = at + 1;
        return;
      }
    }
  }

  /** The offset of the entry for this question and variant, or -1. */
  #find(buf: Uint8Array, start: number, end: number, hash: number, variant: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    const keyLength = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const offset = slots[2 * i + 1]!;
      if (offset === 0) return -1;
      if (slots[2 * i] === hash && this.#matches(offset - 1, buf, start, keyLength, variant)) return offset - 1;
    }
  }

  /** The entry at `at` is for the question in buf[start, start + keyLength) (ASCII case ignored) and this variant. */
  #matches(at: number, buf: Uint8Array, start: number, keyLength: number, variant: number): boolean {
    if (this.#words[at >> 2] !== variant || this.#halves[(at >> 1) + 8] !== keyLength) return false;
    const arena = this.#arena;
    const key = at + HEADER;
    for (let i = 0; i < keyLength; i++) {
      let c = buf[start + i]!;
      if (c >= 65 && c <= 90) c += 32;
      if (c !== arena[key + i]) return false;
    }
    return true;
  }

  /** Doubles the table: every [hash, offset] pair moves to its slot in the new one. */
  #grow(): void {
    const old = this.#slots;
    const mask = this.#mask * 2 + 1;
    const slots = new Int32Array(2 * (mask + 1));
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      const hash = old[j]!;
      let i = hash & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = hash;
      slots[2 * i + 1] = old[j + 1]!;
    }
    this.#slots = slots;
    this.#mask = mask;
  }

  #clear(): void {
    this.#slots.fill(0);
    this.#entries = 0;
    this.#top = 0;
  }
}
