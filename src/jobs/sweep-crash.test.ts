/**
 * Restart safety and exclusion on PostgreSQL: a sweeper process killed in
 * the middle of a sweep loses at most the item in flight, and the next sweep
 * finishes the rest exactly once; two sweepers on one database never both
 * run. (PGlite is one process per data directory; its in-process mutex is
 * tested in sweep-lock.test.ts.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { newAccount } from '../../test/support/fixtures.ts';
import { testPolicy } from '../../test/support/backends.ts';
import { slowEngine } from '../../test/jobs/support/slow-engine.ts';
import { createEngine, type Engine } from '../core/engine.ts';
import { FakeClock, addMonths } from '../core/clock.ts';
import { getBalance, verifyBalances } from '../core/money/ledger.ts';
import { registerDomain } from '../core/flows/domains/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { sweep } from './index.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const START = '2026-01-15T10:00:00Z';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../../test/jobs/support/sweep-child.ts', import.meta.url));
const COUNT = 24;

describe('postgres: sweeper crash and concurrency', { skip: DATABASE_URL ? false : 'needs DATABASE_URL: only PostgreSQL is shared by several processes' }, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const stores: Store[] = [];
  const clock = new FakeClock(START);
  let engine: Engine;
  const open = async () => {
    const store = await openStore({ databaseUrl: DATABASE_URL, schema, poolSize: 6 });
    stores.push(store);
    return createEngine({ store, clock, policy: testPolicy() });
  };
  before(async () => {
    engine = await open();
  });
  after(async () => {
    for (const s of stores) await s.close();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });

  /** Registers COUNT auto-renewing domains for one account; returns the account and when they all expire. */
  async function dueRenewals(prefix: string) {
    const a = await newAccount(engine, { depositEur: '1000.00' });
    const t0 = engine.clock.now();
    for (let i = 0; i < COUNT; i++) await engine.run(registerDomain, { name: `${prefix}-${i}.com` }, { actor: a.actor });
    return { account: a, expiresAt: addMonths(t0, 12) };
  }
  /** Renewal charges per domain of one account. */
  async function renewCharges(accountId: number): Promise<Map<string, number>> {
    const rows = await sql<{ memo: string; n: string }>`
      select memo, count(*)::text as n from ledger_entries where account_id = ${accountId} and kind = 'charge' and memo like 'renew %' group by memo`.execute(engine.store.db);
    return new Map(rows.rows.map((r) => [r.memo.slice('renew '.length), Number(r.n)]));
  }
  async function waitFor(what: string, check: () => Promise<boolean>, ms = 90_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const names = (prefix: string) => Array.from({ length: COUNT }, (_, i) => `${prefix}-${i}.com`).sort();

  test('crash: a sweeper killed mid-sweep, then a new sweep: every domain renewed exactly once', async () => {
    const { account, expiresAt } = await dueRenewals('crash');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL, REGD_TEST_SCHEMA: schema, REGD_TEST_NOW: expiresAt.toISOString(), REGD_SWEEP_ITEM_DELAY_MS: '150' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    try {
      await waitFor('the child to renew a few domains', async () => (await renewCharges(account.id)).size >= 3);
    } finally {
      child.kill('SIGKILL');
    }
    assert.equal(await exited, 'SIGKILL', `the child ended before it was killed: ${stderr}`);
    const before = (await renewCharges(account.id)).size;
    assert.ok(before > 0 && before < COUNT, `killed mid-sweep (${before} of ${COUNT} renewed)`);

    const r = await sweep(engine, { now: expiresAt, wait: true });
    assert.ok(!r.skipped && r.tasks.autoRenew!.done >= COUNT - before);
    const charges = await renewCharges(account.id);
    assert.deepEqual([...charges.keys()].sort(), names('crash'));
    assert.ok([...charges.values()].every((n) => n === 1), 'no domain was charged twice');
    const expiries = await engine.store.db.selectFrom('domains').select('expires_at').where('account_id', '=', account.id).execute();
    assert.ok(expiries.every((d) => d.expires_at.getTime() === addMonths(expiresAt, 12).getTime()));
    assert.deepEqual(await getBalance(engine.store.db, account.id, 'EUR'), { currency: 'EUR', balanceMinor: 100000 - COUNT * (999 + 1199), onHoldMinor: 0, availableMinor: 100000 - COUNT * (999 + 1199) });
    assert.deepEqual(await verifyBalances(engine.store.db), []);
  });

  test('two sweepers on one database: the second is skipped while the first runs; nothing is processed twice', async () => {
    clock.set('2028-06-01T00:00:00Z');
    const { account, expiresAt } = await dueRenewals('twice');
    const other = await open();
    const slow = slowEngine(engine, 40);

    const first = sweep(slow, { now: expiresAt });
    await waitFor('the first sweeper to start renewing', async () => (await renewCharges(account.id)).size >= 1);
    assert.deepEqual(await sweep(other, { now: expiresAt }), { skipped: true });
    const done = await first;
    assert.ok(!done.skipped && done.tasks.autoRenew!.done >= COUNT);

    const [x, y] = await Promise.all([sweep(slow, { now: expiresAt }), sweep(other, { now: expiresAt })]);
    assert.equal([x, y].filter((s) => s.skipped).length, 1, 'exactly one of two simultaneous sweeps runs');
    const charges = await renewCharges(account.id);
    assert.deepEqual([...charges.keys()].sort(), names('twice'));
    assert.ok([...charges.values()].every((n) => n === 1), 'no domain was charged twice');
    assert.deepEqual(await verifyBalances(engine.store.db), []);
  });
});
