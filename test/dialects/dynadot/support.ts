/**
 * A Dynadot API3 client for the contract tests: parameters in the query
 * string (as every example of the document sends them) or in a POST form
 * body; XML, JSON or the CSV paths; and golden bodies (fixtures/) with
 * `{{NAME}}` placeholders compared as whole text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { Engine } from '../../../src/core/index.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';

export type Format = 'xml' | 'json' | 'html' | 'csv';
export type ParamMap = Readonly<Record<string, string | number>>;

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export interface CallOptions {
  /** Send the parameters (key and command included) as a POST form body instead of the query. */
  readonly post?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly rawBody?: string | Buffer;
}

export function encode(params: ParamMap): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) sp.append(k, String(v));
  return sp.toString();
}

/** One API3 call: `GET <base>/api3.<format>?key=…&command=…&…` (or a POST form). */
export function api3(base: string, format: Format, params: ParamMap, options: CallOptions = {}): Promise<Reply> {
  const query = encode(params);
  const post = options.post === true || options.rawBody !== undefined;
  const url = new URL(`${base}/api3.${format}${post && options.rawBody === undefined ? '' : `?${query}`}`);
  const body = options.rawBody ?? (post ? query : undefined);
  const headers: Record<string, string> = {
    ...(body !== undefined && options.rawBody === undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: post ? 'POST' : 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A client bound to one server and one key: `c.xml('domain_info', { domain })`. */
export interface Client {
  readonly key: string;
  xml(command: string, params?: ParamMap): Promise<Reply>;
  json(command: string, params?: ParamMap): Promise<Reply>;
  csv(command: string, params?: ParamMap): Promise<Reply>;
  /** JSON, parsed. */
  obj(command: string, params?: ParamMap): Promise<Record<string, unknown>>;
}

export function client(base: string, key: string): Client {
  const go = (format: Format) => (command: string, params: ParamMap = {}) => api3(base, format, { key, command, ...params });
  return {
    key,
    xml: go('xml'),
    json: go('json'),
    csv: go('html'),
    async obj(command, params = {}) {
      const r = await go('json')(command, params);
      assert.equal(r.status, 200, r.text);
      return JSON.parse(r.text) as Record<string, unknown>;
    },
  };
}

/** An account with money (USD by default) and its client. */
export async function dynadotAccount(engine: Engine, base: string, options: Parameters<typeof newAccount>[1] = {}): Promise<TestAccount & { c: Client }> {
  const a = await newAccount(engine, { deposits: { USD: '1000.00' }, currency: 'USD', ...options });
  return { ...a, c: client(base, a.apiKey) };
}

/** A fixture body with `{{NAME}}` placeholders filled (an unfilled one fails). */
export function fixture(name: string, vars: Readonly<Record<string, string | number>> = {}): string {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, k: string) => {
    if (!(k in vars)) throw new Error(`fixture ${name}: no value for {{${k}}}`);
    return String(vars[k]);
  }).replace(/\n$/, '');
}

/** The reply is HTTP 200 with exactly this body. */
export function assertBody(r: Reply, expected: string): void {
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, expected);
}

/** The reply is HTTP 200 with exactly the JSON of this value (compact, key order included). */
export function assertJson(r: Reply, expected: unknown): void {
  assert.equal(r.status, 200, r.text);
  assert.match(r.contentType, /^application\/json/);
  assert.equal(r.text, JSON.stringify(expected));
}

/** Unix milliseconds as the wire writes them. */
export function ms(d: Date | string): string {
  return String(new Date(d).getTime());
}
