/**
 * NOTIFY (RFC 1996) to the configured secondaries whenever a zone gets a new
 * serial: one UDP message per zone and secondary, repeated until the
 * secondary answers or the attempts run out. A newer serial for the same
 * zone and secondary replaces the pending one.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { DnsIndex } from '../dns-index.ts';
import type { DnsMetrics } from '../metrics.ts';
import { fqdn } from '../names.ts';
import type { DnsOptions, Secondary } from '../options.ts';
import { toAnswer } from '../rr.ts';
import { signMessage } from '../tsig.ts';

/** First retry after this long (RFC 1996 §3.6 leaves the interval to the implementation; secondaries answer in milliseconds). */
export const NOTIFY_FIRST_RETRY_MS = 1_000;
/** Each retry waits twice as long as the one before. */
export const NOTIFY_BACKOFF = 2;
/** Attempts per zone and secondary before giving up (RFC 1996 §3.6 suggests about five). */
export const NOTIFY_MAX_ATTEMPTS = 5;
const OPCODE_NOTIFY = 4;

export interface NotifierDeps {
  readonly index: DnsIndex;
  readonly options: DnsOptions;
  readonly metrics: DnsMetrics;
  readonly nowSeconds: () => number;
  readonly log: (msg: string, extra?: object) => void;
}

interface Pending {
  readonly id: number;
  readonly apex: string;
  readonly secondary: Secondary;
  attempts: number;
  timer: NodeJS.Timeout | undefined;
}

export class Notifier {
  readonly #socket: Socket;
  readonly #pending = new Map<string, Pending>();
  readonly #byId = new Map<number, Pending>();
  readonly #deps: NotifierDeps;
  #closed = false;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
    this.#socket = createSocket(deps.options.host.includes(':') ? 'udp6' : 'udp4');
    this.#socket.on('message', (msg, rinfo) => this.#onReply(msg, rinfo.address));
    this.#socket.on('error', (err) => deps.log('notify socket error', { err: err.message }));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#socket.bind(0, this.#deps.options.host, resolve));
  }

  /** Announce the zone's current serial to every secondary. */
  notify(apex: string): void {
    if (this.#closed) return;
    for (const secondary of this.#deps.options.secondaries) {
      const key = `${apex}|${secondary.address}|${secondary.port}`;
      const old = this.#pending.get(key);
      if (old) this.#cancel(key, old);
      let id = randomInt(0, 0x10000);
      while (this.#byId.has(id)) id = (id + 1) & 0xffff;
      const p: Pending = { id, apex, secondary, attempts: 0, timer: undefined };
      this.#pending.set(key, p);
      this.#byId.set(id, p);
      this.#send(key, p);
    }
  }

  /** Pending NOTIFYs (tests wait for zero). */
  get pending(): number {
    return this.#pending.size;
  }

  #send(key: string, p: Pending): void {
    const zone = this.#deps.index.zone(p.apex);
    if (!zone || this.#closed) return this.#cancel(key, p);
    p.attempts++;
    if (p.attempts > 1) this.#deps.metrics.notify.retried++;
    let msg = dnsPacket.encode({
      type: 'query',
      id: p.id,
      flags: (OPCODE_NOTIFY << 11) | dnsPacket.AUTHORITATIVE_ANSWER,
      questions: [{ name: fqdn(p.apex), type: 'SOA', class: 'IN' }],
      answers: [toAnswer(zone.records[0]!)],
    });
    const keyName = p.secondary.tsigKey;
    if (keyName) {
      const tsigKey = this.#deps.options.tsigKeys.find((k) => k.name === keyName)!;
      msg = signMessage(msg, { key: tsigKey, nowSeconds: this.#deps.nowSeconds() }).message;
    }
    this.#deps.metrics.notify.sent++;
    this.#socket.send(msg, p.secondary.port, p.secondary.address);
    if (p.attempts >= NOTIFY_MAX_ATTEMPTS) {
      p.timer = setTimeout(() => {
        this.#deps.metrics.notify.failed++;
        this.#deps.log('NOTIFY not answered', { zone: p.apex, secondary: `${p.secondary.address}:${p.secondary.port}` });
        this.#cancel(key, p);
      }, NOTIFY_FIRST_RETRY_MS * NOTIFY_BACKOFF ** (p.attempts - 1));
      return;
    }
    p.timer = setTimeout(() => this.#send(key, p), NOTIFY_FIRST_RETRY_MS * NOTIFY_BACKOFF ** (p.attempts - 1));
  }

  #onReply(msg: Buffer, from: string): void {
    if (msg.length < 12 || !(msg.readUInt16BE(2) & 0x8000)) return;
    const p = this.#byId.get(msg.readUInt16BE(0));
    if (!p || p.secondary.address !== from) return;
    this.#deps.metrics.notify.acked++;
    this.#cancel(`${p.apex}|${p.secondary.address}|${p.secondary.port}`, p);
  }

  #cancel(key: string, p: Pending): void {
    clearTimeout(p.timer);
    this.#pending.delete(key);
    this.#byId.delete(p.id);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const [key, p] of this.#pending) this.#cancel(key, p);
    await new Promise<void>((resolve) => this.#socket.close(() => resolve()));
  }
}
