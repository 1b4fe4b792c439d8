/**
 * Drop-catching timelines: when a held name is released, pending preorders
 * and backorders are served oldest first; a preorder's hold becomes the
 * registration charge; a requester who cannot pay fails (hold released,
 * drop.failed) and the next in line wins.
 *
 * The engine's policy adds a test TLD, .dropcatch (no grace, 10 days of
 * redemption, 5 of pending delete), whose register price doubles on
 * 2026-06-01 — the first timeline preorders before and catches after.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../../test/support/fixtures.ts';
import { domainRow, ledgerOf, noticesOf, ordersFor, sweepNow } from '../../../test/jobs/support/lifecycle.ts';
import { DAY, HOUR, addMonths } from '../../core/clock.ts';
import { loadPolicyBook } from '../../core/policy/index.ts';
import { getBalance, verifyBalances } from '../../core/money/ledger.ts';
import { registerDomain } from '../../core/flows/domains/index.ts';
import { createBackorder, createPreorder, listDropRequests } from '../../core/flows/drop-requests/index.ts';
import { getOrder } from '../../core/flows/orders/get-order.ts';

const START = '2026-01-15T10:00:00Z';
const PRICE_RISE = new Date('2026-06-01T00:00:00Z');
const DROPCATCH_TLD = `
tlds:
  dropcatch:
    grace: { add: 0s, auto_renew: 0s, redemption: 10d, pending_delete: 5d }
    prices:
      - effective_from: "2020-01-01T00:00:00Z"
        EUR: { register: "10.00", renew: "10.00", transfer: "10.00", restore: "10.00" }
      - effective_from: "${PRICE_RISE.toISOString()}"
        EUR: { register: "20.00", renew: "20.00", transfer: "20.00", restore: "10.00" }
`;

const eur = (balanceMinor: number, onHoldMinor = 0) => ({ currency: 'EUR', balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor });
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

for (const backend of BACKENDS) {
  describe(`${backend}: sweeper, drop-catching`, () => {
    let engine: TestEngine;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'regd-dropcatch-'));
      writeFileSync(join(dir, 'tlds.yaml'), DROPCATCH_TLD);
      engine = await openTestEngine(backend, { start: START, policy: loadPolicyBook(join(dir, 'tlds.yaml')) });
    });
    after(async () => {
      await engine.store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const db = () => engine.store.db;
    const balance = (a: TestAccount) => getBalance(db(), a.id, 'EUR');
    const statuses = async (a: TestAccount) => (await engine.run(listDropRequests, {}, { actor: a.actor })).map((r) => [r.name, r.kind, r.status]);
    async function heldUntilRelease(name: string, releaseAfterExpiry: number) {
      const holder = await newAccount(engine, { depositEur: '100.00' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name, autoRenew: false }, { actor: holder.actor });
      return { holder, releasesAt: plus(addMonths(t0, 12), releaseAfterExpiry) };
    }

    test('timeline: a preorder that cannot pay the risen price fails (hold released), the next preorder wins', async () => {
      assert.ok(engine.clock.now() < PRICE_RISE, 'this timeline runs first, before the price rise');
      const { holder, releasesAt } = await heldUntilRelease('contested.dropcatch', 15 * DAY);
      const first = await newAccount(engine, { depositEur: '10.00' });
      const second = await newAccount(engine, { depositEur: '50.00' });
      const p1 = await engine.run(createPreorder, { name: 'contested.dropcatch' }, { actor: first.actor });
      engine.clock.advance(HOUR);
      const p2 = await engine.run(createPreorder, { name: 'contested.dropcatch' }, { actor: second.actor });
      assert.deepEqual([await balance(first), await balance(second)], [eur(1000, 1000), eur(5000, 1000)]);

      engine.clock.set(plus(releasesAt, -1));
      await sweepNow(engine);
      assert.deepEqual(await statuses(first), [['contested.dropcatch', 'preorder', 'pending']]);

      engine.clock.set(releasesAt);
      await sweepNow(engine);
      assert.deepEqual(await statuses(first), [['contested.dropcatch', 'preorder', 'failed']]);
      assert.match((await engine.run(listDropRequests, {}, { actor: first.actor }))[0]!.failureReason, /insufficient/i);
      assert.deepEqual(await balance(first), eur(1000), 'the hold went back');
      assert.equal((await engine.run(getOrder, { number: p1.orderNumber }, { actor: first.actor })).status, 'failed');
      assert.deepEqual(await noticesOf(db(), first.id), [['drop.failed', 'contested.dropcatch']]);

      assert.deepEqual(await statuses(second), [['contested.dropcatch', 'preorder', 'fulfilled']]);
      assert.equal((await domainRow(db(), 'contested.dropcatch')).account_id, second.id);
      assert.deepEqual(await balance(second), eur(5000 - 2000), 'charged the price in force at the catch');
      assert.deepEqual(await ledgerOf(db(), second.id), [['deposit', 5000], ['hold', 1000], ['release', 1000], ['charge', 2000]]);
      assert.equal((await engine.run(getOrder, { number: p2.orderNumber }, { actor: second.actor })).status, 'completed');
      assert.deepEqual((await ordersFor(db(), second.id, 'register', 'contested.dropcatch')).map((o) => [o[1], o[2], o[3]]), [['completed', 2000, 'sweeper']]);
      assert.deepEqual(await noticesOf(db(), second.id), [['drop.fulfilled', 'contested.dropcatch']]);
      assert.deepEqual((await noticesOf(db(), holder.id)).at(-1), ['domain.released', 'contested.dropcatch']);
      assert.deepEqual(await verifyBalances(db()), []);
    });

    test('timeline: a preorder is fulfilled when the name drops: the hold becomes the charge', async () => {
      const { releasesAt } = await heldUntilRelease('caught.com', 80 * DAY);
      const p = await newAccount(engine, { depositEur: '50.00' });
      const { orderNumber } = await engine.run(createPreorder, { name: 'caught.com' }, { actor: p.actor });
      assert.deepEqual(await balance(p), eur(5000, 999));

      engine.clock.set(plus(releasesAt, -1));
      await sweepNow(engine);
      assert.deepEqual(await balance(p), eur(5000, 999), 'still held while the name is in pending delete');

      engine.clock.set(releasesAt);
      await sweepNow(engine);
      assert.equal((await domainRow(db(), 'caught.com')).account_id, p.id);
      assert.deepEqual(await balance(p), eur(5000 - 999));
      assert.deepEqual(await ledgerOf(db(), p.id), [['deposit', 5000], ['hold', 999], ['release', 999], ['charge', 999]]);
      assert.equal((await engine.run(getOrder, { number: orderNumber }, { actor: p.actor })).status, 'completed');
      assert.deepEqual(await statuses(p), [['caught.com', 'preorder', 'fulfilled']]);
      assert.deepEqual(await noticesOf(db(), p.id), [['drop.fulfilled', 'caught.com']]);
      await sweepNow(engine);
      assert.deepEqual(await balance(p), eur(5000 - 999), 'a second sweep changes nothing');
      assert.deepEqual(await verifyBalances(db()), []);
    });

    test('timeline: backorders hold nothing; a lone requester who cannot pay fails; two requesters go to a backorder auction among them', async () => {
      const { releasesAt } = await heldUntilRelease('backordered.com', 80 * DAY);
      await heldUntilRelease('lonely.com', 80 * DAY);
      const broke = await newAccount(engine);
      const payer = await newAccount(engine, { depositEur: '20.00' });
      await engine.run(createBackorder, { names: ['backordered.com', 'lonely.com'] }, { actor: broke.actor });
      engine.clock.advance(HOUR);
      await engine.run(createBackorder, { names: ['backordered.com'] }, { actor: payer.actor });
      assert.deepEqual(await balance(payer), eur(2000));

      engine.clock.set(releasesAt);
      await sweepNow(engine);
      // One requester: registered for it, and it cannot pay: the request fails (the next in line would try).
      assert.deepEqual(await statuses(broke), [['backordered.com', 'backorder', 'auctioned'], ['lonely.com', 'backorder', 'failed']]);
      assert.deepEqual(await noticesOf(db(), broke.id), [['drop.auctioned', 'backordered.com'], ['drop.failed', 'lonely.com']]);
      // Two requesters: a backorder auction only they may bid in, at the one-year registration price in USD; nothing charged yet.
      assert.deepEqual(await statuses(payer), [['backordered.com', 'backorder', 'auctioned']]);
      assert.deepEqual(await noticesOf(db(), payer.id), [['drop.auctioned', 'backordered.com']]);
      const auction = await db().selectFrom('auctions').selectAll().where('domain_name', '=', 'backordered.com').executeTakeFirstOrThrow();
      assert.deepEqual([auction.kind, auction.status, auction.restricted], ['backorder', 0, true]);
      const bidders = await db().selectFrom('auction_participants').select('account_id').where('auction_id', '=', auction.id).orderBy('account_id').execute();
      assert.deepEqual(bidders.map((b) => b.account_id), [broke.id, payer.id]);
      assert.deepEqual(await ledgerOf(db(), payer.id), [['deposit', 2000]]);
      assert.deepEqual(await ledgerOf(db(), broke.id), []);
      assert.deepEqual(await verifyBalances(db()), []);
    });
  });
}
