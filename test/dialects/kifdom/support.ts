/**
 * KifDom contract-test helpers: a client that speaks the dialect over real
 * HTTP and validates every response against the published OpenAPI document,
 * whole-body fixtures with placeholders, and small engine-side builders.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import pg from 'pg';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../../src/config/index.ts';
import { openServices } from '../../../src/runtime/services.ts';
import { startServer } from '../../../src/server/index.ts';
import { openStore, type Db, type Store } from '../../../src/store/index.ts';
import type { Backend } from '../../support/backends.ts';
import { TEST_TOKEN, type TestServer } from '../../server/support.ts';
import { MONEY_AND_DOMAIN_TABLES, snapshotTables } from '../../support/snapshot.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);

export interface KifdomResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
  readonly text: string;
}

export interface CallOptions {
  /** Bearer token; omitted: no Authorization header. */
  readonly token?: string;
  /** JSON body (serialized) … */
  readonly json?: unknown;
  /** … or raw body text. */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
}

/** The published document, compiled: every response the client sees must match its route's documented response. */
export class OpenApiContract {
  readonly doc: OpenApiDoc;
  readonly #ajv = new Ajv({ strict: false, allErrors: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(yamlText: string) {
    this.doc = parseYaml(yamlText) as OpenApiDoc;
    this.#ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  }

  /** The documented path template matching a concrete path, or undefined. */
  route(method: string, path: string): { template: string; op: OpenApiOperation } | undefined {
    for (const [template, methods] of Object.entries(this.doc.paths)) {
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const op = methods[method.toLowerCase()];
      if (op && re.test(path)) return { template, op };
    }
    return undefined;
  }

  validate(method: string, path: string, res: KifdomResponse): void {
    const route = this.route(method, path);
    if (route === undefined) return; // unknown route: 404s are checked by the tests themselves
    const documented = route.op.responses[String(res.status)];
    assert.ok(documented, `${method} ${route.template} answered ${res.status}, which its OpenAPI entry does not document: ${res.text}`);
    const schema = documented.content?.['application/json']?.schema;
    assert.ok(schema, `${method} ${route.template} ${res.status} has no JSON schema`);
    const key = `${method} ${route.template} ${res.status}`;
    let validate = this.#compiled.get(key);
    if (!validate) this.#compiled.set(key, (validate = this.#ajv.compile(schema)));
    assert.ok(validate(res.body), `${key} does not match the published document: ${this.#ajv.errorsText(validate.errors)}\n${res.text}`);
  }
}

export interface OpenApiOperation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly security?: readonly unknown[];
  readonly requestBody?: unknown;
  readonly responses: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
}

export interface OpenApiDoc {
  readonly openapi: string;
  readonly info: { title: string };
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
}

export class KifdomClient {
  readonly baseUrl: string;
  contract: OpenApiContract | undefined;

  constructor(serverUrl: string) {
    this.baseUrl = `${serverUrl}/api/v1`;
  }

