/**
 * DNS counters, kept as plain numbers on the hot path and exported to a
 * Prometheus registry at scrape time: queries by type and by rcode,
 * answers per second (a rate over the counter), transfers and NOTIFYs.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { typeName } from './rr.ts';

const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];

export interface DnsMetricsSnapshot {
  readonly byType: readonly (readonly [number, number])[];
  readonly byRcode: readonly (readonly [number, number])[];
  readonly queries: number;
  readonly dropped: number;
  readonly tsigFailures: number;
  readonly transfers: DnsMetrics['transfers'];
  readonly notify: DnsMetrics['notify'];
  readonly zoneRebuilds: number;
}

/** Counts per small integer (a query type, an rcode) in an array: an increment per query, no hashing. */
class Tally {
  readonly #counts: Float64Array;

  constructor(size: number) {
    this.#counts = new Float64Array(size);
  }

  add(key: number, n = 1): void {
    this.#counts[key] = this.#counts[key]! + n;
  }

  clear(): void {
    this.#counts.fill(0);
  }

  /** [key, count] for every key counted. */
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    const counts = this.#counts;
    for (let k = 0; k < counts.length; k++) if (counts[k] !== 0) yield [k, counts[k]!];
  }
}

export class DnsMetrics {
  /** By query type (16 bits). */
  readonly byType = new Tally(0x10000);
  /** By rcode (12 bits with EDNS's extended rcodes). */
  readonly byRcode = new Tally(0x1000);
  queries = 0;
  dropped = 0;
  tsigFailures = 0;
  readonly transfers = { axfr: 0, ixfr: 0, ixfrFallbackAxfr: 0, refused: 0 };
  readonly notify = { sent: 0, acked: 0, retried: 0, failed: 0 };
  zoneRebuilds = 0;

  query(type: number): void {
    this.queries++;
    this.byType.add(type);
  }

  rcode(rcode: number): void {
    this.byRcode.add(rcode & 0xfff);
  }

  /** The counters as plain data (a worker thread sends them to the main thread's /metrics). */
  snapshot(): DnsMetricsSnapshot {
    return {
      byType: [...this.byType], byRcode: [...this.byRcode], queries: this.queries, dropped: this.dropped, tsigFailures: this.tsigFailures,
      transfers: { ...this.transfers }, notify: { ...this.notify }, zoneRebuilds: this.zoneRebuilds,
    };
  }

  /** Sets every counter to the sum of these snapshots (the answering threads' counters, aggregated). */
  setSum(snapshots: readonly DnsMetricsSnapshot[]): void {
    this.byType.clear();
    this.byRcode.clear();
    this.queries = this.dropped = this.tsigFailures = this.zoneRebuilds = 0;
    for (const k of Object.keys(this.transfers) as (keyof DnsMetrics['transfers'])[]) this.transfers[k] = 0;
    for (const k of Object.keys(this.notify) as (keyof DnsMetrics['notify'])[]) this.notify[k] = 0;
    for (const s of snapshots) {
      for (const [t, n] of s.byType) this.byType.add(t, n);
      for (const [r, n] of s.byRcode) this.byRcode.add(r, n);
      this.queries += s.queries;
      this.dropped += s.dropped;
      this.tsigFailures += s.tsigFailures;
      this.zoneRebuilds += s.zoneRebuilds;
      for (const k of Object.keys(this.transfers) as (keyof DnsMetrics['transfers'])[]) this.transfers[k] += s.transfers[k];
      for (const k of Object.keys(this.notify) as (keyof DnsMetrics['notify'])[]) this.notify[k] += s.notify[k];
    }
  }

  /** Registers collectors in `registry` (the HTTP server's /metrics). Values are read when scraped. */
  register(registry: Registry, zones: () => number, refresh?: () => Promise<void>): void {
    type Sample = readonly [Record<string, string>, number];
    const counter = (name: string, help: string, labelNames: readonly string[], samples: () => Iterable<Sample>) =>
      new Counter({
        name, help, labelNames, registers: [registry],
        async collect() {
          await refresh?.();
          this.reset();
          for (const [labels, n] of samples()) this.inc(labels, n);
        },
      });
    counter('regd_dns_queries_total', 'DNS queries received, by query type.', ['qtype'], () =>
      [...this.byType].map(([t, n]) => [{ qtype: typeName(t) }, n] as const));
    counter('regd_dns_responses_total', 'DNS responses sent, by rcode (answers per second: rate() of this).', ['rcode'], () =>
      [...this.byRcode].map(([r, n]) => [{ rcode: RCODE_NAMES[r] ?? String(r) }, n] as const));
    counter('regd_dns_dropped_total', 'Packets dropped unanswered (not a query, no header).', [], () => [[{}, this.dropped]]);
    counter('regd_dns_transfers_total', 'Zone transfers served, by kind.', ['kind'], () =>
      Object.entries(this.transfers).map(([k, n]) => [{ kind: k }, n] as const));
    counter('regd_dns_notify_total', 'NOTIFY messages, by event.', ['event'], () =>
      Object.entries(this.notify).map(([k, n]) => [{ event: k }, n] as const));
    counter('regd_dns_zone_rebuilds_total', 'Zones rebuilt after a change in the store.', [], () => [[{}, this.zoneRebuilds]]);
    new Gauge({ name: 'regd_dns_zones', help: 'Zones served.', registers: [registry], async collect() {
      await refresh?.();
      this.set(zones());
    } });
  }
}
