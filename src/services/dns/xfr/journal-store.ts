/**
 * The IXFR journal in the store (table dns_journal, migration 0009): each
 * published version's differences are written after the tick that made
 * them, at most `journalSize` rows per zone are kept, and at start-up the
 * journal and the last published serial and content digest of every zone
 * are read back. Records travel as base64 wire format (dns-packet's
 * resource record codec), read back into the index's records.
 */
import dnsPacket from 'dns-packet';
import type { DnsSource } from '../../../core/index.ts';
import { makeRr, toAnswer, type Rr, type T } from '../rr.ts';
import type { JournalEntry } from './journal.ts';

// dns-packet's record codec is exported but not declared in @types/dns-packet.
const answerCodec = (dnsPacket as unknown as { answer: { encode(a: unknown): Buffer; decode(b: Buffer): { name: string; type: string; ttl: number; data: unknown } } }).answer;

export interface PersistedEntry extends JournalEntry {
  readonly apex: string;
  /** Content digest of the zone at toSoa's serial. */
  readonly digest: number;
}

export class JournalStore {
  readonly #source: DnsSource;
  readonly #size: number;
  #queue: PersistedEntry[] = [];
  readonly #forgotten = new Set<string>();
  readonly #persist: boolean;

  /** With `persist: false` the journal is only read (an export computing the serials the server publishes): nothing is written. */
  constructor(source: DnsSource, size: number, options: { readonly persist?: boolean } = {}) {
    this.#source = source;
    this.#size = size;
    this.#persist = options.persist ?? true;
  }

  /** Every stored entry, oldest first per zone. */
  async load(): Promise<PersistedEntry[]> {
    const rows = await this.#source.loadJournal();
    return rows.map((r) => ({
      apex: r.zone, digest: r.toDigest, fromSoa: decodeRr(r.fromSoa), toSoa: decodeRr(r.toSoa),
      removed: r.removed.map(decodeRr), added: r.added.map(decodeRr),
    }));
  }

  add(entry: PersistedEntry): void {
    this.#forgotten.delete(entry.apex);
    this.#queue.push(entry);
  }

  forget(apex: string): void {
    this.#queue = this.#queue.filter((e) => e.apex !== apex);
    this.#forgotten.add(apex);
  }

  /** Writes what was recorded since the last flush, and trims each zone touched to the newest `journalSize` rows. */
  async flush(): Promise<void> {
    if (!this.#persist) {
      this.#queue = [];
      this.#forgotten.clear();
      return;
    }
    if (this.#queue.length === 0 && this.#forgotten.size === 0) return;
    const queue = this.#queue;
    const forgotten = [...this.#forgotten];
    this.#queue = [];
    this.#forgotten.clear();
    await this.#source.writeJournal(forgotten, queue.map((e) => ({
      zone: e.apex, fromSerial: serialOf(e.fromSoa), toSerial: serialOf(e.toSoa), toDigest: e.digest,
      fromSoa: encodeRr(e.fromSoa), toSoa: encodeRr(e.toSoa), removed: e.removed.map(encodeRr), added: e.added.map(encodeRr),
    })), this.#size);
  }
}

function serialOf(soa: Rr): number {
  return (soa.data as { serial: number }).serial;
}

function encodeRr(r: Rr): string {
  return answerCodec.encode(toAnswer(r)).toString('base64');
}

function decodeRr(text: string): Rr {
  const a = answerCodec.decode(Buffer.from(text, 'base64'));
  return makeRr(a.name, a.type as keyof typeof T, a.ttl, a.data);
}
