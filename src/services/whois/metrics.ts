/** WHOIS counters on the HTTP server's /metrics: queries by outcome, connections refused. */
import { Counter, type Registry } from 'prom-client';

export const WHOIS_OUTCOMES = ['found', 'not_found', 'invalid', 'rate_limited', 'too_long', 'timeout', 'error'] as const;
export type WhoisOutcome = (typeof WHOIS_OUTCOMES)[number];

export class WhoisMetrics {
  readonly #queries: Counter<'outcome'>;
  readonly #refused: Counter;

  constructor(registry: Registry) {
    this.#queries = new Counter({
      name: 'regd_whois_queries_total',
      help: 'WHOIS queries answered, by outcome (found, not_found, invalid, rate_limited, too_long, timeout, error).',
      labelNames: ['outcome'],
      registers: [registry],
    });
    // Every outcome present from the start, at 0.
    for (const outcome of WHOIS_OUTCOMES) this.#queries.inc({ outcome }, 0);
    this.#refused = new Counter({
      name: 'regd_whois_connections_refused_total',
      help: 'WHOIS connections refused because their address held too many open connections.',
      registers: [registry],
    });
  }

  query(outcome: WhoisOutcome): void {
    this.#queries.inc({ outcome });
  }

  refused(): void {
    this.#refused.inc();
  }
}
