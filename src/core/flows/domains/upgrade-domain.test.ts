import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { addMonths, days } from '../../clock.ts';
import {
  CurrencyNotSupported, DomainNotFound, InsufficientFunds, InvalidPeriod, NotUpgradable, RenewNotAllowed,
} from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { upgradeDomain, type UpgradeDomainInput } from './upgrade-domain.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: upgradeDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const registerFree = async (a: TestAccount, input: Omit<RegisterDomainInput, 'domainType'>) =>
      (await engine.run(registerDomain, { ...input, domainType: 'FREE' }, { actor: a.actor })).domain;
    const upgrade = (a: TestAccount, input: UpgradeDomainInput) => engine.run(upgradeDomain, input, { actor: a.actor });
    const eur = async (a: TestAccount) => (await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor;

    test('success: FREE becomes PAID for the default year, added to the expiry date; auto-renew turns on', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await registerFree(a, { name: 'up.tk' });
      assert.deepEqual([d.domainType, d.autoRenew, d.periodMonths], ['FREE', false, 3]);
      const at = engine.clock.advance(days(10));
      const r = await upgrade(a, { name: 'up.tk' });
      assert.deepEqual(r, {
        domain: { ...d, domainType: 'PAID', expiresAt: addMonths(d.expiresAt, 12), periodMonths: 12, autoRenew: true, renewOption: 'auto', updatedAt: at },
        orderNumber: r.orderNumber,
        quote: { currency: 'EUR', lines: [{ kind: 'register', label: 'register up.tk for 1 year', amountMinor: 899 }], totalMinor: 899, premium: false },
      });
      const order = await engine.store.db.selectFrom('orders').select(['id', 'kind', 'status', 'amount_minor', 'currency']).where('number', '=', r.orderNumber).executeTakeFirstOrThrow();
      const items = await engine.store.db.selectFrom('order_items').select(['kind', 'domain_name', 'period_months', 'amount_minor', 'status']).where('order_id', '=', order.id).execute();
      assert.deepEqual({ ...order, id: 0, items }, {
        id: 0, kind: 'upgrade', status: 'completed', amount_minor: 899, currency: 'EUR',
        items: [{ kind: 'upgrade', domain_name: 'up.tk', period_months: 12, amount_minor: 899, status: 'completed' }],
      });
      assert.equal(await eur(a), 10000 - 899);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: several years; auto-renew off when asked', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await registerFree(a, { name: 'up-donot.ml', renewOption: 'donot', periodMonths: 12 });
      const r = await upgrade(a, { name: 'up-donot.ml', periodMonths: 36, autoRenew: false });
      assert.deepEqual([r.domain, r.quote.totalMinor], [
        { ...d, domainType: 'PAID', expiresAt: addMonths(d.expiresAt, 36), periodMonths: 36, autoRenew: false, renewOption: 'donot', updatedAt: engine.clock.now() },
        3 * 899,
      ]);
      assert.equal(await eur(a), 10000 - 3 * 899);
    });

    test('failure: a PAID domain is not upgradable', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'paid-already.tk' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => upgrade(a, { name: 'paid-already.tk' }), NotUpgradable);
    });

    test('failure: periods that are not whole PAID years, or beyond the maximum horizon', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      await registerFree(a, { name: 'up-period.cf', periodMonths: 12 });
      for (const periodMonths of [6, 18, 0, 11 * 12]) {
        await assertFailsAndChangesNothing(engine.store.db, () => upgrade(a, { name: 'up-period.cf', periodMonths }), InvalidPeriod);
      }
      await assertFailsAndChangesNothing(engine.store.db, () => upgrade(a, { name: 'up-period.cf', periodMonths: 120 }), RenewNotAllowed);
      const r = await upgrade(a, { name: 'up-period.cf', periodMonths: 108 });
      assert.equal(r.domain.expiresAt.getTime(), addMonths(engine.clock.now(), 120).getTime());
    });

    test('failure: insufficient funds and an unpriced currency change nothing', async () => {
      const a = await newAccount(engine, { depositEur: '5.00' });
      await registerFree(a, { name: 'up-poor.ga' });
      await assertFailsAndChangesNothing(engine.store.db, () => upgrade(a, { name: 'up-poor.ga' }), InsufficientFunds);
      await assertFailsAndChangesNothing(engine.store.db, () => upgrade(a, { name: 'up-poor.ga', currency: 'GBP' }), CurrencyNotSupported);
    });

    test("failure: another account's domain", async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine, { depositEur: '100.00' });
      await registerFree(a, { name: 'up-theirs.gq' });
      await assertFailsAndChangesNothing(engine.store.db, () => upgrade(b, { name: 'up-theirs.gq' }), DomainNotFound);
    });

    test('failure: an expired FREE domain (cancelled at expiry) cannot be upgraded', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await registerFree(a, { name: 'up-late.tk', periodMonths: 1 });
      engine.clock.advance(days(32));
      await assertFailsAndChangesNothing(engine.store.db, () => upgrade(a, { name: 'up-late.tk' }), DomainNotFound);
    });
  });
}
