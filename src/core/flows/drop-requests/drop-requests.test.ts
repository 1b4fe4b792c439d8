import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { DAY } from '../../clock.ts';
import { SYSTEM, type FlowContext } from '../../context.ts';
import {
  DomainReserved, DropNameAvailable, DropNameOwned, DropRequestExists, DropRequestNotFound, InsufficientFunds, InvalidValue, MissingParameter,
} from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { getOrder } from '../orders/get-order.ts';
import { cancelDropRequest, createBackorder, createPreorder, listDropRequests } from './index.ts';

const eur = (balanceMinor: number, onHoldMinor = 0) => ({ currency: 'EUR', balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor });
/** .com: 45 days auto-renew grace + 30 redemption + 5 pending delete, minus the one-day cutoff. */
const COM_CUTOFF_AFTER_EXPIRY = (45 + 30 + 5 - 1) * DAY;

for (const backend of BACKENDS) {
  describe(`${backend}: preorders and backorders`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const balance = (a: TestAccount) => getBalance(engine.store.db, a.id, 'EUR');
    async function held(name: string) {
      const holder = await newAccount(engine, { depositEur: '100.00' });
      const { domain } = await engine.run(registerDomain, { name, autoRenew: false }, { actor: holder.actor });
      return { holder, domain };
    }

    test('success: a preorder holds the register price and opens a processing order', async () => {
      const { domain } = await held('wanted.com');
      const p = await newAccount(engine, { depositEur: '50.00' });
      const r = await engine.run(createPreorder, { name: 'WANTED.com' }, { actor: p.actor });
      assert.deepEqual(r.request, {
        id: r.request.id, name: 'wanted.com', unicodeName: 'wanted.com', kind: 'preorder', status: 'pending', currency: 'EUR', amountMinor: 999,
        failureReason: '', createdAt: engine.clock.now(), updatedAt: engine.clock.now(),
        cutoffAt: new Date(domain.expiresAt.getTime() + COM_CUTOFF_AFTER_EXPIRY),
        auction: null,
      });
      assert.deepEqual(await balance(p), eur(5000, 999));
      const order = await engine.run(getOrder, { number: r.orderNumber }, { actor: p.actor });
      assert.deepEqual([order.kind, order.status, order.amountMinor, order.items.map((i) => [i.kind, i.domainName, i.periodMonths, i.status])], [
        'preorder', 'processing', 999, [['preorder', 'wanted.com', 12, 'processing']],
      ]);
      assert.deepEqual(await engine.run(listDropRequests, {}, { actor: p.actor }), [r.request]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: a name in redemption after deletion can be preordered; its cutoff follows the deletion', async () => {
      const { holder } = await held('deleted-later.com');
      engine.clock.advance(10 * DAY);
      const deletedAt = engine.clock.now();
      await engine.run(deleteDomain, { name: 'deleted-later.com' }, { actor: holder.actor });
      const p = await newAccount(engine, { depositEur: '50.00' });
      const r = await engine.run(createPreorder, { name: 'deleted-later.com' }, { actor: p.actor });
      assert.equal(r.request.cutoffAt?.toISOString(), new Date(deletedAt.getTime() + (30 + 5 - 1) * DAY).toISOString());
    });

    test('failure: available, own, reserved, already pending and unaffordable preorders change nothing', async () => {
      const { holder } = await held('contested.com');
      const p = await newAccount(engine, { depositEur: '50.00' });
      const poor = await newAccount(engine, { depositEur: '5.00' });
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(createPreorder, { name: 'nobody-has-this.com' }, { actor: p.actor }), DropNameAvailable);
      await assertFailsAndChangesNothing(db, () => engine.run(createPreorder, { name: 'contested.com' }, { actor: holder.actor }), DropNameOwned);
      await assertFailsAndChangesNothing(db, () => engine.run(createPreorder, { name: 'whois.com' }, { actor: p.actor }), DomainReserved);
      await assertFailsAndChangesNothing(db, () => engine.run(createPreorder, { name: 'contested.com' }, { actor: poor.actor }), InsufficientFunds);
      await engine.run(createPreorder, { name: 'contested.com' }, { actor: p.actor });
      await assertFailsAndChangesNothing(db, () => engine.run(createPreorder, { name: 'contested.com' }, { actor: p.actor }), DropRequestExists);
      assert.deepEqual(await balance(p), eur(5000, 999));
    });

    test('failure: the one-pending index answers a race with DropRequestExists', async () => {
      await held('raced.com');
      const p = await newAccount(engine);
      const insert = (ctx: FlowContext) =>
        ctx.db.insertInto('drop_requests').values({
          account_id: p.id, kind: 'backorder', domain_name: 'raced.com', unicode_name: 'raced.com', tld: 'com', status: 'pending',
          currency: 'EUR', amount_minor: 999, hold_id: null, domain_id: null, created_at: ctx.now, updated_at: ctx.now,
        }).execute();
      await engine.run(insert, undefined, { actor: SYSTEM });
      const err = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(insert, undefined, { actor: SYSTEM }), DropRequestExists);
      assert.deepEqual(err instanceof DropRequestExists && err.details, { kind: 'backorder', name: 'raced.com' });
    });

    test('success: backorders hold nothing; the same name twice is one request', async () => {
      await held('bo-one.com');
      await held('bo-two.net');
      const b = await newAccount(engine, { depositEur: '20.00' });
      const rs = await engine.run(createBackorder, { names: ['bo-one.com', 'BO-TWO.net', 'bo-one.com'] }, { actor: b.actor });
      assert.deepEqual(rs.map((r) => [r.name, r.kind, r.status, r.amountMinor]), [['bo-one.com', 'backorder', 'pending', 999], ['bo-two.net', 'backorder', 'pending', 1199]]);
      assert.deepEqual(await balance(b), eur(2000));
      assert.deepEqual((await engine.run(listDropRequests, { kind: 'backorder' }, { actor: b.actor })).map((r) => r.name), ['bo-one.com', 'bo-two.net']);
      assert.deepEqual(await engine.run(listDropRequests, { kind: 'preorder' }, { actor: b.actor }), []);
    });

    test('failure: a backorder list is all or nothing', async () => {
      await held('bo-held.com');
      const b = await newAccount(engine);
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(createBackorder, { names: ['bo-held.com', 'bo-free-name.com'] }, { actor: b.actor }), DropNameAvailable);
      await assertFailsAndChangesNothing(db, () => engine.run(createBackorder, { names: [] }, { actor: b.actor }), MissingParameter);
      const many = Array.from({ length: 101 }, (_, i) => `bo-many-${i}.com`);
      await assertFailsAndChangesNothing(db, () => engine.run(createBackorder, { names: many }, { actor: b.actor }), InvalidValue);
      await engine.run(createBackorder, { names: ['bo-held.com'] }, { actor: b.actor });
      await assertFailsAndChangesNothing(db, () => engine.run(createBackorder, { names: ['bo-held.com'] }, { actor: b.actor }), DropRequestExists);
    });

    test('success: cancelling a preorder releases its hold and cancels its order; a backorder just ends', async () => {
      await held('cancel-me.com');
      const p = await newAccount(engine, { depositEur: '50.00' });
      const { orderNumber } = await engine.run(createPreorder, { name: 'cancel-me.com' }, { actor: p.actor });
      await engine.run(createBackorder, { names: ['cancel-me.com'] }, { actor: p.actor });
      const cancelled = await engine.run(cancelDropRequest, { kind: 'preorder', name: 'cancel-me.com' }, { actor: p.actor });
      assert.equal(cancelled.status, 'cancelled');
      assert.deepEqual(await balance(p), eur(5000));
      assert.equal((await engine.run(getOrder, { number: orderNumber }, { actor: p.actor })).status, 'cancelled');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(cancelDropRequest, { kind: 'preorder', name: 'cancel-me.com' }, { actor: p.actor }), DropRequestNotFound);
      assert.equal((await engine.run(cancelDropRequest, { kind: 'backorder', name: 'cancel-me.com' }, { actor: p.actor })).status, 'cancelled');
      assert.deepEqual((await engine.run(listDropRequests, {}, { actor: p.actor })).map((r) => [r.kind, r.status]), [['preorder', 'cancelled'], ['backorder', 'cancelled']]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: list filters by creation instant', async () => {
      await held('listed-a.com');
      await held('listed-b.com');
      const b = await newAccount(engine);
      const from = engine.clock.now();
      await engine.run(createBackorder, { names: ['listed-a.com'] }, { actor: b.actor });
      engine.clock.advance(DAY);
      const to = engine.clock.now();
      await engine.run(createBackorder, { names: ['listed-b.com'] }, { actor: b.actor });
      const names = async (input: object) => (await engine.run(listDropRequests, input, { actor: b.actor })).map((r) => r.name);
      assert.deepEqual(await names({ from, to: new Date(to.getTime() - 1) }), ['listed-a.com']);
      assert.deepEqual(await names({ from: to }), ['listed-b.com']);
      assert.deepEqual(await names({}), ['listed-a.com', 'listed-b.com']);
      await assert.rejects(engine.run(listDropRequests, { from: to, to: from }, { actor: b.actor }), InvalidValue);
    });
  });
}
