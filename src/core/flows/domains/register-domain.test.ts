import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import {
  ConflictingParameters, DomainBlocked, DomainNotAvailable, DomainReserved, InsufficientFunds, InvalidDomainName,
  InvalidNameServerCount, InvalidPeriod, InvalidValue, PremiumConsentRequired, PriceMismatch, UnsupportedTld, AccountSuspended,
} from '../../errors/index.ts';
import { OPERATOR } from '../../context.ts';
import { setAccountStatus } from '../accounts/index.ts';
import { registerDomain } from './register-domain.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: registerDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: charges the TLD price and creates an active domain with an order', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const r = await engine.run(registerDomain, { name: 'Example-One.COM', periodMonths: 24, nameServers: ['ns1.example.net', 'ns2.example.net'] }, { actor: a.actor });
      assert.equal(r.domain.name, 'example-one.com');
      assert.equal(r.domain.state, 'active');
      assert.equal(r.domain.serviceMode, 'custom_ns');
      assert.deepEqual(r.domain.nameServers, ['ns1.example.net', 'ns2.example.net']);
      assert.equal(r.domain.expiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      assert.equal(r.quote.totalMinor, 1998);
      assert.equal(r.orderStatus, 'completed');
      assert.deepEqual(await getBalance(engine.store.db, a.id, 'EUR'), { currency: 'EUR', balanceMinor: 8002, onHoldMinor: 0, availableMinor: 8002 });
      const order = await engine.store.db.selectFrom('orders').selectAll().where('number', '=', r.orderNumber).executeTakeFirstOrThrow();
      assert.equal(order.amount_minor, 1998);
      assert.equal(order.status, 'completed');
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: IDN stored as A-label with its Unicode form', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const r = await engine.run(registerDomain, { name: 'café.fr' }, { actor: a.actor });
      assert.equal(r.domain.name, 'xn--caf-dma.fr');
      assert.equal(r.domain.unicodeName, 'café.fr');
    });

    test('success: FREE domain on a free TLD costs nothing, in months', async () => {
      const a = await newAccount(engine);
      const r = await engine.run(registerDomain, { name: 'freebie.tk', domainType: 'FREE' }, { actor: a.actor });
      assert.equal(r.domain.periodMonths, 3);
      assert.equal(r.quote.totalMinor, 0);
      assert.equal(r.domain.expiresAt.toISOString(), '2026-04-15T10:00:00.000Z');
    });

    test('failure: name already registered by another account', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'taken.com' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'taken.com' }, { actor: b.actor }), DomainNotAvailable);
    });

    test('failure: reserved, blocked, invalid, unsupported TLD, bad period, FREE on a paid TLD', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const cases: [Record<string, unknown>, abstract new (...x: never[]) => Error][] = [
        [{ name: 'whois.com' }, DomainReserved],
        [{ name: '-bad-.com' }, InvalidDomainName],
        [{ name: 'a..com' }, InvalidDomainName],
        [{ name: 'sub.domain.com' }, InvalidDomainName],
        [{ name: 'example.invalidtld' }, UnsupportedTld],
        [{ name: 'period.com', periodMonths: 11 * 12 }, InvalidPeriod],
        [{ name: 'period.com', periodMonths: 6 }, InvalidPeriod],
        [{ name: 'free.com', domainType: 'FREE' }, InvalidValue],
        [{ name: 'ns.com', nameServers: ['ns1.example.net'] }, InvalidNameServerCount],
        [{ name: 'ns.com', nameServers: ['ns1.example.net', 'ns2.example.net'], forward: { url: 'https://x.example', kind: 'permanent' } }, ConflictingParameters],
      ];
      for (const [input, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, input as never, { actor: a.actor }), cls);
      }
    });

    test('failure: blocked name (policy override)', async () => {
      const { buildPolicyBook } = await import('../../policy/index.ts');
      const { parse } = await import('yaml');
      const { readFileSync } = await import('node:fs');
      const { DEFAULT_TLDS_FILE } = await import('../../policy/index.ts');
      const doc = parse(readFileSync(DEFAULT_TLDS_FILE, 'utf8'), { merge: true });
      doc.tlds.net.blocked = ['forbidden'];
      const e2 = await openTestEngine(backend, { policy: buildPolicyBook(doc) });
      try {
        const a = await newAccount(e2, { depositEur: '100.00' });
        await assertFailsAndChangesNothing(e2.store.db, () => e2.run(registerDomain, { name: 'forbidden.net' }, { actor: a.actor }), DomainBlocked);
      } finally {
        await e2.store.close();
      }
    });

    test('failure: premium without consent, with a wrong accepted price; success with consent', async () => {
      const a = await newAccount(engine, { depositEur: '6000.00' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'cars.com' }, { actor: a.actor }), PremiumConsentRequired);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'cars.com', acceptPremium: 100 }, { actor: a.actor }), PriceMismatch);
      const r = await engine.run(registerDomain, { name: 'cars.com', acceptPremium: 499900 }, { actor: a.actor });
      assert.equal(r.domain.premium, true);
      assert.equal(r.quote.totalMinor, 499900);
    });

    test('failure: insufficient funds changes nothing', async () => {
      const a = await newAccount(engine, { depositEur: '5.00' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'poor.com' }, { actor: a.actor }), InsufficientFunds);
    });

    test('failure: suspended account', async () => {
      const a = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'suspended.com' }, { actor: a.actor }), AccountSuspended);
    });

    test('concurrency: 50 parallel registrations of one name → one domain, one charge', async () => {
      const accounts = await Promise.all(Array.from({ length: 50 }, () => newAccount(engine, { depositEur: '20.00' })));
      const results = await Promise.allSettled(accounts.map((a) => engine.run(registerDomain, { name: 'contested.com' }, { actor: a.actor })));
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1);
      for (const l of lost) assert.ok((l as PromiseRejectedResult).reason instanceof DomainNotAvailable, String((l as PromiseRejectedResult).reason));
      const domains = await engine.store.db.selectFrom('domains').selectAll().where('name', '=', 'contested.com').execute();
      assert.equal(domains.length, 1);
      const charges = await engine.store.db.selectFrom('ledger_entries').selectAll().where('kind', '=', 'charge').where('memo', '=', 'register contested.com').execute();
      assert.equal(charges.length, 1);
      const winner = domains[0]!.account_id;
      for (const a of accounts) {
        const b = await getBalance(engine.store.db, a.id, 'EUR');
        assert.equal(b.balanceMinor, a.id === winner ? 2000 - 999 : 2000);
      }
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });
  });
}
