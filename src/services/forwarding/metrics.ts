/** Forwarding counters, plain numbers on the hot path, exported to the server's Prometheus registry at scrape time. */
import { Counter, Gauge, type Registry } from 'prom-client';

export type ForwardKindLabel = 'redirect' | 'stealth' | 'parking' | 'unknown';

export class ForwardingMetrics {
  /** "kind status" → count. */
  readonly requests = new Map<string, number>();

  count(kind: ForwardKindLabel, status: number): void {
    const key = `${kind} ${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  register(registry: Registry, sites: () => number): void {
    const requests = this.requests;
    new Counter({
      name: 'regd_forwarding_requests_total', help: 'Requests answered by the URL forwarding / stealth / parking service, by kind and HTTP status.',
      labelNames: ['kind', 'status'], registers: [registry],
      collect() {
        this.reset();
        for (const [key, n] of requests) {
          const [kind, status] = key.split(' ') as [string, string];
          this.inc({ kind, status }, n);
        }
      },
    });
    new Gauge({ name: 'regd_forwarding_domains', help: 'Domains (not released) the forwarding and mail services mirror.', registers: [registry], collect() { this.set(sites()); } });
  }
}
