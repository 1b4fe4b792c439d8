/**
 * The mail service: the e-mail forwarding SMTP listener (smtp.ts) and the
 * outbox delivery loop (outbox-delivery.ts), both through the configured
 * smarthost (relay.ts). Either part can run without the other: `enabled`
 * turns the listener on or off; the loop runs whenever a smarthost is set.
 */
import type { Registry } from 'prom-client';
import type { Engine } from '../../core/engine.ts';
import { MailMetrics } from './metrics.ts';
import type { MailOptions } from './options.ts';
import { startOutboxDelivery, type OutboxDelivery } from './outbox-delivery.ts';
import { createRelay } from './relay.ts';
import { startSmtpServer, type MailLogger, type RunningSmtpServer } from './smtp.ts';

export type { MailOptions, Smarthost, OutboxDeliveryOptions } from './options.ts';
export type { MailLogger, RunningSmtpServer } from './smtp.ts';
export type { OutboxDelivery, PassResult } from './outbox-delivery.ts';
export { forwardTargets } from './aliases.ts';

export interface RunningMailService {
  /** The SMTP listener, when enabled. */
  readonly smtp: RunningSmtpServer | undefined;
  /** The outbox delivery loop, when a smarthost is configured. */
  readonly outbox: OutboxDelivery | undefined;
  readonly metrics: MailMetrics;
  close(): Promise<void>;
}

const SILENT: MailLogger = { info() {}, warn() {}, error() {} };

export async function startMailService(input: {
  readonly engine: Engine;
  readonly options: MailOptions;
  /** Listen for SMTP (the `mail.enabled` switch). */
  readonly listen: boolean;
  readonly metricsRegistry?: Registry;
  readonly log?: MailLogger;
}): Promise<RunningMailService> {
  const { engine, options } = input;
  const log = input.log ?? SILENT;
  const metrics = new MailMetrics();
  const relay = options.smarthost ? createRelay(options.smarthost, options.hostname) : undefined;
  const smtp = input.listen ? await startSmtpServer({ engine, options, relay, metrics, log }) : undefined;
  const outbox = relay ? startOutboxDelivery({ engine, relay, options: options.outbox, hostname: options.hostname, metrics, log }) : undefined;
  if (input.metricsRegistry) metrics.register(input.metricsRegistry);
  if (smtp) log.info({ host: options.host, port: smtp.port, smarthost: options.smarthost ? `${options.smarthost.host}:${options.smarthost.port}` : null }, 'mail server listening');
  let closing: Promise<void> | undefined;
  return {
    smtp,
    outbox,
    metrics,
    close() {
      closing ??= (async () => {
        await outbox?.close();
        await smtp?.close();
        relay?.close();
      })();
      return closing;
    },
  };
}
