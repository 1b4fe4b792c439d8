/**
 * A Freenom client for the contract tests: parameters in the query string,
 * a form body, or both, repeated keys for lists; JSON or XML; and golden
 * fixtures with placeholders compared as whole text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';
import type { Backend } from '../../support/backends.ts';

export type ParamValue = string | readonly string[];
export type ParamMap = Readonly<Record<string, ParamValue>>;

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** Parsed JSON, or the XML tree under <response> (lists as arrays, scalars as strings). */
  readonly body: Record<string, unknown>;
}

export interface CallOptions {
  /** HTTP method; default: the one the path's function documents is the caller's business, GET here. */
  readonly method?: string;
  /** Where the parameters go; default: query for GET/HEAD, form body otherwise. */
  readonly via?: 'query' | 'form' | 'both';
  readonly xml?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  /** A raw body (with its content type in headers), instead of a form. */
  readonly rawBody?: string | Buffer;
}

/** Fixed start of the sandbox clock in every Freenom test file (later than any real "now"). */
export const START = '2032-01-15T10:00:00.000Z';

export function encode(params: ParamMap): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of typeof v === 'string' ? [v] : v) sp.append(k, x);
  return sp.toString();
}

const xmlParser = new XMLParser({ processEntities: false, parseTagValue: false, ignoreDeclaration: true });

/** node:http, not fetch: fetch refuses bodies on GET, and Freenom clients send them. */
export function call(base: string, path: string, params: ParamMap = {}, options: CallOptions = {}): Promise<Reply> {
  const method = options.method ?? 'GET';
  const via = options.via ?? (method === 'GET' || method === 'HEAD' ? 'query' : 'form');
  const form = encode(params);
  const query = via === 'query' || via === 'both' ? form : '';
  const body = options.rawBody ?? (via === 'form' || via === 'both' ? form : undefined);
  const [route, existing] = path.split('?') as [string, string | undefined];
  const search = [existing, query].filter((q) => q !== undefined && q !== '').join('&');
  const url = new URL(`${base}${route}${options.xml ? '.xml' : ''}${search ? `?${search}` : ''}`);
  const headers: Record<string, string> = {
    ...(body !== undefined && options.rawBody === undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        let parsed: Record<string, unknown> = {};
        if (text !== '') {
          parsed = contentType.includes('xml')
            ? ((xmlParser.parse(text) as { response: Record<string, unknown> }).response ?? {})
            : (JSON.parse(text) as Record<string, unknown>);
        }
        resolve({ status: res.statusCode ?? 0, contentType, text, body: parsed });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Credentials as Freenom parameters. */
export function creds(a: TestAccount): { email: string; password: string } {
  return { email: a.email, password: a.password };
}

// ---- golden fixtures ----

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** Placeholders that stand for values a test cannot know in advance. */
const PATTERNS: Readonly<Record<string, string>> = {
  AUTHCODE: '[A-Za-z0-9]{16}',
  TIMESTAMP: '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC',
};

/**
 * Compares a reply's whole text with a fixture. `%NAME%` placeholders are
 * replaced by `vars[NAME]`, or match a pattern (AUTHCODE, TIMESTAMP). JSON
 * fixtures are written pretty and compared in compact form (key order counts).
 */
export function assertFixture(reply: Reply, name: string, vars: Readonly<Record<string, string>> = {}): void {
  let expected = readFileSync(new URL(name, FIXTURES), 'utf8');
  for (const [k, v] of Object.entries(vars)) expected = expected.replaceAll(`%${k}%`, v);
  if (name.endsWith('.json')) expected = JSON.stringify(JSON.parse(expected));
  else expected = expected.replace(/\n$/, '');
  const unknown = [...expected.matchAll(/%([A-Z_]+)%/g)].map((m) => m[1]!).filter((p) => PATTERNS[p] === undefined);
  assert.deepEqual(unknown, [], `fixture ${name} has placeholders without values`);
  const regex = new RegExp(`^${expected.split(/(%[A-Z_]+%)/).map((part) => {
    const m = /^%([A-Z_]+)%$/.exec(part);
    return m ? PATTERNS[m[1]!] : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('')}$`);
  const actual = reply.text.replace(/\n$/, '');
  if (!regex.test(actual)) assert.equal(actual, expected, `response differs from fixture ${name}`);
  assert.equal(reply.status, 200);
}

/** The error envelope, JSON or XML, with exactly this message. */
export function assertError(reply: Reply, message: string | RegExp): void {
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(Object.keys(reply.body), ['status', 'error'], reply.text);
  assert.equal(reply.body.status, 'error');
  if (typeof message === 'string') assert.equal(reply.body.error, message);
  else assert.match(String(reply.body.error), message);
}

// ---- servers and accounts ----

export interface FreenomTestServer extends TestServer {
  /** http://127.0.0.1:<port>/v2 */
  readonly v2: string;
  readonly dotcf: string;
  account(depositEur?: string): Promise<TestAccount>;
  advance(duration: string): Promise<void>;
}

export async function startFreenomServer(backend: Backend): Promise<FreenomTestServer> {
  const t = await startTestServer(backend);
  const moved = await ops(t.url, 'clock set', { at: START });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  return {
    ...t,
    close: () => t.close(),
    v2: `${t.url}/v2`,
    dotcf: `${t.url}/dotcf/v2`,
    account: (depositEur = '1000.00') => newAccount(t.services.engine, { depositEur }),
    async advance(duration: string) {
      const r = await ops(t.url, 'clock advance', { duration });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    },
  };
}

/** A contact of `a` created through the engine's Freenom door (contact/register); returns its id. */
export async function newContact(base: string, a: TestAccount, fields: Partial<Record<string, string>> = {}): Promise<string> {
  const r = await call(base, '/contact/register', { ...creds(a), ...CONTACT, ...fields } as ParamMap, { method: 'PUT' });
  assert.equal(r.body.status, 'OK', r.text);
  return ((r.body.contact as Record<string, string>[])[0]!).contact_id!;
}

export const CONTACT: Readonly<Record<string, string>> = {
  contact_firstname: 'Jan',
  contact_lastname: 'Novak',
  contact_address: 'Main Street 1',
  contact_city: 'Prague',
  contact_zipcode: '11000',
  contact_statecode: '10',
  contact_countrycode: 'CZ',
  contact_phone: '+420.123456789',
  contact_email: 'jan@example.cz',
};

/** Name servers outside every TLD regd offers: they resolve on their own, no glue needed. */
export const OUTSIDE_NS = ['ns1.dns-host.example', 'ns2.dns-host.example'] as const;
