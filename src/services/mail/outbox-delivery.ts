/**
 * The outbox delivery loop: every `intervalMs` (real time) it claims the
 * outbox messages that are due on the engine clock (core claimOutboxMail),
 * hands each to the smarthost, and records the attempt (recordOutboxDelivery:
 * sent, or retried after a doubling backoff, or failed after the last
 * attempt). Passes never overlap; deliverNow() runs one at once (tests, the
 * operator). Without a smarthost the loop is not started and the outbox
 * stays as it is (`regd outbox list`).
 */
import type { Engine } from '../../core/engine.ts';
import { SYSTEM } from '../../core/context.ts';
import { claimOutboxMail, recordOutboxDelivery } from '../../core/index.ts';
import type { MailLogger } from './smtp.ts';
import type { MailMetrics } from './metrics.ts';
import type { OutboxDeliveryOptions } from './options.ts';
import type { Relay } from './relay.ts';

/** Messages claimed per statement, and claims per pass at most. */
const BATCH = 50;
const BATCHES_PER_PASS = 20;
/** A claimed message not recorded within this (a process that died mid-send) may be claimed again. */
const LEASE_MS = 10 * 60_000;

export interface PassResult {
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
}

export interface OutboxDelivery {
  /** One delivery pass now (after the one running, if any). */
  deliverNow(): Promise<PassResult>;
  close(): Promise<void>;
}

export function startOutboxDelivery(input: {
  readonly engine: Engine;
  readonly relay: Relay;
  readonly options: OutboxDeliveryOptions;
  readonly hostname: string;
  readonly metrics: MailMetrics;
  readonly log: MailLogger;
}): OutboxDelivery {
  const { engine, relay, options, metrics, log } = input;
  const as = { actor: SYSTEM, source: 'outbox' } as const;

  async function pass(): Promise<PassResult> {
    const result = { sent: 0, retried: 0, failed: 0 };
    for (let b = 0; b < BATCHES_PER_PASS; b++) {
      const { items } = await engine.run(claimOutboxMail, { limit: BATCH, leaseMs: LEASE_MS }, as);
      for (const m of items) {
        let error: string | undefined;
        try {
          await relay.sendText({ from: options.from, to: m.to, subject: m.subject, text: m.body, messageId: `<outbox-${m.id}@${input.hostname}>` });
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        const recorded = await engine.run(recordOutboxDelivery, {
          id: m.id, attempt: m.attempts, ...(error !== undefined ? { error } : {}),
          maxAttempts: options.maxAttempts, retryBaseMs: options.retryBaseMs, retryMaxMs: options.retryMaxMs,
        }, as);
        if (!recorded) continue;
        const outcome = recorded.status === 'sent' ? 'sent' : recorded.status === 'failed' ? 'failed' : 'retry';
        metrics.outbox[outcome]++;
        if (outcome === 'sent') result.sent++;
        else if (outcome === 'failed') result.failed++;
        else result.retried++;
        if (error !== undefined) log.warn({ outbox: m.id, attempts: recorded.attempts, final: outcome === 'failed', error }, 'outbox: delivery failed');
      }
      if (items.length < BATCH) break;
    }
    return result;
  }

  let closed = false;
  let running: Promise<unknown> = Promise.resolve();
  const queued = (): Promise<PassResult> => {
    const next = running.then(pass);
    running = next.catch((err: unknown) => log.error({ err }, 'outbox: delivery pass failed'));
    return next;
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void queued().catch(() => undefined).finally(schedule), options.intervalMs);
    timer.unref();
  };
  schedule();
  return {
    deliverNow: queued,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