  /** Loads the published document; from then on every response is validated against it. */
  async loadContract(): Promise<OpenApiContract> {
    const res = await fetch(`${this.baseUrl}/docs/openapi.yaml`);
    assert.equal(res.status, 200);
    this.contract = new OpenApiContract(await res.text());
    return this.contract;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<KifdomResponse> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json', ...(options.headers ?? {}) };
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    const body = options.raw ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined);
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      assert.fail(`${method} ${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
    }
    assert.match(contentType, /^application\/json/, `${method} ${path}: content type ${contentType}`);
    assert.notEqual(res.status, 500, `${method} ${path} answered 500: ${text}`);
    const out = { status: res.status, contentType, body: parsed, text };
    this.contract?.validate(method, `/api/v1${path.split('?')[0]}`, out);
    return out;
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.call('POST', '/auth/login', { json: { email, password } });
    assert.equal(res.status, 200, res.text);
    return (res.body as { access_token: string }).access_token;
  }
}

/** Wildcards a fixture may hold in place of a value. */
const WILDCARDS: Readonly<Record<string, (v: unknown) => boolean>> = {
  '%INT%': (v) => Number.isSafeInteger(v),
  '%JWT%': (v) => typeof v === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(v),
  '%ISO_SECONDS%': (v) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v),
  '%ISO_MICROS%': (v) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(v),
};

/** Replaces values of `actual` that a wildcard of `expected` accepts by that wildcard, so a deepEqual diff shows only real differences. */
function normalize(actual: unknown, expected: unknown): unknown {
  if (typeof expected === 'string' && expected in WILDCARDS) return WILDCARDS[expected]!(actual) ? expected : actual;
  if (Array.isArray(expected) && Array.isArray(actual)) return actual.map((v, i) => normalize(v, expected[i]));
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(actual)) {
    const e = expected as Record<string, unknown>;
    return Object.fromEntries(Object.entries(actual as Record<string, unknown>).map(([k, v]) => [k, normalize(v, e[k])]));
  }
  return actual;
}

/** A fixture's text with `%NAME%` variables replaced (as JSON values), parsed. */
export function fixture(name: string, vars: Readonly<Record<string, unknown>> = {}): unknown {
  let text = readFileSync(new URL(name, FIXTURES), 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`"%${k}%"`, JSON.stringify(v));
  const left = /"%(?!INT%|JWT%|ISO_SECONDS%|ISO_MICROS%)[A-Z_]+%"/.exec(text);
  assert.equal(left, null, `fixture ${name}: variable ${left?.[0]} was not given`);
  return JSON.parse(text);
}

/** Whole-body comparison, key order included (the wire order is part of the contract). */
export function assertBody(res: KifdomResponse, status: number, expected: unknown): void {
  const normalized = normalize(res.body, expected);
  assert.deepStrictEqual({ status: res.status, body: normalized }, { status, body: expected });
  assert.equal(JSON.stringify(normalized), JSON.stringify(expected), 'same keys, but not in the documented order');
}

export function assertFixture(res: KifdomResponse, status: number, name: string, vars: Readonly<Record<string, unknown>> = {}): void {
  assertBody(res, status, fixture(name, vars));
}

/** The two meta blocks, for computed expectations. */
export function okMeta(balance: string, onHold: string, total: number) {
  return { balance, 'on-hold': onHold, total, error: false };
}

export function errMeta(onHold: number, total: number, balance: number) {
  return { 'on-hold': onHold, 'total-domains': total, 'credits-balance': balance, error: true };
}

/** A server over a store that outlives it: start, stop, start again on the same data. */
export interface RestartableServer {
  start(): Promise<TestServer>;
  /** Drops the data (PostgreSQL schema / PGlite directory). */
  destroy(): Promise<void>;
}

export function restartableServer(backend: Backend): RestartableServer {
  const dir = mkdtempSync(join(tmpdir(), 'regd-kifdom-'));
  const schema = `t_kifdom_${randomBytes(5).toString('hex')}`;
  const open = (): Promise<Store> =>
    backend === 'pglite'
      ? openStore({ dataDir: join(dir, 'pglite') })
      : openStore({ databaseUrl: process.env.DATABASE_URL!, schema, poolSize: 5 });
  return {
    async start() {
      const dataDir = mkdtempSync(join(dir, 'server-'));
      const config = loadConfig({
        argv: ['--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--log-level', 'silent', '--mode', 'sandbox'],
        env: { REGD_OPERATOR_TOKEN: TEST_TOKEN },
      });
      const services = await openServices(config, { store: await open() });
      const server = await startServer(services, { operatorToken: TEST_TOKEN });
      return { services, server, url: server.url, dataDir, close: () => server.close() };
    },
    async destroy() {
      if (backend === 'postgres') {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await client.end();
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const KIFDOM_TABLES = [...MONEY_AND_DOMAIN_TABLES, 'kifdom_revoked_tokens'] as const;

/** Runs a refused request and checks that no table changed. */
export async function assertUnchanged<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const before = await snapshotTables(db, KIFDOM_TABLES);
  const result = await fn();
  assert.deepStrictEqual(await snapshotTables(db, KIFDOM_TABLES), before, 'a refused request changed stored data');
  return result;
}

/** "2027-11-23T09:33:21Z": how registry_ends_at shows an instant. */
export function isoSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
