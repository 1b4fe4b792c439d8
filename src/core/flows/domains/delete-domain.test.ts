import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BACKENDS, openTestEngine, type Backend, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days, minutes } from '../../clock.ts';
import { DeleteNotAllowed, DomainLocked, DomainNotFound, DomainStatusProhibits, PendingTransferProhibits } from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { buildPolicyBook, DEFAULT_TLDS_FILE } from '../../policy/index.ts';
import { declineTransfer } from '../transfers/decide-transfer.ts';
import { requestTransfer } from '../transfers/request-transfer.ts';
import { getAuthCode } from './get-auth-code.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { checkAvailability } from './check-availability.ts';
import { deleteDomain } from './delete-domain.ts';
import { restoreDomain } from './restore-domain.ts';
import type { DomainView } from './domain-view.ts';

function released(d: DomainView, at: Date): DomainView {
  return { ...d, state: 'released', inAddGrace: false, deletedAt: at, updatedAt: at, redemptionEndsAt: null, releasesAt: null };
}

async function openEngineWithPolicy(backend: Backend, edit: (doc: Record<string, Record<string, Record<string, unknown>>>) => void): Promise<TestEngine> {
  const doc = parse(readFileSync(DEFAULT_TLDS_FILE, 'utf8'), { merge: true });
  edit(doc);
  return openTestEngine(backend, { policy: buildPolicyBook(doc) });
}

