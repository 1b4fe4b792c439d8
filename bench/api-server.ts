/**
 * A server for `npm run bench:api`, one per child process: `regd` (the real
 * server, seeded with one account holding --domains domains, its
 * credentials for every dialect) or `plain` (the reference: a bare Fastify
 * app with one JSON route, one route doing one indexed select on the
 * same backend, and one route running the registration statement alone,
 * `regd_register_domain`, for one account as regd's registrations run it or
 * for ten in turn: what the database reaches for a registration's writes,
 * without regd, and what charging one account's balance row costs).
 * Prints one JSON line on stdout ({ url, … }) once listening, then serves
 * until its stdin closes.
 *
 *   node --import tsx bench/api-server.ts regd|plain pglite|postgres <domains>
 *
 * With BENCH_DNS_PORT set, `regd` also runs its DNS server there (as
 * `regd serve` does: bench:dns measures DNS answers while the API is busy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/index.ts';
import { accountActor, createAccount, createContact, depositFunds, OPERATOR } from '../src/core/index.ts';
import { openServices } from '../src/runtime/services.ts';
import { startServer } from '../src/server/index.ts';
import { openStore, type Db } from '../src/store/index.ts';

const [kind, backend, domainsArg] = process.argv.slice(2) as ['regd' | 'plain', 'pglite' | 'postgres', string];
const DOMAINS = Number(domainsArg ?? 1000);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The accounts the plain app's registration route takes in turn (bench/api.ts's "10 accounts" row). */
const REGISTERING_ACCOUNTS = 10;
const cleanups: (() => Promise<void> | void)[] = [];

process.stdin.resume();
process.stdin.on('end', () => void shutdown());
process.stdin.on('close', () => void shutdown());
let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const c of cleanups.reverse()) await c();
  process.exit(0);
}

if (kind === 'regd') await regd();
else await plain();

async function regd(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'regd-bench-api-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const schema = `bench_api_${randomBytes(4).toString('hex')}`;
  const token = 'bench-operator-token-0123456789';
  const dnsPort = process.env.BENCH_DNS_PORT;
  const argv = ['--data-dir', dir, '--host', '127.0.0.1', '--port', '0', '--dns-port', dnsPort ?? '0', '--log-level', 'silent', '--no-seed-demo', '--wapi-limits', 'false',
    '--login-account-attempts', '0', '--login-address-attempts', '0'];
  const env: Record<string, string | undefined> = { ...process.env, REGD_OPERATOR_TOKEN: token };
  delete env.DATABASE_URL;
  const config = loadConfig({ argv, env });
  const services = await openServices(config, backend === 'postgres' ? { store: await openStore({ databaseUrl: PG_URL, schema }) } : {});
  if (backend === 'postgres') {
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    });
  }
  const engine = services.engine;
  const email = 'bench-api@example.test';
  const password = 'bench api password';
  const wapiPassword = 'bench wapi password';
  // A reseller: Dynadot lets it run 25 requests at once (a regular account, 1: the rest would be refused).
  const { account, apiKey } = await engine.run(createAccount, { email, password, wapiPassword, firstName: 'Bench', lastName: 'Api', currency: 'EUR', level: 'reseller' }, { actor: OPERATOR });
  for (const currency of ['EUR', 'USD']) await engine.run(depositFunds, { accountId: account.id, amount: '100000000.00', currency }, { actor: OPERATOR });
  const contact = await engine.run(createContact, {
    name: 'Bench Owner', address1: '1 Bench Way', city: 'Praha', postcode: '11000', country: 'CZ', phone: '+420.123456789', email: 'owner@example.test',
  }, { actor: accountActor(account.id) });
  // The domains, in one statement (a registration each would take minutes).
  await sql`
    insert into domains (account_id, name, unicode_name, tld, domain_type, created_at, expires_at, updated_at, period_months,
      auto_renew, renew_option, privacy, locked, auth_code, premium, service_mode, name_servers, registrant_contact_id)
    select ${account.id}, 'bench-' || g || '.com', 'bench-' || g || '.com', 'com', 'PAID', now(), now() + interval '1 year', now(), 12,
      true, 'auto', 'off', false, 'Bench' || g || 'Code7', false, 'regd_dns', '[]'::jsonb,
      (select id from contacts where handle = ${contact.handle})
    from generate_series(1, ${DOMAINS}) g`.execute(services.store.db);
  await sql`analyze`.execute(services.store.db);
  const server = await startServer(services, { operatorToken: token, startDns: dnsPort !== undefined });
  cleanups.push(() => server.close());
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await login.json()) as { access_token?: string };
  const kifdomToken = body.access_token;
  if (typeof kifdomToken !== 'string') throw new Error(`KifDom login failed: ${JSON.stringify(body)}`);
  process.stdout.write(`${JSON.stringify({ url: server.url, email, password, wapiPassword, apiKey, kifdomToken, contactHandle: contact.handle, domains: DOMAINS })}\n`);
}

