/**
 * Sweeper timelines on TLDs without auto-renew grace (.de, .fr): the
 * registry deletes at expiry, so the projection puts an unrenewed domain in
 * redemption at `expires_at`; auto-renew therefore acts a day before expiry
 * (NO_GRACE_RENEW_LEAD_MS). With funds: one charge, a new expiry, never in
 * redemption. Without: one failed attempt, then redemption and release per
 * policy. A clock jumped years ahead ends where small steps end, also for
 * .com (at expiry, 45 days of grace) and .cz (30 days early).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../test/support/fixtures.ts';
import { domainRow, ledgerOf, noticesOf, ordersFor, sweepNow } from '../../test/jobs/support/lifecycle.ts';
import { DAY, addMonths } from '../core/clock.ts';
import { DomainNotFound } from '../core/errors/index.ts';
import { getBalance, verifyBalances } from '../core/money/ledger.ts';
import { autoRenewDomain, NO_GRACE_RENEW_LEAD_MS } from '../core/lifecycle/index.ts';
import { SYSTEM } from '../core/context.ts';
import { projectDomainAt } from '../core/lifecycle/project-domain.ts';
import { checkAvailability, getDomain, registerDomain, renewDomain } from '../core/flows/domains/index.ts';
import type { Engine } from '../core/engine.ts';

const eur = (balanceMinor: number) => ({ currency: 'EUR', balanceMinor, onHoldMinor: 0, availableMinor: balanceMinor });
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
const iso = (d: Date) => d.toISOString();

for (const backend of BACKENDS) {
  describe(`${backend}: sweeper, TLDs without auto-renew grace`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const db = () => engine.store.db;
    const balance = (a: TestAccount) => getBalance(db(), a.id, 'EUR');
    const state = async (a: TestAccount, name: string) => (await engine.run(getDomain, { name }, { actor: a.actor })).state;
    const availability = async (name: string) => {
      const [r] = await engine.run(checkAvailability, { names: [name] }, { actor: (await newAccount(engine)).actor });
      return r?.ok ? r.availability : r?.error.code;
    };
    const booksBalance = async () => assert.deepEqual(await verifyBalances(db()), []);
    /** Notifications without the expiry reminders (the clock jumps into the last week). */
    const lifecycleNotices = async (a: TestAccount) => (await noticesOf(db(), a.id)).filter((n) => n[0] !== 'reminder.expiry');

    test('timeline: .de and .fr with funds are renewed once, a day before expiry; never in redemption', async () => {
      const a = await newAccount(engine, { depositEur: '50.00' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'keeps.de' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'keeps.fr' }, { actor: a.actor });
      const e = addMonths(t0, 12);
      const due = plus(e, -NO_GRACE_RENEW_LEAD_MS);
      const registered = [['deposit', 5000], ['charge', 549], ['charge', 699]];
      const renewed = [...registered, ['charge', 549], ['charge', 899]];
      assert.deepEqual(await ledgerOf(db(), a.id), registered);

      engine.clock.set(plus(due, -1));
      await sweepNow(engine);
      assert.deepEqual(await ordersFor(db(), a.id, 'renew', 'keeps.de'), []);
      assert.deepEqual(await ordersFor(db(), a.id, 'renew', 'keeps.fr'), []);
      assert.deepEqual(await ledgerOf(db(), a.id), registered);

      engine.clock.set(due);
      const r = await sweepNow(engine);
      assert.equal(r.tasks.autoRenew!.done, 2);
      assert.deepEqual(await ordersFor(db(), a.id, 'renew', 'keeps.de'), [[iso(due), 'completed', 549, 'sweeper']]);
      assert.deepEqual(await ordersFor(db(), a.id, 'renew', 'keeps.fr'), [[iso(due), 'completed', 899, 'sweeper']]);
      for (const name of ['keeps.de', 'keeps.fr']) {
        assert.equal(iso((await domainRow(db(), name)).expires_at), iso(addMonths(e, 12)), name);
        assert.equal(await state(a, name), 'active');
      }
      assert.deepEqual(await ledgerOf(db(), a.id), renewed);
      assert.deepEqual(await balance(a), eur(5000 - 549 - 699 - 549 - 899));
      await booksBalance();
      const again = await engine.run(autoRenewDomain, { domainId: (await domainRow(db(), 'keeps.de')).id }, { actor: SYSTEM, source: 'sweeper', now: due });
      assert.deepEqual(again, { outcome: 'not_due' }, 'a restarted sweeper replaying the item changes nothing');
      assert.deepEqual(await ledgerOf(db(), a.id), renewed);

      for (const when of [e, plus(e, 1), plus(e, 40 * DAY)]) {
        engine.clock.set(when);
        await sweepNow(engine);
        assert.equal(await state(a, 'keeps.de'), 'active', iso(when));
        assert.equal(await state(a, 'keeps.fr'), 'active', iso(when));
        assert.deepEqual(await ledgerOf(db(), a.id), renewed, `no second charge at ${iso(when)}`);
      }
      const kinds = (await noticesOf(db(), a.id)).map((n) => n[0]);
      assert.equal(kinds.filter((k) => k === 'domain.renewed').length, 2);
      assert.ok(!kinds.some((k) => k === 'domain.redemption' || k === 'domain.renew_failed' || k === 'domain.expired'), kinds.join());
      await booksBalance();
    });

    test('timeline: .de and .fr without funds fail once a day before expiry, enter redemption at expiry, are released when it ends', async () => {
      const b = await newAccount(engine, { depositEur: '12.48' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'lapses.de' }, { actor: b.actor });
      await engine.run(registerDomain, { name: 'lapses.fr' }, { actor: b.actor });
      const e = addMonths(t0, 12);
      const due = plus(e, -NO_GRACE_RENEW_LEAD_MS);
      const ledger = [['deposit', 1248], ['charge', 549], ['charge', 699]];
      assert.deepEqual(await balance(b), eur(0));

      engine.clock.set(due);
      const r = await sweepNow(engine);
      assert.equal(r.tasks.autoRenew!.failed, 2);
      for (const name of ['lapses.de', 'lapses.fr']) {
        assert.equal(await state(b, name), 'active', 'still renewable by hand until expiry');
        assert.equal(iso((await domainRow(db(), name)).auto_renew_retry_at!), iso(e), 'the retry would land at expiry');
        assert.deepEqual(await ordersFor(db(), b.id, 'renew', name), [], 'the failed attempt left no order');
      }
      assert.deepEqual(await lifecycleNotices(b), [['domain.renew_failed', 'lapses.de'], ['domain.renew_failed', 'lapses.fr']]);
      assert.deepEqual(await ledgerOf(db(), b.id), ledger);

      engine.clock.set(plus(e, -1));
      const last = await sweepNow(engine);
      assert.equal(last.tasks.autoRenew!.failed + last.tasks.autoRenew!.done, 0, 'one attempt only');
      assert.equal(await state(b, 'lapses.de'), 'active');

      engine.clock.set(e);
      const atExpiry = await sweepNow(engine);
      assert.equal(atExpiry.tasks.autoRenew!.failed + atExpiry.tasks.autoRenew!.done, 0, 'no attempt in redemption');
      for (const name of ['lapses.de', 'lapses.fr']) {
        assert.equal(await state(b, name), 'redemption', name);
        assert.equal(await availability(name), 'quarantined');
        await assert.rejects(engine.run(renewDomain, { name }, { actor: b.actor }), { code: 'DOMAIN_STATUS_PROHIBITS' });
      }
      assert.deepEqual((await lifecycleNotices(b)).slice(2), [['domain.redemption', 'lapses.de'], ['domain.redemption', 'lapses.fr']]);
      assert.deepEqual(await ledgerOf(db(), b.id), ledger);

      engine.clock.set(plus(e, 30 * DAY - 1));
      await sweepNow(engine);
      assert.equal(await state(b, 'lapses.de'), 'redemption');
      assert.equal(await state(b, 'lapses.fr'), 'redemption');

      engine.clock.set(plus(e, 30 * DAY));
      await sweepNow(engine);
      for (const name of ['lapses.de', 'lapses.fr']) {
        assert.equal(iso((await domainRow(db(), name)).released_at!), iso(plus(e, 30 * DAY)), 'no pending delete on these TLDs');
        await assert.rejects(engine.run(getDomain, { name }, { actor: b.actor }), DomainNotFound);
        assert.equal(await availability(name), 'available');
      }
      assert.deepEqual((await lifecycleNotices(b)).slice(4), [['domain.released', 'lapses.de'], ['domain.released', 'lapses.fr']]);
      assert.deepEqual(await ledgerOf(db(), b.id), ledger);
      await booksBalance();
    });
  });

  describe(`${backend}: sweeper, one jump ends where small steps end`, () => {
    const engines: TestEngine[] = [];
    after(async () => {
      for (const e of engines) await e.store.close();
    });

    /** The same accounts and registrations on a fresh engine; returns what the books and the domains say at the end. */
    async function scenario(move: (engine: TestEngine, t0: Date, end: Date) => Promise<void>) {
      const engine = await openTestEngine(backend);
      engines.push(engine);
      const rich = await newAccount(engine, { depositEur: '200.00' });
      const poor = await newAccount(engine, { depositEur: '29.26' });
      const t0 = engine.clock.now();
      const names: [TestAccount, string, boolean][] = [
        [rich, 'rich.de', true], [rich, 'rich.fr', true], [rich, 'rich.com', true], [rich, 'rich.cz', true], [rich, 'rich-off.de', false],
        [poor, 'poor.de', true], [poor, 'poor.fr', true], [poor, 'poor.com', true], [poor, 'poor.cz', true],
      ];
      for (const [a, name, autoRenew] of names) await engine.run(registerDomain, { name, autoRenew }, { actor: a.actor });
      const free = await newAccount(engine);
      await engine.run(registerDomain, { name: 'gratis.tk', domainType: 'FREE' }, { actor: free.actor });
      assert.deepEqual(await getBalance(engine.store.db, poor.id, 'EUR'), eur(0));
      const end = plus(addMonths(t0, 24), 100 * DAY);
      await move(engine, t0, end);
      assert.equal(iso(engine.clock.now()), iso(end));
      assert.deepEqual(await verifyBalances(engine.store.db), []);
      return summary(engine, end, [rich, poor], [...names.map((n) => n[1]), 'gratis.tk']);
    }

    test('success: .de, .fr, .com, .cz (with and without funds, auto-renew off) and a FREE .tk, stepped daily or jumped 2 years 100 days', async () => {
      const stepped = await scenario(async (engine, t0, end) => {
        for (let t = plus(t0, DAY); t.getTime() <= end.getTime(); t = plus(t, DAY)) {
          engine.clock.set(t);
          await sweepNow(engine);
        }
      });
      const jumped = await scenario(async (engine, _t0, end) => {
        engine.clock.set(end);
        await sweepNow(engine);
      });
      assert.deepEqual(jumped, stepped);

      // What both say: renewals dated when they fell due, per rule.
      const t0 = new Date('2026-01-15T10:00:00Z');
      const e1 = addMonths(t0, 12);
      const e2 = addMonths(t0, 24);
      const renewals = (lead: number, price: number) => [e1, e2].map((e) => [iso(plus(e, -lead)), 'completed', price, 'sweeper']);
      assert.deepEqual(stepped.domains['rich.de']!.renewals, renewals(DAY, 549));
      assert.deepEqual(stepped.domains['rich.fr']!.renewals, renewals(DAY, 899));
      assert.deepEqual(stepped.domains['rich.com']!.renewals, renewals(0, 1199));
      assert.deepEqual(stepped.domains['rich.cz']!.renewals, renewals(30 * DAY, 919));
      for (const name of ['rich.de', 'rich.fr', 'rich.com', 'rich.cz']) {
        assert.deepEqual(stepped.domains[name]!.expires, iso(addMonths(t0, 36)), name);
        assert.equal(stepped.domains[name]!.state, 'active', name);
      }
      const released: Record<string, Date> = {
        'rich-off.de': plus(e1, 30 * DAY), 'poor.de': plus(e1, 30 * DAY), 'poor.fr': plus(e1, 30 * DAY),
        'poor.com': plus(e1, 80 * DAY), 'poor.cz': plus(e1, 60 * DAY), 'gratis.tk': addMonths(t0, 3),
      };
      for (const [name, at] of Object.entries(released)) {
        assert.deepEqual(stepped.domains[name], { renewals: [], expires: name === 'gratis.tk' ? iso(at) : iso(e1), released: iso(at), state: 'released' }, name);
      }
      assert.deepEqual(stepped.ledgers[0], [['deposit', 20000], ['charge', 549], ['charge', 699], ['charge', 999], ['charge', 679], ['charge', 549],
        ['charge', 919], ['charge', 549], ['charge', 899], ['charge', 1199], ['charge', 919], ['charge', 549], ['charge', 899], ['charge', 1199]]);
      assert.deepEqual(stepped.ledgers[1], [['deposit', 2926], ['charge', 549], ['charge', 699], ['charge', 999], ['charge', 679]], 'the poor account was never charged again');
    });
  });
}

async function summary(engine: Engine, now: Date, accounts: readonly TestAccount[], names: readonly string[]) {
  const db = engine.store.db;
  const domains: Record<string, { renewals: unknown[]; expires: string; released: string | null; state: string }> = {};
  for (const name of names) {
    const row = await domainRow(db, name);
    domains[name] = {
      renewals: await ordersFor(db, row.account_id, 'renew', name),
      expires: iso(row.expires_at),
      released: row.released_at ? iso(row.released_at) : null,
      state: projectDomainAt(row, engine.policy.get(row.tld), now).state,
    };
  }
  const ledgers = [];
  for (const a of accounts) ledgers.push(await ledgerOf(db, a.id));
  return { domains, ledgers };
}
