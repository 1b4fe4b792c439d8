/** Mail counters, plain numbers on the hot path, exported to the server's Prometheus registry at scrape time. */
import { Counter, type Registry } from 'prom-client';

export class MailMetrics {
  readonly recipients = { accepted: 0, refused: 0, deferred: 0 };
  readonly messages = { relayed: 0, failed: 0, too_large: 0 };
  readonly outbox = { sent: 0, retry: 0, failed: 0 };

  register(registry: Registry): void {
    const counter = (name: string, help: string, label: string, values: Record<string, number>) =>
      new Counter({
        name, help, labelNames: [label], registers: [registry],
        collect() {
          this.reset();
          for (const [k, n] of Object.entries(values)) this.inc({ [label]: k }, n);
        },
      });
    counter('regd_smtp_recipients_total', 'RCPT TO answered by the e-mail forwarding service: accepted, refused (550: not a forwarded address), deferred (451: no smarthost).', 'result', this.recipients);
    counter('regd_smtp_messages_total', 'Messages received by the e-mail forwarding service: relayed to the smarthost, failed (451 to the sender), too_large (552).', 'result', this.messages);
    counter('regd_outbox_deliveries_total', 'Outbox delivery attempts: sent, retry (failed, tried again later), failed (given up).', 'result', this.outbox);
  }
}
