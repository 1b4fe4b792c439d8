import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { addMonths, days } from '../../clock.ts';
import { CurrencyNotSupported, DomainNotFound, InsufficientFunds, RestoreNotAllowed } from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { buildPolicyBook, DEFAULT_TLDS_FILE } from '../../policy/index.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { checkAvailability } from './check-availability.ts';
import { deleteDomain } from './delete-domain.ts';
import { restoreDomain } from './restore-domain.ts';
import type { DomainView } from './domain-view.ts';

function activeAgain(d: DomainView, at: Date, expiresAt = d.expiresAt): DomainView {
  return { ...d, state: 'active', inAddGrace: false, deletedAt: null, updatedAt: at, redemptionEndsAt: null, releasesAt: null, expiresAt };
}

for (const backend of BACKENDS) {
  describe(`${backend}: restoreDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const eur = async (a: TestAccount) => (await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor;
    const orderOf = async (number: string) => {
      const order = await engine.store.db.selectFrom('orders').select(['id', 'kind', 'status', 'currency', 'amount_minor']).where('number', '=', number).executeTakeFirstOrThrow();
      const items = await engine.store.db.selectFrom('order_items').select(['kind', 'domain_name', 'period_months', 'amount_minor', 'status']).where('order_id', '=', order.id).orderBy('position').execute();
      const { id: _id, ...rest } = order;
      return { ...rest, items };
    };

    test('success: delete outside grace → redemption → restore charges the restore fee → active again', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      const d = await register(a, { name: 'back.com' });
      engine.clock.advance(days(10));
      await engine.run(deleteDomain, { name: 'back.com' }, { actor: a.actor });
      assert.equal(await eur(a), 20000 - 999);
      const at = engine.clock.advance(days(20));
      const r = await engine.run(restoreDomain, { name: 'back.com' }, { actor: a.actor });
      assert.deepEqual(r, {
        domain: activeAgain(d, at),
        orderNumber: r.orderNumber,
        quote: { currency: 'EUR', lines: [{ kind: 'restore', label: 'restore back.com', amountMinor: 7900 }], totalMinor: 7900, premium: false },
      });
      assert.deepEqual(await orderOf(r.orderNumber), {
        kind: 'restore', status: 'completed', currency: 'EUR', amount_minor: 7900,
        items: [{ kind: 'restore', domain_name: 'back.com', period_months: null, amount_minor: 7900, status: 'completed' }],
      });
      assert.equal(await eur(a), 20000 - 999 - 7900);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: an expired domain in redemption is restored with a one-year renewal', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      const d = await register(a, { name: 'lapsed.com' });
      engine.clock.advance(days(365 + 45 + 2));
      const at = engine.clock.now();
      const r = await engine.run(restoreDomain, { name: 'lapsed.com' }, { actor: a.actor });
      assert.deepEqual(r, {
        domain: activeAgain(d, at, addMonths(d.expiresAt, 12)),
        orderNumber: r.orderNumber,
        quote: {
          currency: 'EUR',
          lines: [
            { kind: 'restore', label: 'restore lapsed.com', amountMinor: 7900 },
            { kind: 'renew', label: 'renew lapsed.com for 1 year', amountMinor: 1199 },
          ],
          totalMinor: 9099,
          premium: false,
        },
      });
      assert.deepEqual((await orderOf(r.orderNumber)).items, [
        { kind: 'restore', domain_name: 'lapsed.com', period_months: null, amount_minor: 7900, status: 'completed' },
        { kind: 'renew', domain_name: 'lapsed.com', period_months: 12, amount_minor: 1199, status: 'completed' },
      ]);
      assert.equal(await eur(a), 20000 - 999 - 9099);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: deleted during the auto-renew grace, the restore includes the renewal (in the account currency)', async () => {
      const a = await newAccount(engine, { currency: 'USD', deposits: { USD: '200.00' } });
      const d = await register(a, { name: 'grace-deleted.net' });
      engine.clock.advance(days(366));
      await engine.run(deleteDomain, { name: 'grace-deleted.net' }, { actor: a.actor });
      const at = engine.clock.advance(days(1));
      const r = await engine.run(restoreDomain, { name: 'grace-deleted.net' }, { actor: a.actor });
      assert.deepEqual([r.domain, r.quote.totalMinor, r.quote.currency], [activeAgain(d, at, addMonths(d.expiresAt, 12)), 8900 + 1499, 'USD']);
      assert.equal((await getBalance(engine.store.db, a.id, 'USD')).balanceMinor, 20000 - 1299 - 8900 - 1499);
    });

    test('failure: an active domain and a pending-delete domain cannot be restored', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      await register(a, { name: 'fine.com' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(restoreDomain, { name: 'fine.com' }, { actor: a.actor }), RestoreNotAllowed);
      await register(a, { name: 'too-late.com' });
      engine.clock.advance(days(10));
      await engine.run(deleteDomain, { name: 'too-late.com' }, { actor: a.actor });
      engine.clock.advance(days(31));
      const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(restoreDomain, { name: 'too-late.com' }, { actor: a.actor }), RestoreNotAllowed);
      assert.deepEqual(e.message, 'Domain too-late.com is pending_delete; only a domain in redemption can be restored.');
    });

    test('failure: past redemption and pending delete the name is available again and restore finds nothing', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      await register(a, { name: 'lost.com' });
      engine.clock.advance(days(10));
      await engine.run(deleteDomain, { name: 'lost.com' }, { actor: a.actor });
      engine.clock.advance(days(35));
      const [check] = await engine.run(checkAvailability, { names: ['lost.com'] }, { actor: a.actor });
      assert.ok(check?.ok);
      assert.equal(check.availability, 'available');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(restoreDomain, { name: 'lost.com' }, { actor: a.actor }), DomainNotFound);
    });

    test('failure: insufficient funds, an unpriced currency, another account', async () => {
      const a = await newAccount(engine, { depositEur: '50.00' });
      const b = await newAccount(engine, { depositEur: '200.00' });
      await register(a, { name: 'poor-restore.com' });
      engine.clock.advance(days(10));
      await engine.run(deleteDomain, { name: 'poor-restore.com' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(restoreDomain, { name: 'poor-restore.com' }, { actor: a.actor }), InsufficientFunds);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(restoreDomain, { name: 'poor-restore.com', currency: 'JPY' }, { actor: a.actor }), CurrencyNotSupported);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(restoreDomain, { name: 'poor-restore.com' }, { actor: b.actor }), DomainNotFound);
    });

    test('failure: without an included renewal, a domain expired past its grace is not restored; a deleted one pays the fee only', async () => {
      const doc = parse(readFileSync(DEFAULT_TLDS_FILE, 'utf8'), { merge: true });
      doc.tlds.org.restore_includes_renewal = false;
      const e2 = await openTestEngine(backend, { policy: buildPolicyBook(doc) });
      try {
        const a = await newAccount(e2, { depositEur: '200.00' });
        await e2.run(registerDomain, { name: 'no-renewal.org' }, { actor: a.actor });
        const kept = await e2.run(registerDomain, { name: 'kept.org' }, { actor: a.actor });
        e2.clock.advance(days(30));
        await e2.run(deleteDomain, { name: 'kept.org' }, { actor: a.actor });
        const r = await e2.run(restoreDomain, { name: 'kept.org' }, { actor: a.actor });
        assert.deepEqual([r.domain, r.quote.totalMinor], [activeAgain(kept.domain, e2.clock.now()), 7900]);
        e2.clock.advance(days(365 + 45 + 1 - 30));
        await assertFailsAndChangesNothing(e2.store.db, () => e2.run(restoreDomain, { name: 'no-renewal.org' }, { actor: a.actor }), RestoreNotAllowed);
      } finally {
        await e2.store.close();
      }
    });
  });
}
