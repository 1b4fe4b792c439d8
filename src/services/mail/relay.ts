/** Handing a message to the smarthost (nodemailer's pooled SMTP transport: up to 4 connections, each reused for up to 100 messages). */
import nodemailer from 'nodemailer';
import type { Smarthost } from './options.ts';

export interface Relay {
  /** Sends a raw RFC 5322 message with this envelope; rejects with the smarthost's refusal. */
  sendRaw(envelope: { readonly from: string; readonly to: readonly string[] }, raw: Buffer): Promise<void>;
  /** Sends a text message (the outbox). */
  sendText(message: { readonly from: string; readonly to: string; readonly subject: string; readonly text: string; readonly messageId: string }): Promise<void>;
  close(): void;
}

export function createRelay(smarthost: Smarthost, hostname: string): Relay {
  const transport = nodemailer.createTransport({
    host: smarthost.host,
    port: smarthost.port,
    secure: smarthost.secure,
    name: hostname,
    pool: true,
    maxConnections: 4,
    maxMessages: 100,
    ...(smarthost.user !== undefined ? { auth: { user: smarthost.user, pass: smarthost.password ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async sendRaw(envelope, raw) {
      await transport.sendMail({ envelope: { from: envelope.from, to: [...envelope.to] }, raw });
    },
    async sendText(m) {
      await transport.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
    close() {
      transport.close();
    },
  };
}
