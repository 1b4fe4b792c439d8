/**
 * A WAPI client for the tests: the hour hash computed here independently of
 * the server (its own Europe/Prague rule), requests sent the way real
 * clients send them (`request=<urlencoded JSON or XML>`), answers parsed to
 * the `response` object (XML parsed into the same shape: `code` and
 * `timestamp` as numbers, every other scalar a string, repeated elements as
 * arrays).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { OPERATOR, type Engine } from '../../../src/core/index.ts';
import { createAccount, depositFunds } from '../../../src/core/flows/accounts/index.ts';

export function sha1(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex');
}

/** Last Sunday of a month (UTC date), at 01:00 UTC. */
function lastSunday0100(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

/** The two-digit hour in Europe/Prague (EU rule: CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC). */
export function pragueHour(now: Date): string {
  const y = now.getUTCFullYear();
  const summer = now.getTime() >= lastSunday0100(y, 2) && now.getTime() < lastSunday0100(y, 9);
  const h = (now.getUTCHours() + (summer ? 2 : 1)) % 24;
  return String(h).padStart(2, '0');
}

/** sha1(login + sha1(wapiPassword) + HH), HH the Europe/Prague hour at `now`. */
export function wapiAuth(login: string, wapiPassword: string, now: Date): string {
  return sha1(login + sha1(wapiPassword) + pragueHour(now));
}

export interface CallOptions {
  format?: 'json' | 'xml';
  clTRID?: string;
  test?: boolean;
}

export interface WapiReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  raw: string;
}

const xmlParser = new XMLParser({ processEntities: true, parseTagValue: false, ignoreDeclaration: true, ignoreAttributes: true });

/** Parses a WAPI XML answer into the shape of the JSON one. */
export function parseXmlResponse(raw: string): Record<string, unknown> {
  const parsed = xmlParser.parse(raw) as { response?: Record<string, unknown> };
  const r = { ...(parsed.response ?? {}) };
  if (typeof r.code === 'string') r.code = Number(r.code);
  if (typeof r.timestamp === 'string') r.timestamp = Number(r.timestamp);
  return r;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A value as XML children: objects as elements, arrays as repeated elements of the key. */
export function toXml(key: string, value: unknown): string {
  if (value === undefined || value === null) return `<${key}/>`;
  if (Array.isArray(value)) return value.map((v) => toXml(key, v)).join('');
  if (typeof value === 'object') {
    return `<${key}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => toXml(k, v)).join('')}</${key}>`;
  }
  return `<${key}>${escapeXml(String(value))}</${key}>`;
}

/** The envelope a real client sends. */
export function envelope(user: string, auth: string, command: string, data?: unknown, options: CallOptions = {}): Record<string, unknown> {
  return {
    user,
    auth,
    command,
    ...(options.clTRID !== undefined ? { clTRID: options.clTRID } : {}),
    ...(data !== undefined ? { data } : {}),
    ...(options.test ? { test: 1 } : {}),
  };
}

export function envelopeXml(request: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml('request', request)}`;
}

/** POST a raw body to /wapi/<format>; parses the answer by its content type. */
export async function postRaw(baseUrl: string, format: 'json' | 'xml', body: string | FormData | Uint8Array, contentType?: string): Promise<WapiReply> {
  const res = await fetch(`${baseUrl}/wapi/${format}`, {
    method: 'POST',
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
    body,
  });
  const raw = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let parsed: unknown;
  try {
    parsed = type.includes('xml') ? parseXmlResponse(raw) : (JSON.parse(raw) as { response?: unknown }).response;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, raw };
}

export class WapiClient {
  /**
   * `now`: the instant the hash is computed for. Default: the server's engine
   * clock, read from GET /healthz before each call (so sandbox clock moves are followed).
   */
  constructor(
    readonly baseUrl: string,
    readonly login: string,
    readonly wapiPassword: string,
    readonly now?: () => Date,
  ) {}

  async serverNow(): Promise<Date> {
    if (this.now) return this.now();
    const res = await fetch(`${this.baseUrl}/healthz`);
    const body = (await res.json()) as { time: string };
    return new Date(body.time);
  }

  async call(command: string, data?: unknown, options: CallOptions = {}): Promise<WapiReply> {
    const format = options.format ?? 'json';
    const auth = wapiAuth(this.login, this.wapiPassword, await this.serverNow());
    const request = envelope(this.login, auth, command, data, options);
    const text = format === 'json' ? JSON.stringify({ request }) : envelopeXml(request);
    return postRaw(this.baseUrl, format, new URLSearchParams({ request: text }).toString(), 'application/x-www-form-urlencoded');
  }
}

let counter = 0;

/** A CZK account with a WAPI password (and optional deposits in CZK / EUR). */
export async function newWapiAccount(
  engine: Engine,
  options: { depositCzk?: string; depositEur?: string } = {},
): Promise<{ email: string; wapiPassword: string; accountId: number }> {
  counter += 1;
  const email = `wapi${counter}-${process.pid}@example.test`;
  const wapiPassword = `wapi-secret-${counter}`;
  const created = await engine.run(
    createAccount,
    { email, password: 'correct horse battery', firstName: 'Wapi', lastName: `User${counter}`, currency: 'CZK', wapiPassword },
    { actor: OPERATOR },
  );
  const deposits: [string, string | undefined][] = [['CZK', options.depositCzk], ['EUR', options.depositEur]];
  for (const [currency, amount] of deposits) {
    if (amount !== undefined) await engine.run(depositFunds, { accountId: created.account.id, amount, currency }, { actor: OPERATOR });
  }
  return { email, wapiPassword, accountId: created.account.id };
}

/** WEDOS-style server transaction id: `<unix>.<4 digits>.<n>.1`. */
export const SVTRID = /^(\d+)\.\d{4}\.\d+\.1$/;

/**
 * The parsed `response` with `timestamp` (a number) and `svTRID` (starting
 * with that timestamp) checked and replaced by "<timestamp>" / "<svTRID>".
 * Key order is kept, so `Object.keys` of the result is the wire order.
 */
export function normalized(body: unknown): Record<string, unknown> {
  assert.ok(body !== null && typeof body === 'object', `a response object is expected, got ${JSON.stringify(body)}`);
  const r = body as Record<string, unknown>;
  assert.equal(typeof r.timestamp, 'number', 'timestamp is a number');
  const m = SVTRID.exec(String(r.svTRID));
  assert.ok(m, `svTRID ${String(r.svTRID)} has the WEDOS form`);
  assert.equal(Number(m[1]), r.timestamp, 'svTRID starts with the timestamp');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[k] = k === 'timestamp' ? '<timestamp>' : k === 'svTRID' ? '<svTRID>' : v;
  return out;
}

/** The expected normalized response, keys in wire order. */
export function expected(command: string, code: number, result: string, extra: { clTRID?: string; data?: unknown } = {}): Record<string, unknown> {
  return {
    code,
    result,
    timestamp: '<timestamp>',
    ...(extra.clTRID !== undefined ? { clTRID: extra.clTRID } : {}),
    svTRID: '<svTRID>',
    command,
    ...(extra.data !== undefined ? { data: extra.data } : {}),
  };
}

/** Whole-response comparison, key order included. */
export function assertResponse(reply: WapiReply, want: Record<string, unknown>, message?: string): void {
  assert.equal(reply.status, 200, `HTTP status (${reply.raw})`);
  const got = normalized(reply.body);
  assert.deepEqual(got, want, message ?? reply.raw);
  assert.deepEqual(Object.keys(got), Object.keys(want), `key order: ${reply.raw}`);
}
