import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days, hours } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { AccountNotFound, InvalidValue, OrderNotFound } from '../../errors/index.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { renewDomain } from '../domains/renew-domain.ts';
import { getOrder } from './get-order.ts';
import { getOrderPayments } from './get-order-payments.ts';
import { listOrders, type ListOrdersInput } from './list-orders.ts';

const START = '2026-01-15T10:00:00Z';

for (const backend of BACKENDS) {
  describe(`${backend}: orders`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const depositOrderNumber = async (e: TestEngine, owner: TestAccount) =>
      (await e.store.db.selectFrom('orders').select('number').where('account_id', '=', owner.id).where('kind', '=', 'deposit').executeTakeFirstOrThrow()).number;

    test('success: an order with its items, by number', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      engine.clock.advance(hours(2));
      const r = await engine.run(registerDomain, { name: 'order-one.com', periodMonths: 24 }, { actor: a.actor, source: 'kifdom' });
      const at = new Date('2026-01-15T12:00:00Z');
      const expected = {
        number: r.orderNumber, accountId: a.id, kind: 'register', status: 'completed', currency: 'EUR', amountMinor: 1998,
        source: 'kifdom', createdAt: at, updatedAt: at,
        items: [{ position: 1, kind: 'register', domainName: 'order-one.com', periodMonths: 24, amountMinor: 1998, status: 'completed', detail: '' }],
      };
      assert.deepEqual(await engine.run(getOrder, { number: r.orderNumber }, { actor: a.actor }), expected);
      assert.deepEqual(await engine.run(getOrder, { number: ` ${r.orderNumber} ` }, { actor: a.actor }), expected);
      assert.deepEqual(await engine.run(getOrder, { number: r.orderNumber }, { actor: OPERATOR }), expected);
      assert.deepEqual(await engine.run(getOrder, { accountId: a.id, number: r.orderNumber }, { actor: OPERATOR }), expected);
    });

    test('failure: another account\'s order and an unknown number are not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      const r = await engine.run(registerDomain, { name: 'order-private.com' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getOrder, { number: r.orderNumber }, { actor: b.actor }), OrderNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getOrder, { accountId: b.id, number: r.orderNumber }, { actor: OPERATOR }), OrderNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getOrder, { number: '999999999' }, { actor: a.actor }), OrderNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getOrder, { number: '' }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getOrder, { accountId: a.id, number: r.orderNumber }, { actor: b.actor }), AccountNotFound);
    });

    test('success: the account\'s orders newest first, filtered by time, kind and status', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const t0 = engine.clock.now();
      engine.clock.advance(days(1));
      const reg = await engine.run(registerDomain, { name: 'order-list.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'order-list-other.com' }, { actor: b.actor });
      engine.clock.advance(days(1));
      const ren = await engine.run(renewDomain, { name: 'order-list.com' }, { actor: a.actor });
      const view = (number: string) => engine.run(getOrder, { number }, { actor: a.actor });
      const [depositView, regView, renView] = [await view(await depositOrderNumber(engine, a)), await view(reg.orderNumber), await view(ren.orderNumber!)];
      const list = (input: ListOrdersInput = {}) => engine.run(listOrders, input, { actor: a.actor });

      assert.deepEqual(await list(), [renView, regView, depositView]);
      assert.deepEqual(await engine.run(listOrders, { accountId: a.id }, { actor: OPERATOR }), [renView, regView, depositView]);
      assert.deepEqual(await list({ kind: 'register' }), [regView]);
      assert.deepEqual(await list({ status: 'completed' }), [renView, regView, depositView]);
      assert.deepEqual(await list({ status: 'failed' }), []);
      assert.deepEqual(await list({ from: new Date(t0.getTime() + days(1)) }), [renView, regView]);
      assert.deepEqual(await list({ to: new Date(t0.getTime() + days(1)) }), [depositView]);
      assert.deepEqual(await list({ from: t0, to: t0 }), []);
      assert.deepEqual(await list({ domainName: ' Order-List.com ' }), [renView, regView]);
      assert.deepEqual(await list({ domainName: 'order-list.com', kind: 'renew' }), [renView]);
      assert.deepEqual(await list({ domainName: 'order-list-other.com' }), []);
    });

    test('success: what was paid per order: charges minus refunds; another account\'s and unknown numbers are left out', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const kept = await engine.run(registerDomain, { name: 'paid-kept.com' }, { actor: a.actor });
      const gone = await engine.run(registerDomain, { name: 'paid-gone.com' }, { actor: a.actor });
      const other = await engine.run(registerDomain, { name: 'paid-other.com' }, { actor: b.actor });
      await engine.run(deleteDomain, { name: 'paid-gone.com' }, { actor: a.actor });
      const keptView = await engine.run(getOrder, { number: kept.orderNumber }, { actor: a.actor });
      const deposit = await depositOrderNumber(engine, a);
      const numbers = [deposit, kept.orderNumber, gone.orderNumber, other.orderNumber, '999999999', kept.orderNumber];
      assert.deepEqual(await engine.run(getOrderPayments, { numbers }, { actor: a.actor }), [
        { number: deposit, paidMinor: 0 },
        { number: kept.orderNumber, paidMinor: keptView.amountMinor },
        { number: gone.orderNumber, paidMinor: 0 },
      ]);
      assert.deepEqual((await engine.run(getOrderPayments, { numbers }, { actor: OPERATOR })).map((p) => p.number), [deposit, kept.orderNumber, gone.orderNumber, other.orderNumber]);
      assert.deepEqual(await engine.run(getOrderPayments, { numbers: [] }, { actor: a.actor }), []);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getOrderPayments, { numbers: 'x' as never }, { actor: a.actor }), InvalidValue);
    });

    test('success: the operator lists every account\'s orders, each with its account', async () => {
      const e = await openTestEngine(backend, { start: START });
      try {
        const a = await newAccount(e, { depositEur: '50.00' });
        e.clock.advance(hours(1));
        const b = await newAccount(e, { depositEur: '50.00' });
        e.clock.advance(hours(1));
        const reg = await e.run(registerDomain, { name: 'order-all.com' }, { actor: a.actor });
        const view = (number: string) => e.run(getOrder, { number }, { actor: OPERATOR });
        const expected = [await view(reg.orderNumber), await view(await depositOrderNumber(e, b)), await view(await depositOrderNumber(e, a))];
        assert.deepEqual(expected.map((o) => o.accountId), [a.id, b.id, a.id]);
        assert.deepEqual(await e.run(listOrders, {}, { actor: OPERATOR }), expected);
        assert.deepEqual(await e.run(listOrders, { kind: 'deposit' }, { actor: OPERATOR }), expected.slice(1));
      } finally {
        await e.store.close();
      }
    });

    test('failure: bad ranges, statuses and kinds; an account naming another account', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const cases: [ListOrdersInput, abstract new (...x: never[]) => Error][] = [
        [{ from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') }, InvalidValue],
        [{ from: new Date('not a date') }, InvalidValue],
        [{ to: '2026-01-01' as never }, InvalidValue],
        [{ status: 'bogus' as never }, InvalidValue],
        [{ kind: ' ' }, InvalidValue],
        [{ domainName: '' }, InvalidValue],
        [{ accountId: b.id }, AccountNotFound],
      ];
      for (const [input, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(listOrders, input, { actor: a.actor }), cls);
      }
    });
  });
}
