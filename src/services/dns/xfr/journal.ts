/**
 * The IXFR journal (RFC 1995): for each zone, the differences between
 * consecutive versions the server has published, oldest first. Bounded: a
 * secondary whose serial fell out of it gets the whole zone instead, which
 * RFC 1995 §4 allows. The server also writes it to the store
 * (JournalStore), so it survives a restart. Each zone's content has an
 * order-independent digest that follows the differences, so a restart can
 * tell whether the rebuilt zone is the one the journal leads to.
 */
import type { Rr } from '../rr.ts';
import type { Zone } from '../zone.ts';
import { hash53 } from '../hash53.ts';

export interface JournalEntry {
  readonly fromSoa: Rr;
  readonly toSoa: Rr;
  readonly removed: readonly Rr[];
  readonly added: readonly Rr[];
}

/** Versions kept per zone (the default of the journalSize option). */
export const JOURNAL_MAX_ENTRIES = 64;
/** Records kept per zone over all entries; beyond it the oldest entries go. */
export const JOURNAL_MAX_RECORDS = 100_000;

export class Journal {
  readonly #entries = new Map<string, JournalEntry[]>();
  readonly #max: number;

  constructor(maxEntries = JOURNAL_MAX_ENTRIES) {
    this.#max = maxEntries;
  }

  /** Records the difference between two versions of a zone; returns it. */
  record(before: Zone, after: Zone): JournalEntry {
    const key = (r: Rr) => `${r.name}|${r.type}|${r.ttl}|${r.key}`;
    const old = new Map(before.records.slice(1).map((r) => [key(r), r]));
    const now = new Map(after.records.slice(1).map((r) => [key(r), r]));
    const removed = [...old].filter(([k]) => !now.has(k)).map(([, r]) => r);
    const added = [...now].filter(([k]) => !old.has(k)).map(([, r]) => r);
    return this.recordDelta(after.apex, before.records[0]!, after.records[0]!, removed, added);
  }

  /** A version whose differences are already known (an incrementally updated zone). */
  recordDelta(apex: string, fromSoa: Rr, toSoa: Rr, removed: readonly Rr[], added: readonly Rr[]): JournalEntry {
    const entry: JournalEntry = { fromSoa, toSoa, removed, added };
    if (this.#max === 0) return entry;
    const list = this.#entries.get(apex) ?? [];
    list.push(entry);
    let total = list.reduce((n, e) => n + e.removed.length + e.added.length, 0);
    while (list.length > this.#max || (total > JOURNAL_MAX_RECORDS && list.length > 1)) {
      const gone = list.shift()!;
      total -= gone.removed.length + gone.added.length;
    }
    this.#entries.set(apex, list);
    return entry;
  }

  /** The entries leading from `serial` to the current version, or undefined when the chain is not complete. */
  since(apex: string, serial: number, currentSerial: number): readonly JournalEntry[] | undefined {
    const list = this.#entries.get(apex) ?? [];
    const start = list.findIndex((e) => soaSerial(e.fromSoa) === serial);
    if (start < 0) return undefined;
    const chain = list.slice(start);
    for (let i = 1; i < chain.length; i++) if (soaSerial(chain[i]!.fromSoa) !== soaSerial(chain[i - 1]!.toSoa)) return undefined;
    if (soaSerial(chain.at(-1)!.toSoa) !== currentSerial) return undefined;
    return chain;
  }

  forget(apex: string): void {
    this.#entries.delete(apex);
  }
}

export function soaSerial(soa: Rr): number {
  return (soa.data as { serial: number }).serial;
}

const DIGEST_MOD = 2 ** 48;

/** A record's share of a zone digest: a 48-bit hash of everything but the SOA serial. */
function recordHash(r: Rr): number {
  return hash53(`${r.name}|${r.type}|${r.ttl}|${r.key}`) % DIGEST_MOD;
}

/** The order-independent digest of a zone's content apart from its SOA (the sum of its records' hashes). */
export function zoneDigest(zone: Zone): number {
  let d = 0;
  for (const r of zone.records.slice(1)) d = (d + recordHash(r)) % DIGEST_MOD;
  return d;
}

/** The digest after a difference. */
export function applyToDigest(digest: number, removed: readonly Rr[], added: readonly Rr[]): number {
  let d = digest;
  for (const r of removed) d = (d - recordHash(r) + DIGEST_MOD) % DIGEST_MOD;
  for (const r of added) d = (d + recordHash(r)) % DIGEST_MOD;
  return d;
}