for (const backend of BACKENDS) {
  describe(`${backend}: deleteDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => engine.run(registerDomain, input, { actor: a.actor });
    const availability = async (a: TestAccount, name: string) => {
      const [r] = await engine.run(checkAvailability, { names: [name] }, { actor: a.actor });
      assert.ok(r?.ok, `check of ${name} failed`);
      return r.availability;
    };
    const eur = async (a: TestAccount) => (await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor;

    test('success: inside add-grace the charge is refunded exactly, the order cancelled and the name free at once', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const reg = await register(a, { name: 'undo.com', periodMonths: 36 });
      assert.equal(await eur(a), 10000 - 3 * 999);
      const at = engine.clock.advance(days(4));
      const r = await engine.run(deleteDomain, { name: 'undo.com' }, { actor: a.actor });
      assert.deepEqual(r, { domain: released(reg.domain, at), refundMinor: 2997, currency: 'EUR' });
      assert.equal(await eur(a), 10000);
      assert.deepEqual(await verifyBalances(engine.store.db), []);

      const order = await engine.store.db.selectFrom('orders').selectAll().where('number', '=', reg.orderNumber).executeTakeFirstOrThrow();
      assert.deepEqual([order.status, order.updated_at], ['cancelled', at]);
      const items = await engine.store.db.selectFrom('order_items').select(['status']).where('order_id', '=', order.id).execute();
      assert.deepEqual(items, [{ status: 'cancelled' }]);
      const refunds = await engine.store.db.selectFrom('ledger_entries').select(['account_id', 'kind', 'amount_minor', 'currency']).where('order_id', '=', order.id).orderBy('id').execute();
      assert.deepEqual(refunds, [
        { account_id: a.id, kind: 'charge', amount_minor: 2997, currency: 'EUR' },
        { account_id: a.id, kind: 'refund', amount_minor: 2997, currency: 'EUR' },
      ]);

      assert.equal(await availability(b, 'undo.com'), 'available');
      const again = await register(b, { name: 'undo.com' });
      assert.deepEqual([again.domain.accountId, again.domain.state], [b.id, 'active']);
      assert.equal(await eur(b), 10000 - 999);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: outside add-grace the domain goes to redemption, then pending delete, then is released; nothing refunded', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const reg = await register(a, { name: 'later.com' });
      const at = engine.clock.advance(days(10));
      const r = await engine.run(deleteDomain, { name: 'later.com' }, { actor: a.actor });
      assert.deepEqual(r, {
        domain: { ...reg.domain, state: 'redemption', inAddGrace: false, deletedAt: at, updatedAt: at, redemptionEndsAt: new Date(at.getTime() + days(30)), releasesAt: new Date(at.getTime() + days(35)) },
        refundMinor: 0,
        currency: null,
      });
      assert.equal(await eur(a), 10000 - 999);
      assert.equal(await availability(b, 'later.com'), 'quarantined');
      engine.clock.advance(days(30));
      assert.equal(await availability(b, 'later.com'), 'quarantined');
      engine.clock.advance(days(5));
      assert.equal(await availability(b, 'later.com'), 'available');
      await register(b, { name: 'later.com' });
      assert.deepEqual([await eur(a), await eur(b)], [10000 - 999, 10000 - 999]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: an expired domain can be deleted (it goes to redemption)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'lapsed-delete.com' });
      engine.clock.advance(days(370));
      const r = await engine.run(deleteDomain, { name: 'lapsed-delete.com' }, { actor: a.actor });
      assert.deepEqual([r.domain.state, r.refundMinor, r.currency], ['redemption', 0, null]);
    });

    test('success: a FREE domain is released at once, nothing refunded', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const reg = await register(a, { name: 'free-bye.tk', domainType: 'FREE' });
      const at = engine.clock.advance(days(20));
      const r = await engine.run(deleteDomain, { name: 'free-bye.tk' }, { actor: a.actor });
      assert.deepEqual(r, { domain: released(reg.domain, at), refundMinor: 0, currency: null });
      assert.equal(await availability(b, 'free-bye.tk'), 'available');
      const again = await register(b, { name: 'free-bye.tk', domainType: 'FREE' });
      assert.equal(again.domain.accountId, b.id);
    });

    test('success: a PAID domain of a TLD whose policy releases on delete (.tk) is free at once, not restorable, nothing refunded', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const reg = await register(a, { name: 'paid-bye.tk' });
      const at = engine.clock.advance(days(20));
      const r = await engine.run(deleteDomain, { name: 'paid-bye.tk' }, { actor: a.actor });
      assert.deepEqual(r, { domain: released(reg.domain, at), refundMinor: 0, currency: null });
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 10000 - 899);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(restoreDomain, { name: 'paid-bye.tk' }, { actor: a.actor }), DomainNotFound);
      assert.equal(await availability(b, 'paid-bye.tk'), 'available');
      assert.equal((await register(b, { name: 'paid-bye.tk' })).domain.accountId, b.id);
    });

    test('success: a TLD without redemption and pending delete releases a deleted name at once', async () => {
      const e2 = await openEngineWithPolicy(backend, (doc) => {
        doc.tlds!.net!.grace = { add: '5d', auto_renew: '45d', redemption: '0s', pending_delete: '0s' };
      });
      try {
        const a = await newAccount(e2, { depositEur: '100.00' });
        const reg = await e2.run(registerDomain, { name: 'gone.net' }, { actor: a.actor });
        const at = e2.clock.advance(days(6));
        const r = await e2.run(deleteDomain, { name: 'gone.net' }, { actor: a.actor });
        assert.deepEqual(r, { domain: released(reg.domain, at), refundMinor: 0, currency: null });
        assert.equal((await getBalance(e2.store.db, a.id, 'EUR')).balanceMinor, 10000 - 1199);
      } finally {
        await e2.store.close();
      }
    });

    test('failure: a locked domain', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'locked-delete.com', locked: true });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteDomain, { name: 'locked-delete.com' }, { actor: a.actor }), DomainLocked);
    });

    test('failure: delete outside add-grace where the TLD refuses it (.cz, and a policy override)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'refused.cz' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteDomain, { name: 'refused.cz' }, { actor: a.actor }), DeleteNotAllowed);

      const e2 = await openEngineWithPolicy(backend, (doc) => {
        doc.tlds!.org!.delete_outside_grace = 'refused';
      });
      try {
        const b = await newAccount(e2, { depositEur: '100.00' });
        await e2.run(registerDomain, { name: 'grace-only.org' }, { actor: b.actor });
        e2.clock.advance(days(5));
        await assertFailsAndChangesNothing(e2.store.db, () => e2.run(deleteDomain, { name: 'grace-only.org' }, { actor: b.actor }), DeleteNotAllowed);
        e2.clock.set(new Date(e2.clock.now().getTime() - minutes(1)));
        const r = await e2.run(deleteDomain, { name: 'grace-only.org' }, { actor: b.actor });
        assert.deepEqual([r.domain.state, r.refundMinor, r.currency], ['released', 1099, 'EUR']);
      } finally {
        await e2.store.close();
      }
    });

    test("failure: another account's domain, an unknown name", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, { name: 'not-bs.com' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteDomain, { name: 'not-bs.com' }, { actor: b.actor }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteDomain, { name: 'never-registered.com' }, { actor: a.actor }), DomainNotFound);
    });

    test('failure: a pending transfer prohibits a delete; once declined the holder may delete', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'wanted.com' });
      engine.clock.advance(days(61));
      const { authCode } = await engine.run(getAuthCode, { name: 'wanted.com' }, { actor: a.actor });
      await engine.run(requestTransfer, { name: 'wanted.com', authCode }, { actor: b.actor });
      const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteDomain, { name: 'wanted.com' }, { actor: a.actor }), PendingTransferProhibits);
      assert.equal(e.message, 'Domain wanted.com has a pending transfer: delete is not allowed.');
      assert.deepEqual((e as PendingTransferProhibits).details, { name: 'wanted.com', operation: 'delete' });
      await engine.run(declineTransfer, { name: 'wanted.com', reason: 'keeping it' }, { actor: a.actor });
      const r = await engine.run(deleteDomain, { name: 'wanted.com' }, { actor: a.actor });
      assert.equal(r.domain.state, 'redemption');
    });

    test('failure: pending create and redemption prohibit a delete', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'creating.cn' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteDomain, { name: 'creating.cn' }, { actor: a.actor }), DomainStatusProhibits);
      await register(a, { name: 'twice.com' });
      engine.clock.advance(days(6));
      await engine.run(deleteDomain, { name: 'twice.com' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteDomain, { name: 'twice.com' }, { actor: a.actor }), DomainStatusProhibits);
    });
  });
}
