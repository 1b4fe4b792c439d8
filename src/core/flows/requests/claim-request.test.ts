import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { seconds } from '../../clock.ts';
import { SYSTEM } from '../../context.ts';
import { createFlowRunner } from '../../run-flow.ts';
import { StatementCounter } from '../../../../test/support/statement-counter.ts';
import { PruneSchedule } from '../../prune-schedule.ts';
import { claimRequest, type RequestKey } from './claim-request.ts';
import { storeResponse } from './store-response.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: idempotent requests (claimRequest, storeResponse)`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const WINDOW = 30_000;
    /** What the dialect does: claim, act (here: answer `response`), store; in one transaction, optionally rolled back. */
    const request = (key: RequestKey, response: unknown, dryRun = false) =>
      engine.run(async (ctx) => {
        const claim = await claimRequest(ctx, { ...key, windowMs: WINDOW });
        if (!claim.claimed) return { replayed: claim.response };
        await storeResponse(ctx, { ...key, response });
        return { acted: response };
      }, undefined, { actor: SYSTEM, ...(dryRun ? { dryRun: true } : {}) });

    test('a repeat within the window replays the stored response; after it, or with other parameters, the request acts', async () => {
      const a = await newAccount(engine);
      const key = { accountId: a.id, fn: 'freenom:domain/register', paramsHash: 'h1' };
      assert.deepEqual(await request(key, { n: 1 }), { acted: { n: 1 } });
      engine.clock.advance(seconds(29));
      assert.deepEqual(await request(key, { n: 2 }), { replayed: { n: 1 } });
      assert.deepEqual(await request({ ...key, paramsHash: 'h2' }, { n: 3 }), { acted: { n: 3 } });
      assert.deepEqual(await request({ ...key, fn: 'dotcf:domain/register' }, { n: 4 }), { acted: { n: 4 } });
      engine.clock.advance(seconds(2));
      assert.deepEqual(await request(key, { n: 5 }), { acted: { n: 5 } });
      assert.deepEqual(await request(key, { n: 6 }), { replayed: { n: 5 } });
    });

    test("a claim prunes the account's other expired keys in the same statement, and no one else's", async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const keys = async (accountId: number) => (await engine.store.db.selectFrom('freenom_idempotency').select(['function', 'params_hash'])
        .where('account_id', '=', accountId).orderBy('function').orderBy('params_hash').execute()).map((r) => `${r.function} ${r.params_hash}`);
      await request({ accountId: a.id, fn: 'freenom:domain/renew', paramsHash: 'old' }, { n: 1 });
      await request({ accountId: b.id, fn: 'freenom:domain/renew', paramsHash: 'old' }, { n: 2 });
      engine.clock.advance(seconds(20));
      await request({ accountId: a.id, fn: 'freenom:domain/renew', paramsHash: 'recent' }, { n: 3 });
      engine.clock.advance(seconds(11));
      const counter = new StatementCounter();
      const runner = createFlowRunner({ db: engine.store.db.withPlugin(counter), clock: engine.clock, policy: engine.policy });
      const claim = await runner.run((ctx) => claimRequest(ctx, { accountId: a.id, fn: 'freenom:domain/register', paramsHash: 'new', windowMs: WINDOW }), undefined, { actor: SYSTEM });
      assert.deepEqual([claim, counter.count], [{ claimed: true }, 1]);
      assert.deepEqual(await keys(a.id), ['freenom:domain/register new', 'freenom:domain/renew recent']);
      assert.deepEqual(await keys(b.id), ['freenom:domain/renew old']);
    });

    test("with the engine's prune schedule, a claim prunes the account's expired keys at most once a second", async () => {
      const a = await newAccount(engine);
      const runner = createFlowRunner({ db: engine.store.db, clock: engine.clock, policy: engine.policy, prunes: new PruneSchedule() });
      const claim = (paramsHash: string) => runner.run(async (ctx) => {
        const key = { accountId: a.id, fn: 'freenom:domain/renew', paramsHash };
        if ((await claimRequest(ctx, { ...key, windowMs: WINDOW })).claimed) await storeResponse(ctx, { ...key, response: paramsHash });
      }, undefined, { actor: SYSTEM });
      const keys = async () => (await engine.store.db.selectFrom('freenom_idempotency').select('params_hash')
        .where('account_id', '=', a.id).orderBy('params_hash').execute()).map((r) => r.params_hash);
      await claim('a'); // T: a prune (nothing to prune)
      engine.clock.advance(500);
      await claim('b'); // T+0.5 s: none
      engine.clock.advance(WINDOW - 300);
      await claim('c'); // T+30.2 s: a prune; a has expired, b not yet
      assert.deepEqual(await keys(), ['b', 'c']);
      engine.clock.advance(500);
      await claim('d'); // T+30.7 s: b has expired, but the last prune was 0.5 s ago
      assert.deepEqual(await keys(), ['b', 'c', 'd']);
      engine.clock.advance(500);
      await claim('e'); // T+31.2 s: a prune
      assert.deepEqual(await keys(), ['c', 'd', 'e']);
    });

    test('a rolled-back request (a dry run, a failure) leaves no claim: the repeat acts', async () => {
      const a = await newAccount(engine);
      const key = { accountId: a.id, fn: 'freenom:domain/renew', paramsHash: 'h' };
      assert.deepEqual(await request(key, { n: 1 }, true), { acted: { n: 1 } });
      assert.deepEqual(await request(key, { n: 2 }), { acted: { n: 2 } });
      assert.deepEqual(await request(key, { n: 3 }), { replayed: { n: 2 } });
    });
  });
}
