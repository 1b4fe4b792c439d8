import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing, snapshotTables } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import {
  AccountSuspended, CurrencyNotSupported, DomainNotFound, DomainStatusProhibits, InsufficientFunds, InvalidPeriod, InvalidValue,
  RenewNotAllowed,
} from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { setAccountStatus } from '../accounts/index.ts';
import { getOrder } from '../orders/get-order.ts';
import { getDomain } from './get-domain.ts';
import { registerDomain } from './register-domain.ts';
import { renewDomain } from './renew-domain.ts';

const START = '2026-01-15T10:00:00Z';

for (const backend of BACKENDS) {
  describe(`${backend}: renewDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string, extra: Record<string, unknown> = {}) =>
      engine.run(registerDomain, { name, ...extra }, { actor: a.actor });
    const viewOf = (a: TestAccount, name: string) => engine.run(getDomain, { name }, { actor: a.actor });

    test('success: charges the renewal price, extends the expiry and records a completed order', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'renew-ok.com');
      engine.clock.advance(days(10));
      const r = await engine.run(renewDomain, { name: 'Renew-OK.com', periodMonths: 24, expectedExpiryYear: 2027 }, { actor: a.actor });

      const domain = await viewOf(a, 'renew-ok.com');
      assert.deepEqual(r, {
        domain,
        orderNumber: r.orderNumber,
        quote: { currency: 'EUR', lines: [{ kind: 'renew', label: 'renew renew-ok.com for 2 years', amountMinor: 2398 }], totalMinor: 2398, premium: false },
        newExpiresAt: new Date('2029-01-15T10:00:00Z'),
        contacts: { name: 'renew-ok.com', registrant: null, admin: null, tech: null, billing: null },
      });
      assert.equal(domain.expiresAt.toISOString(), '2029-01-15T10:00:00.000Z');
      assert.equal(domain.periodMonths, 24);
      assert.equal(domain.updatedAt.toISOString(), '2026-01-25T10:00:00.000Z');
      assert.equal(domain.state, 'active');

      assert.deepEqual(await getBalance(engine.store.db, a.id, 'EUR'), { currency: 'EUR', balanceMinor: 10000 - 999 - 2398, onHoldMinor: 0, availableMinor: 10000 - 999 - 2398 });
      const order = await engine.run(getOrder, { number: r.orderNumber! }, { actor: a.actor });
      const at = new Date('2026-01-25T10:00:00Z');
      assert.deepEqual(order, {
        number: r.orderNumber, accountId: a.id, kind: 'renew', status: 'completed', currency: 'EUR', amountMinor: 2398,
        source: 'core', createdAt: at, updatedAt: at,
        items: [{ position: 1, kind: 'renew', domainName: 'renew-ok.com', periodMonths: 24, amountMinor: 2398, status: 'completed', detail: '' }],
      });
      const charges = await engine.store.db.selectFrom('ledger_entries').select(['kind', 'amount_minor', 'currency', 'memo'])
        .where('account_id', '=', a.id).where('memo', '=', 'renew renew-ok.com').execute();
      assert.deepEqual(charges, [{ kind: 'charge', amount_minor: 2398, currency: 'EUR', memo: 'renew renew-ok.com' }]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: renews in the auto-renew grace after expiry, counting from the old expiry', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'grace-renew.com');
      engine.clock.advance(days(375));
      assert.equal((await viewOf(a, 'grace-renew.com')).state, 'expired');
      const r = await engine.run(renewDomain, { name: 'grace-renew.com' }, { actor: a.actor });
      assert.deepEqual(r, {
        domain: await viewOf(a, 'grace-renew.com'),
        orderNumber: r.orderNumber,
        quote: { currency: 'EUR', lines: [{ kind: 'renew', label: 'renew grace-renew.com for 1 year', amountMinor: 1199 }], totalMinor: 1199, premium: false },
        newExpiresAt: new Date('2028-01-15T10:00:00Z'),
        contacts: { name: 'grace-renew.com', registrant: null, admin: null, tech: null, billing: null },
      });
      assert.equal(r.domain.state, 'active');
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 10000 - 999 - 1199);
    });

    test('failure: redemption needs a restore, not a renewal', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'in-redemption.com');
      engine.clock.advance(days(365 + 46));
      assert.equal((await viewOf(a, 'in-redemption.com')).state, 'redemption');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'in-redemption.com' }, { actor: a.actor }), DomainStatusProhibits);
    });

    test('failure: pending create and pending delete cannot be renewed', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'async-create.cn');
      assert.equal((await viewOf(a, 'async-create.cn')).state, 'pending_create');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'async-create.cn' }, { actor: a.actor }), DomainStatusProhibits);
      await register(a, 'going-away.com');
      engine.clock.advance(days(365 + 45 + 31));
      assert.equal((await viewOf(a, 'going-away.com')).state, 'pending_delete');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'going-away.com' }, { actor: a.actor }), DomainStatusProhibits);
    });

    test('failure: beyond the maximum horizon; success: exactly up to it', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      await register(a, 'horizon.com', { periodMonths: 9 * 12 });
      const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'horizon.com', periodMonths: 24 }, { actor: a.actor }), RenewNotAllowed);
      assert.equal(e.message, 'Domain horizon.com cannot be renewed: beyond the maximum registration period.');
      const r = await engine.run(renewDomain, { name: 'horizon.com', periodMonths: 12 }, { actor: a.actor });
      assert.equal(r.newExpiresAt.toISOString(), '2036-01-15T10:00:00.000Z');
    });

    test('failure: a FREE domain outside its renewal window; success: inside it, at no cost', async () => {
      const a = await newAccount(engine);
      await register(a, 'freebie-renew.tk', { domainType: 'FREE' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'freebie-renew.tk' }, { actor: a.actor }), RenewNotAllowed);
      engine.clock.advance(days(75)); // 2026-03-31: 15 days before expiry
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'freebie-renew.tk' }, { actor: a.actor }), RenewNotAllowed);
      engine.clock.advance(days(1)); // 2026-04-01: the window opens 14 days before expiry
      const r = await engine.run(renewDomain, { name: 'freebie-renew.tk' }, { actor: a.actor });
      assert.deepEqual(r, {
        domain: await viewOf(a, 'freebie-renew.tk'),
        orderNumber: r.orderNumber,
        quote: { currency: 'EUR', lines: [{ kind: 'renew', label: 'renew freebie-renew.tk (FREE, 3M)', amountMinor: 0 }], totalMinor: 0, premium: false },
        newExpiresAt: new Date('2026-07-15T10:00:00Z'),
        contacts: { name: 'freebie-renew.tk', registrant: null, admin: null, tech: null, billing: null },
      });
      const order = await engine.run(getOrder, { number: r.orderNumber! }, { actor: a.actor });
      assert.equal(order.amountMinor, 0);
      const entries = await engine.store.db.selectFrom('ledger_entries').select('id').where('account_id', '=', a.id).where('kind', '=', 'charge').execute();
      assert.deepEqual(entries, []);
    });

    test('success: a PAID registration on a free TLD renews at any time', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'paid-on-free.tk');
      const r = await engine.run(renewDomain, { name: 'paid-on-free.tk' }, { actor: a.actor });
      assert.equal(r.newExpiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      assert.equal(r.quote.totalMinor, 899);
    });

    test('success: a price check returns price and new expiry and changes nothing', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'price-check.net');
      const before = await snapshotTables(engine.store.db);
      const r = await engine.run(renewDomain, { name: 'price-check.net', periodMonths: 36, currency: 'usd', priceCheck: true }, { actor: a.actor });
      assert.deepEqual(r, {
        domain: await viewOf(a, 'price-check.net'),
        orderNumber: null,
        quote: { currency: 'USD', lines: [{ kind: 'renew', label: 'renew price-check.net for 3 years', amountMinor: 4497 }], totalMinor: 4497, premium: false },
        newExpiresAt: new Date('2030-01-15T10:00:00Z'),
        contacts: { name: 'price-check.net', registrant: null, admin: null, tech: null, billing: null },
      });
      assert.deepEqual(await snapshotTables(engine.store.db), before);
    });

    test('failure: insufficient funds changes nothing', async () => {
      const a = await newAccount(engine, { depositEur: '10.00' });
      await register(a, 'poor-renew.com');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'poor-renew.com' }, { actor: a.actor }), InsufficientFunds);
    });

    test('failure: another account\'s domain and an unknown domain are not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'not-yours.com');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'not-yours.com' }, { actor: b.actor }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'never-registered.com' }, { actor: b.actor }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { accountId: b.id, name: 'not-yours.com' }, { actor: OPERATOR }), DomainNotFound);
    });

    test('failure: wrong expected expiry year, bad period, unpriced currency', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'guards.com');
      await register(a, 'guards-free.ga', { domainType: 'FREE' });
      const cases: [Record<string, unknown>, abstract new (...x: never[]) => Error][] = [
        [{ name: 'guards.com', expectedExpiryYear: 2026 }, InvalidValue],
        [{ name: 'guards.com', expectedExpiryYear: 2027.5 }, InvalidValue],
        [{ name: 'guards.com', periodMonths: 6 }, InvalidPeriod],
        [{ name: 'guards.com', periodMonths: 11 * 12 }, InvalidPeriod],
        [{ name: 'guards-free.ga', periodMonths: 24 }, InvalidPeriod],
        [{ name: 'guards.com', currency: 'GBP' }, CurrencyNotSupported],
      ];
      for (const [input, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, input as never, { actor: a.actor }), cls);
      }
    });

    test('failure: a suspended account cannot renew', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'suspended-renew.com');
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(renewDomain, { name: 'suspended-renew.com' }, { actor: a.actor }), AccountSuspended);
    });
  });
}
