/**
 * Helpers of the WAPI domain-command tests: whole-response comparison with
 * the timestamp and svTRID normalised, accounts and contacts made through
 * the engine, "a refusal changes nothing", and the prices of config/tlds.yaml.
 */
import assert from 'node:assert/strict';
import {
  accountActor, createContact, formatAmount, getAccount, getDomain, quote, type DomainView, type Engine, type ContactView,
  type CreateContactInput,
} from '../../../src/core/index.ts';
import type { Db } from '../../../src/store/index.ts';
import { MONEY_AND_DOMAIN_TABLES, snapshotTables } from '../../support/snapshot.ts';
import { newWapiAccount, WapiClient } from './support.ts';

export const TIMESTAMP = '%TIMESTAMP%';
export const SVTRID = '%SVTRID%';

export interface Wapi {
  readonly client: WapiClient;
  readonly accountId: number;
  readonly email: string;
  readonly actor: ReturnType<typeof accountActor>;
}

/** A WAPI account with credit, and a client logged in as it. */
export async function wapiAccount(engine: Engine, baseUrl: string, deposit: { depositCzk?: string; depositEur?: string } = { depositCzk: '10000.00' }): Promise<Wapi> {
  const a = await newWapiAccount(engine, deposit);
  return { client: new WapiClient(baseUrl, a.email, a.wapiPassword), accountId: a.accountId, email: a.email, actor: accountActor(a.accountId) };
}

export type ResponseObject = Record<string, unknown>;

/** One call; the `response` object with timestamp and svTRID replaced by placeholders (checked for form first). */
export async function call(w: Wapi, command: string, data?: Record<string, unknown>, options: { test?: boolean; clTRID?: string; format?: 'json' | 'xml' } = {}): Promise<ResponseObject> {
  const res = await w.client.call(command, data, { format: options.format ?? 'json', clTRID: options.clTRID ?? `cl-${command}`, ...(options.test ? { test: true } : {}) });
  assert.equal(res.status, 200, `${command}: HTTP ${res.status} ${JSON.stringify(res.raw).slice(0, 500)}`);
  const body = res.body as ResponseObject;
  const r = { ...((body.response as ResponseObject | undefined) ?? body) };
  assert.equal(typeof r.timestamp, 'number', `${command}: timestamp ${String(r.timestamp)}`);
  assert.match(String(r.svTRID), /\S/, `${command}: svTRID`);
  r.timestamp = TIMESTAMP;
  r.svTRID = SVTRID;
  return r;
}

/** The whole response a command should answer (key order included). */
export function expected(command: string, code: number, result: string, data?: unknown, clTRID = `cl-${command}`): ResponseObject {
  return {
    code,
    result,
    timestamp: TIMESTAMP,
    clTRID,
    svTRID: SVTRID,
    command,
    ...(data !== undefined ? { data } : {}),
  };
}

export function assertResponse(actual: ResponseObject, want: ResponseObject): void {
  assert.deepStrictEqual(actual, want);
  assert.equal(JSON.stringify(actual), JSON.stringify(want), 'same keys, but not in the expected order');
}

/** Only the code (and the result text when given). */
export function assertCode(actual: ResponseObject, code: number, result?: string): void {
  assert.equal(actual.code, code, JSON.stringify(actual));
  if (result !== undefined) assert.equal(actual.result, result);
  assert.equal('data' in actual, false, `a refusal carries no data: ${JSON.stringify(actual)}`);
}

/** Runs a refused request and checks that no table changed. */
export async function assertUnchanged<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const before = await snapshotTables(db, MONEY_AND_DOMAIN_TABLES);
  const result = await fn();
  assert.deepStrictEqual(await snapshotTables(db, MONEY_AND_DOMAIN_TABLES), before, 'a refused request changed stored data');
  return result;
}

export async function newContactOf(engine: Engine, w: Wapi, overrides: Partial<CreateContactInput> = {}): Promise<ContactView> {
  return engine.run(createContact, {
    firstName: 'Jan', lastName: 'Novák', organization: 'Novák s.r.o.', address1: 'Náměstí 1', city: 'Praha', postcode: '11000', country: 'CZ',
    phone: '+420.123456789', email: 'jan@example.cz', ...overrides,
  }, { actor: w.actor });
}

/** The available credit of the account in `currency`, as the `credit` block shows it. */
export async function creditOf(engine: Engine, w: Wapi, currency: string): Promise<{ amount: string; currency: string }> {
  const a = await engine.run(getAccount, {}, { actor: w.actor });
  const b = a.balances.find((x) => x.currency === currency);
  return { amount: formatAmount(b?.availableMinor ?? 0, currency), currency };
}

export async function currencyOf(engine: Engine, w: Wapi): Promise<string> {
  return (await engine.run(getAccount, {}, { actor: w.actor })).defaultCurrency;
}

/** The price of one operation from config/tlds.yaml, in minor units. */
export function priceMinor(engine: Engine, tld: string, op: 'register' | 'renew' | 'transfer', currency: string, years = 1): number {
  return quote(engine.policy.get(tld), { op, name: `price-probe.${tld}`, periodMonths: years * 12, currency, at: engine.clock.now() }).totalMinor;
}

export async function domainOf(engine: Engine, w: Wapi, name: string): Promise<DomainView> {
  return engine.run(getDomain, { name }, { actor: w.actor });
}

export function ymd(at: Date): string {
  return at.toISOString().slice(0, 10);
}
