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

export class DnsMetrics {
  readonly byType = new Map<number, number>();
  readonly byRcode = new Map<number, number>();
  queries = 0;
  dropped = 0;
  tsigFailures = 0;
  readonly transfers = { axfr: 0, ixfr: 0, ixfrFallbackAxfr: 0, refused: 0 };
  readonly notify = { sent: 0, acked: 0, retried: 0, failed: 0 };
  zoneRebuilds = 0;

  query(type: number): void {
    this.queries++;
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
  }

  rcode(rcode: number): void {
    this.byRcode.set(rcode, (this.byRcode.get(rcode) ?? 0) + 1);
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
      for (const [t, n] of s.byType) this.byType.set(t, (this.byType.get(t) ?? 0) + n);
      for (const [r, n] of s.byRcode) this.byRcode.set(r, (this.byRcode.get(r) ?? 0) + n);
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
