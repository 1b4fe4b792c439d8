/**
 * The sweeper inside a server: a clock move through the operator API (what
 * `regd clock advance` sends to a running server) catches the lifecycle up
 * before the response; `regd sweep` runs it on demand; and `serve` sweeps
 * by itself every sweepIntervalMs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountActor, OPERATOR } from '../../src/core/context.ts';
import { DAY } from '../../src/core/clock.ts';
import { createAccount, depositFunds } from '../../src/core/flows/accounts/index.ts';
import { registerDomain } from '../../src/core/flows/domains/index.ts';
import type { Engine } from '../../src/core/engine.ts';
import { BACKENDS } from '../support/backends.ts';
import { ops, startTestServer, waitFor, type TestServer } from './support.ts';

let emails = 0;

/** An account with 100 EUR and one registered .com; returns the account id. */
async function registered(engine: Engine, name: string): Promise<number> {
  const { account } = await engine.run(createAccount, { email: `sweeper-${process.pid}-${++emails}@example.test`, password: 'correct horse battery' }, { actor: OPERATOR });
  await engine.run(depositFunds, { accountId: account.id, amount: '100.00', currency: 'EUR' }, { actor: OPERATOR });
  await engine.run(registerDomain, { name }, { actor: accountActor(account.id) });
  return account.id;
}

async function renewals(engine: Engine, accountId: number): Promise<number> {
  const rows = await engine.store.db.selectFrom('orders').select('id').where('account_id', '=', accountId).where('kind', '=', 'renew').execute();
  return rows.length;
}

for (const backend of BACKENDS) {
  describe(`${backend}: the sweeper in a server`, { timeout: 180_000 }, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(backend, { argv: ['--sweep-interval-ms', '0'] });
    });
    after(async () => t.close());

    test('clock advance through the operator API renews what fell due before it answers', async () => {
      const engine = t.services.engine;
      const accountId = await registered(engine, 'moved-clock.com');
      assert.equal(await renewals(engine, accountId), 0);
      const r = await ops(t.url, 'clock advance', { duration: '366d' });
      assert.equal(r.status, 200);
      assert.equal(await renewals(engine, accountId), 1);
    });

    test('sweep through the operator API runs once and reports per task', async () => {
      const engine = t.services.engine;
      const accountId = await registered(engine, 'swept-by-hand.com');
      await engine.store.db.updateTable('domains').set({ expires_at: new Date(engine.clock.now().getTime() - DAY) }).where('name', '=', 'swept-by-hand.com').execute();
      const r = await ops(t.url, 'sweep');
      assert.equal(r.status, 200);
      const result = r.body.result as { skipped: boolean; tasks: Record<string, { done: number; failed: number }> };
      assert.equal(result.skipped, false);
      assert.ok(result.tasks.autoRenew!.done >= 1);
      assert.equal(await renewals(engine, accountId), 1);
    });
  });

  describe(`${backend}: serve sweeps periodically`, { timeout: 180_000 }, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(backend, { argv: ['--sweep-interval-ms', '50'] });
    });
    after(async () => t.close());

    test('a renewal that falls due is made without any command', async () => {
      const engine = t.services.engine;
      const accountId = await registered(engine, 'periodic-server.com');
      await engine.store.db.updateTable('domains').set({ expires_at: new Date(engine.clock.now().getTime() - DAY) }).where('name', '=', 'periodic-server.com').execute();
      await waitFor(async () => (await renewals(engine, accountId)) === 1, 'the periodic sweep', 60_000);
    });
  });
}