async function plain(): Promise<void> {
  const app = Fastify({ logger: false });
  let select: (name: string) => Promise<unknown>;
  let register: (name: string, account: number) => Promise<unknown>;
  if (backend === 'pglite') {
    // A data directory on disk, as regd keeps its own (an in-memory PGlite would be a different backend).
    const dir = mkdtempSync(join(tmpdir(), 'regd-bench-plain-'));
    const store = await openStore({ dataDir: dir });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => store.close());
    await sql`
      insert into accounts (email, password_hash, created_at, updated_at) values ('plain@example.test', 'x', now(), now())`.execute(store.db);
    await sql`
      insert into domains (account_id, name, unicode_name, tld, domain_type, created_at, expires_at, updated_at, period_months,
        auto_renew, renew_option, privacy, locked, auth_code, premium, service_mode, name_servers)
      select (select id from accounts limit 1), 'bench-' || g || '.com', 'bench-' || g || '.com', 'com', 'PAID', now(), now() + interval '1 year', now(), 12,
        true, 'auto', 'off', false, 'Bench' || g, false, 'regd_dns', '[]'::jsonb
      from generate_series(1, ${DOMAINS}) g`.execute(store.db);
    await sql`analyze`.execute(store.db);
    select = (name) => store.db.selectFrom('domains').selectAll().where('name', '=', name).where('released_at', 'is', null).executeTakeFirst();
    const call = await registrationStatement(store.db);
    register = async (name, account) => (await sql<Record<string, unknown>>`select * from regd_register_domain(${sql.join(call(name, account))})`.execute(store.db)).rows[0];
  } else {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 8 });
    cleanups.push(() => pool.end());
    const schema = `bench_plain_${randomBytes(4).toString('hex')}`;
    await pool.query(`create schema ${schema}; create table ${schema}.domains (id bigserial primary key, name text not null, expires_at timestamptz not null, auth_code text not null);
      insert into ${schema}.domains (name, expires_at, auth_code) select 'bench-' || g || '.com', now() + interval '1 year', 'Bench' || g from generate_series(1, ${DOMAINS}) g;
      create unique index on ${schema}.domains (name); analyze ${schema}.domains;`);
    cleanups.push(() => pool.query(`drop schema ${schema} cascade`).then(() => undefined));
    select = async (name) => (await pool.query(`select * from ${schema}.domains where name = $1`, [name])).rows[0];
    // The registration statement needs regd's schema: a store of its own (migrated), called through raw pg as a named statement
    // on as many connections as regd's pool.
    const regSchema = `bench_plain_reg_${randomBytes(4).toString('hex')}`;
    const store = await openStore({ databaseUrl: PG_URL, schema: regSchema, poolSize: 1 });
    cleanups.push(() => pool.query(`drop schema ${regSchema} cascade`).then(() => undefined));
    cleanups.push(() => store.close());
    const call = await registrationStatement(store.db);
    const regPool = new pg.Pool({ connectionString: PG_URL, max: 10, options: `-c search_path=${regSchema}` });
    cleanups.push(() => regPool.end());
    const text = `select * from regd_register_domain(${call('x', 0).map((_, i) => `$${i + 1}`).join(', ')})`;
    register = async (name, account) => (await regPool.query({ name: 'register', text, values: call(name, account) })).rows[0];
  }
  app.get('/json', async () => ({ ok: true }));
  app.get('/select/:name', async (request) => {
    const row = await select((request.params as { name: string }).name);
    if (row === undefined) throw new Error('no such row');
    return { data: row };
  });
  // One account for every request (as regd's registration rows), or the next of REGISTERING_ACCOUNTS in turn.
  let turn = 0;
  app.post('/register/:accounts/:name', async (request) => {
    const params = request.params as { accounts: string; name: string };
    const account = params.accounts === 'one' ? 0 : turn++ % REGISTERING_ACCOUNTS;
    const row = (await register(params.name, account)) as { o_outcome?: unknown } | undefined;
    if (row?.o_outcome !== 'registered') throw new Error(`not registered: ${JSON.stringify(row)}`);
    return { data: row };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

/**
 * The reference registration: REGISTERING_ACCOUNTS accounts with funds in a
 * store of regd's schema, and the arguments of `regd_register_domain` for a
 * name and one of them (by index) as regd passes them for an account's own
 * registration (active account required, the price in euros, a completed
 * order, a new row of every column; see registrationStatement in
 * src/core/flows/domains/register-domain.ts).
 */
async function registrationStatement(db: Db): Promise<(name: string, account: number) => unknown[]> {
  const accounts = await sql<{ id: number }>`
    insert into accounts (email, password_hash, created_at, updated_at)
    select 'plain-register-' || g || '@example.test', 'x', now(), now() from generate_series(1, ${REGISTERING_ACCOUNTS}) g
    returning id`.execute(db);
  const accountIds = accounts.rows.map((r) => r.id).sort((a, b) => a - b);
  const accountId = accountIds[0]!;
  await sql`insert into balances (account_id, currency, balance_minor) select id, 'EUR', 1000000000000 from accounts where email like 'plain-register-%'`.execute(db);
  // The new row: every column of a domains row (the defaults of those not given) but the two the statement assigns (id, order_id).
  const template = await sql<{ row: Record<string, unknown> }>`
    with t as (
      insert into domains (account_id, name, unicode_name, tld, domain_type, created_at, expires_at, updated_at, period_months,
        auto_renew, renew_option, privacy, locked, auth_code, premium, service_mode, name_servers)
      values (${accountId}, 'template.com', 'template.com', 'com', 'PAID', now(), now() + interval '1 year', now(), 12,
        true, 'auto', 'off', false, 'x', false, 'regd_dns', '[]'::jsonb)
      returning *
    )
    select to_jsonb(t) - 'id' - 'order_id' as row from t`.execute(db);
  await sql`delete from domains where name = 'template.com'`.execute(db);
  const row = template.rows[0]!.row;
  return (name, account) => {
    const now = new Date();
    const id = accountIds[account]!;
    return [id, true, 'EUR', '{"EUR":999}', null, 'completed', 'plain', `register ${name}`, now,
      JSON.stringify({ ...row, account_id: id, name, unicode_name: name, auth_code: randomBytes(12).toString('base64url'), created_at: now, updated_at: now }), false];
  };
}
