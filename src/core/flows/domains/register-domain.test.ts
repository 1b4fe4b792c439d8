import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { untilWaitingOnLock } from '../../../../test/support/open-transaction.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { countingTransactions, StatementCounter } from '../../../../test/support/statement-counter.ts';
import {
  ConflictingParameters, DomainBlocked, DomainNotAvailable, DomainQuarantined, DomainReserved, InsufficientFunds, InvalidDomainName,
  InvalidNameServerCount, InvalidPeriod, InvalidValue, PremiumConsentRequired, PriceMismatch, UnsupportedTld, AccountSuspended,
} from '../../errors/index.ts';
import { OPERATOR } from '../../context.ts';
import { DAY } from '../../clock.ts';
import { createFlowRunner } from '../../run-flow.ts';
import { setAccountStatus } from '../accounts/index.ts';
import { setDefaultSetting } from '../settings/set-default-setting.ts';
import { createContact } from '../contacts/create-contact.ts';
import { domainContactsOf } from '../contacts/set-domain-contacts.ts';
import type { FlowContext } from '../../context.ts';
import { deleteDomain } from './delete-domain.ts';
import { getDomain } from './get-domain.ts';
import { newAuthCode, registerDomain, registerDomainStepByStep, type RegisterDomainInput } from './register-domain.ts';

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

    test('failure: a price above maxPriceMinor, ordinary or premium, on both paths; success at or under it, charged the price', async () => {
      const a = await newAccount(engine, { depositEur: '6000.00' });
      for (const flow of [registerDomain, registerDomainStepByStep]) {
        const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(flow, { name: 'ceiling.com', maxPriceMinor: 998 }, { actor: a.actor }), PriceMismatch);
        assert.deepEqual((e as PriceMismatch).details, { expectedMinor: 998, actualMinor: 999, currency: 'EUR' });
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(flow, { name: 'ceiling.com', currency: 'USD', maxPriceMinor: 1098 }, { actor: a.actor }), PriceMismatch);
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(flow, { name: 'best.com', acceptPremium: true, maxPriceMinor: 249999 }, { actor: a.actor }), PriceMismatch);
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(flow, { name: 'best.com', maxPriceMinor: 600000 }, { actor: a.actor }), PremiumConsentRequired);
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(flow, { name: 'ceiling.com', maxPriceMinor: -1 }, { actor: a.actor }), InvalidValue);
      }
      const exact = await engine.run(registerDomain, { name: 'ceiling.com', maxPriceMinor: 999 }, { actor: a.actor });
      assert.equal(exact.quote.totalMinor, 999);
      const above = await engine.run(registerDomainStepByStep, { name: 'ceiling2.com', maxPriceMinor: 5000 }, { actor: a.actor });
      assert.equal(above.quote.totalMinor, 999);
      const premium = await engine.run(registerDomain, { name: 'best.com', acceptPremium: true, maxPriceMinor: 600000 }, { actor: a.actor });
      assert.equal(premium.quote.totalMinor, 250000);
      const left = 600000 - 999 - 999 - 250000;
      assert.deepEqual(await getBalance(engine.store.db, a.id, 'EUR'), { currency: 'EUR', balanceMinor: left, onHoldMinor: 0, availableMinor: left });
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

    test('fast path: an ordinary registration is one statement (charge, order, item, ledger entry, row)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const counter = new StatementCounter();
      const runner = createFlowRunner({ db: engine.store.db.withPlugin(counter), clock: engine.clock, policy: engine.policy });
      const r = await runner.run(registerDomain, { name: 'one-statement.com' }, { actor: a.actor });
      assert.equal(counter.count, 1);
      assert.equal(r.quote.totalMinor, 999);
      assert.deepEqual(r.domain, await engine.run(getDomain, { name: 'one-statement.com' }, { actor: a.actor }));
      const order = await engine.store.db.selectFrom('orders').selectAll().where('number', '=', r.orderNumber).executeTakeFirstOrThrow();
      const items = await engine.store.db.selectFrom('order_items').selectAll().where('order_id', '=', order.id).execute();
      const entries = await engine.store.db.selectFrom('ledger_entries').selectAll().where('order_id', '=', order.id).execute();
      assert.deepEqual([order.kind, order.status, order.currency, order.amount_minor, order.source], ['register', 'completed', 'EUR', 999, 'core']);
      assert.deepEqual(items.map((i) => [i.position, i.kind, i.domain_name, i.period_months, i.amount_minor, i.status]), [[1, 'register', 'one-statement.com', 12, 999, 'completed']]);
      assert.deepEqual(entries.map((e) => [e.account_id, e.kind, e.currency, e.amount_minor, e.memo]), [[a.id, 'charge', 'EUR', 999, 'register one-statement.com']]);
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 10000 - 999);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('named contacts: resolved in the registration statement itself (autocommit, no transaction), answered as public numbers without reading them again; defaults are read; another account\'s contact is refused and nothing is written', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const contact = (name: string) => engine.run(createContact, {
        name, address1: '1 Main St', city: 'Praha', postcode: '11000', country: 'CZ', phone: '+420.123456789', email: 'c@example.test',
      }, { actor: a.actor });
      const owner = await contact('Olga Owner');
      const tech = await contact('Tomas Tech');
      const counter = new StatementCounter();
      let opened = 0;
      const runner = createFlowRunner({ db: countingTransactions(engine.store.db.withPlugin(counter), () => opened++), clock: engine.clock, policy: engine.policy });
      const stored = async (name: string) => {
        const row = await engine.store.db.selectFrom('domains').selectAll().where('name', '=', name).where('released_at', 'is', null).executeTakeFirstOrThrow();
        return domainContactsOf({ db: engine.store.db } as FlowContext, row);
      };
      const named = await runner.run(registerDomain, { name: 'named-contacts.com', contacts: { registrant: owner.id, tech: tech.id, admin: owner.id } }, { actor: a.actor });
      assert.deepEqual([counter.count, opened], [1, 0]);
      assert.deepEqual(named.contacts, { name: 'named-contacts.com', registrant: owner.id, admin: owner.id, tech: tech.id, billing: null });
      // A number that is not one of the account's contacts: the statement writes nothing, the transaction's checks refuse it.
      const other = await newAccount(engine, { depositEur: '100.00' });
      const balance = async () => (await engine.store.db.selectFrom('balances').select('balance_minor').where('account_id', '=', a.id).execute());
      const before = await balance();
      await assert.rejects(runner.run(registerDomain, { name: 'foreign-contact.com', contacts: { registrant: owner.id, tech: 999_999 } }, { actor: a.actor }), { code: 'CONTACT_NOT_FOUND' });
      await assert.rejects(runner.run(registerDomain, { name: 'foreign-contact.com', contacts: { registrant: owner.id } }, { actor: other.actor }), { code: 'CONTACT_NOT_FOUND' });
      assert.deepEqual(await balance(), before);
      assert.equal(await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'foreign-contact.com').executeTakeFirst(), undefined);
      assert.deepEqual(named.contacts, await stored('named-contacts.com'));
      // Default contacts fill the roles the request left out: the answer reads them.
      await engine.run(setDefaultSetting, { key: 'contacts', value: { registrant: owner.id, admin: owner.id, tech: owner.id, billing: tech.id } }, { actor: a.actor });
      const filled = await runner.run(registerDomain, { name: 'default-contacts.com', contacts: { registrant: tech.id } }, { actor: a.actor });
      assert.deepEqual(filled.contacts, { name: 'default-contacts.com', registrant: tech.id, admin: owner.id, tech: owner.id, billing: tech.id });
      assert.deepEqual(filled.contacts, await stored('default-contacts.com'));
    });

    test('the runner registers in one autocommitted statement; what needs more takes a transaction', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const counter = new StatementCounter();
      let opened = 0;
      const tx = { db: countingTransactions(engine.store.db.withPlugin(counter), () => opened++), opened: () => opened };
      const runner = createFlowRunner({ db: tx.db, clock: engine.clock, policy: engine.policy });
      const plain = await runner.run(registerDomain, { name: 'autocommit.com' }, { actor: a.actor });
      assert.deepEqual([tx.opened(), counter.count], [0, 1]);
      assert.deepEqual(plain.domain, await engine.run(getDomain, { name: 'autocommit.com' }, { actor: a.actor }));
      // Outside name servers: the glue check reads hosts under a share lock, inside the registration's transaction.
      await runner.run(registerDomain, { name: 'outside-ns.com', nameServers: ['ns1.example.net', 'ns2.example.net'] }, { actor: a.actor });
      assert.equal(tx.opened(), 1);
      // A dry run never takes the autocommit path: it must roll back.
      const dry = await runner.run(registerDomain, { name: 'dry-run.com' }, { actor: a.actor, dryRun: true });
      assert.equal(dry.domain.name, 'dry-run.com');
      assert.equal(tx.opened(), 2);
      assert.equal(await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'dry-run.com').executeTakeFirst(), undefined);
      // Registration defaults are applied by further statements: the function refuses on its own, then the flow runs in a transaction.
      await engine.run(setDefaultSetting, { key: 'renewOption', value: 'donot' }, { actor: a.actor });
      const before = counter.count;
      const withDefaults = await runner.run(registerDomain, { name: 'autocommit-defaults.com' }, { actor: a.actor });
      assert.equal(tx.opened(), 3);
      assert.ok(counter.count - before > 2);
      assert.equal(withDefaults.domain.renewOption, 'donot');
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 10000 - 3 * 999);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('fast path and step-by-step path store the same registration', async () => {
      const a = await newAccount(engine, { deposits: { EUR: '100.00', USD: '100.00' } });
      const input = (name: string): RegisterDomainInput => ({
        name, periodMonths: 36, currency: 'usd', nameServers: ['ns1.example.net', 'ns2.example.net'], autoRenew: false, privacy: 'full',
        locked: true, label: 'shop', note: 'a note', customerId: 'C-1',
      });
      const fast = await engine.run(registerDomain, input('same-fast.net'), { actor: a.actor });
      const slow = await engine.run(registerDomainStepByStep, input('same-slow.net'), { actor: a.actor });
      const rowOf = async (id: number) => {
        const { id: _i, name: _n, unicode_name: _u, auth_code, order_id, ...rest } = await engine.store.db.selectFrom('domains').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.match(auth_code, /^[A-Za-z2-9]{16}$/);
        const order = await engine.store.db.selectFrom('orders').select(['kind', 'status', 'currency', 'amount_minor', 'source']).where('id', '=', order_id!).executeTakeFirstOrThrow();
        const items = await engine.store.db.selectFrom('order_items').select(['position', 'kind', 'period_months', 'amount_minor', 'status']).where('order_id', '=', order_id!).execute();
        const entries = await engine.store.db.selectFrom('ledger_entries').select(['kind', 'currency', 'amount_minor']).where('order_id', '=', order_id!).execute();
        return { rest, order, items, entries };
      };
      assert.deepEqual(await rowOf(fast.domain.id), await rowOf(slow.domain.id));
      // The fast path builds its result from the planned row: it must be what a read returns.
      assert.deepEqual(fast.domain, await engine.run(getDomain, { name: 'same-fast.net' }, { actor: a.actor }));
      assert.deepEqual(slow.domain, await engine.run(getDomain, { name: 'same-slow.net' }, { actor: a.actor }));
      assert.deepEqual({ ...fast.domain, id: 0, name: '', unicodeName: '', orderId: 0 }, { ...slow.domain, id: 0, name: '', unicodeName: '', orderId: 0 });
      assert.deepEqual(fast.quote, { ...slow.quote, lines: slow.quote.lines.map((l) => ({ ...l, label: l.label.replace('same-slow', 'same-fast') })) });
      assert.equal(fast.quote.totalMinor, 3 * 1299);
      assert.equal(fast.quote.currency, 'USD');
      assert.equal((await getBalance(engine.store.db, a.id, 'USD')).balanceMinor, 10000 - 2 * 3 * 1299);
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, 10000);
    });

    test('success: the account\'s default currency, an operator acting for a suspended account, an asynchronous TLD', async () => {
      const usd = await newAccount(engine, { currency: 'USD', deposits: { USD: '50.00' } });
      const r1 = await engine.run(registerDomain, { name: 'dollars.com' }, { actor: usd.actor });
      assert.deepEqual([r1.quote.currency, r1.quote.totalMinor], ['USD', 1099]);
      assert.equal((await getBalance(engine.store.db, usd.id, 'USD')).balanceMinor, 5000 - 1099);

      const s = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(setAccountStatus, { accountId: s.id, status: 'suspended' }, { actor: OPERATOR });
      const r2 = await engine.run(registerDomain, { accountId: s.id, name: 'by-operator.com' }, { actor: OPERATOR });
      assert.equal(r2.domain.accountId, s.id);

      const cn = await newAccount(engine, { depositEur: '50.00' });
      const r3 = await engine.run(registerDomain, { name: 'later.cn' }, { actor: cn.actor });
      assert.equal(r3.orderStatus, 'processing');
      assert.equal(r3.domain.state, 'pending_create');
      const order = await engine.store.db.selectFrom('orders').selectAll().where('number', '=', r3.orderNumber).executeTakeFirstOrThrow();
      assert.equal(order.status, 'processing');
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: account defaults apply to a registration on the fast path', async () => {
      const a = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(setDefaultSetting, { key: 'renewOption', value: 'donot' }, { actor: a.actor });
      const r = await engine.run(registerDomain, { name: 'with-defaults.com' }, { actor: a.actor });
      assert.equal(r.domain.renewOption, 'donot');
      assert.equal(r.domain.autoRenew, false);
      const explicit = await engine.run(registerDomain, { name: 'explicit-renew.com', autoRenew: true }, { actor: a.actor });
      assert.equal(explicit.domain.renewOption, 'auto');
    });

    test('a live row: a released one is settled and the name registered again; a quarantined one is refused', async () => {
      const start = engine.clock.now();
      try {
        const a = await newAccount(engine, { depositEur: '100.00' });
        const b = await newAccount(engine, { depositEur: '100.00' });
        await engine.run(registerDomain, { name: 'cycle.tk', domainType: 'FREE' }, { actor: a.actor });
        await engine.run(registerDomain, { name: 'redeem.com' }, { actor: a.actor });
        engine.clock.advance(10 * DAY);
        await engine.run(deleteDomain, { name: 'redeem.com' }, { actor: a.actor });
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'redeem.com' }, { actor: b.actor }), DomainQuarantined);
        engine.clock.advance(100 * DAY); // the FREE registration has expired: released, not yet swept
        const again = await engine.run(registerDomain, { name: 'cycle.tk', domainType: 'FREE' }, { actor: b.actor });
        assert.equal(again.domain.accountId, b.id);
        const rows = await engine.store.db.selectFrom('domains').select(['account_id', 'released_at']).where('name', '=', 'cycle.tk').orderBy('id').execute();
        assert.equal(rows.length, 2);
        assert.ok(rows[0]!.released_at !== null);
        assert.deepEqual([rows[1]!.account_id, rows[1]!.released_at], [b.id, null]);
      } finally {
        engine.clock.set(start);
      }
    });

    test('failure: insufficient funds in a named currency, a dry run, changes nothing', async () => {
      const a = await newAccount(engine, { deposits: { EUR: '100.00', USD: '5.00' } });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'poor-usd.com', currency: 'USD' }, { actor: a.actor }), InsufficientFunds);
      const before = await getBalance(engine.store.db, a.id, 'EUR');
      const dry = await engine.run(registerDomain, { name: 'dry-run.com' }, { actor: a.actor, dryRun: true });
      assert.equal(dry.quote.totalMinor, 999);
      assert.deepEqual(await getBalance(engine.store.db, a.id, 'EUR'), before);
      assert.equal(await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'dry-run.com').executeTakeFirst(), undefined);
    });

    test('concurrency: 12 parallel registrations of one account with funds for 3 → 3 domains, 3 charges, no overdraft', async () => {
      const a = await newAccount(engine, { depositEur: '30.00' });
      const names = Array.from({ length: 12 }, (_, i) => `burst-${i}.com`);
      const results = await Promise.allSettled(names.map((name) => engine.run(registerDomain, { name }, { actor: a.actor })));
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(results.length - lost.length, 3);
      for (const l of lost) assert.ok(l.reason instanceof InsufficientFunds, String(l.reason));
      assert.deepEqual(await getBalance(engine.store.db, a.id, 'EUR'), { currency: 'EUR', balanceMinor: 3000 - 3 * 999, onHoldMinor: 0, availableMinor: 3000 - 3 * 999 });
      const rows = await engine.store.db.selectFrom('domains').select('name').where('account_id', '=', a.id).execute();
      assert.equal(rows.length, 3);
      const orders = await engine.store.db.selectFrom('orders').select('id').where('account_id', '=', a.id).where('kind', '=', 'register').execute();
      assert.equal(orders.length, 3);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    if (backend === 'postgres') {
      test('race: funds taken by another transaction while the registration statement writes → insufficient funds, nothing written', async () => {
        const a = await newAccount(engine, { depositEur: '10.00' });
        // Another transaction charges the balance row and holds it: the registration reads the funds (committed: still
        // there), writes, then waits for the row at its charge; once the other commits, the funds are gone.
        const other = await engine.store.db.startTransaction().execute();
        await other.updateTable('balances').set({ balance_minor: 0 }).where('account_id', '=', a.id).where('currency', '=', 'EUR').execute();
        await other.insertInto('ledger_entries').values({ account_id: a.id, currency: 'EUR', kind: 'charge', amount_minor: 1000, memo: 'the other charge', created_at: engine.clock.now() }).execute();
        const registration = engine.run(registerDomain, { name: 'race.com' }, { actor: a.actor }).then(() => 'registered', (e: unknown) => e);
        await untilWaitingOnLock(engine.store.db, 'regd_register_domain');
        await other.commit().execute();
        const outcome = await registration;
        assert.ok(outcome instanceof InsufficientFunds, String(outcome));
        assert.equal(await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'race.com').executeTakeFirst(), undefined);
        assert.equal((await engine.store.db.selectFrom('orders').select('id').where('account_id', '=', a.id).where('kind', '=', 'register').execute()).length, 0);
        assert.deepEqual(await engine.store.db.selectFrom('ledger_entries').select('memo').where('account_id', '=', a.id).where('kind', '=', 'charge').execute(), [{ memo: 'the other charge' }]);
        assert.deepEqual(await verifyBalances(engine.store.db), []);
      });
    }

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

test('auth codes: 16 characters of the unambiguous alphabet, a letter and a digit in each, every one different (across many refills of the random pool)', () => {
  const codes = Array.from({ length: 5000 }, () => newAuthCode());
  for (const c of codes) {
    assert.match(c, /^[A-HJ-NP-Za-km-z2-9]{16}$/);
    assert.match(c, /[0-9]/);
    assert.match(c, /[A-Za-z]/);
  }
  assert.equal(new Set(codes).size, codes.length);
  // Every character of the alphabet turns up, at roughly its share (80,000 draws of 57: ~1,404 each).
  const counts = new Map<string, number>();
  for (const ch of codes.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  assert.equal(counts.size, 57);
  for (const [ch, k] of counts) assert.ok(k > 1000 && k < 1800, `${ch}: ${k}`);
});
