/**
 * The IXFR journal (RFC 1995): for each zone, the differences between
 * consecutive versions the server has published, oldest first. In memory,
 * bounded: a secondary whose serial fell out of it (or that asks after a
 * restart) gets the whole zone instead, which RFC 1995 §4 allows.
 */
import type { Rr } from '../rr.ts';
import type { Zone } from '../zone.ts';

export interface JournalEntry {
  readonly fromSoa: Rr;
  readonly toSoa: Rr;
  readonly removed: readonly Rr[];
  readonly added: readonly Rr[];
}

/** Versions kept per zone. */
export const JOURNAL_MAX_ENTRIES = 64;
/** Records kept per zone over all entries; beyond it the oldest entries go. */
export const JOURNAL_MAX_RECORDS = 100_000;

export class Journal {
  readonly #entries = new Map<string, JournalEntry[]>();

  record(before: Zone, after: Zone): void {
    const key = (r: Rr) => `${r.name}|${r.type}|${r.ttl}|${r.key}`;
    const old = new Map(before.records.slice(1).map((r) => [key(r), r]));
    const now = new Map(after.records.slice(1).map((r) => [key(r), r]));
    const removed = [...old].filter(([k]) => !now.has(k)).map(([, r]) => r);
    const added = [...now].filter(([k]) => !old.has(k)).map(([, r]) => r);
    const list = this.#entries.get(after.apex) ?? [];
    list.push({ fromSoa: before.records[0]!, toSoa: after.records[0]!, removed, added });
    let total = list.reduce((n, e) => n + e.removed.length + e.added.length, 0);
    while (list.length > JOURNAL_MAX_ENTRIES || (total > JOURNAL_MAX_RECORDS && list.length > 1)) {
      const gone = list.shift()!;
      total -= gone.removed.length + gone.added.length;
    }
    this.#entries.set(after.apex, list);
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
