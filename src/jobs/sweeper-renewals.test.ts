/**
 * Sweeper timelines of registrations in time: auto-renew with and without
 * funds, WEDOS-style early renewal, free domains cancelled at expiry,
 * expiry reminders, and the periodic runner. The clock only moves forward
 * (the engine is shared), so every timeline counts from its own start.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../test/support/fixtures.ts';
import { domainRow, ledgerOf, noticesOf, ordersFor, sweepNow } from '../../test/jobs/support/lifecycle.ts';
import { DAY, addMonths } from '../core/clock.ts';
import { DomainNotFound } from '../core/errors/index.ts';
import { getBalance, verifyBalances } from '../core/money/ledger.ts';
import { checkAvailability, getDomain, registerDomain, renewDomain } from '../core/flows/domains/index.ts';
import { startSweeper, type SweepResult } from './index.ts';

const eur = (balanceMinor: number, onHoldMinor = 0) => ({ currency: 'EUR', balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor });
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
const iso = (d: Date) => d.toISOString();

for (const backend of BACKENDS) {
  describe(`${backend}: sweeper, registrations in time`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const db = () => engine.store.db;
    const balance = (a: TestAccount, currency = 'EUR') => getBalance(db(), a.id, currency);
    const state = async (a: TestAccount, name: string) => (await engine.run(getDomain, { name }, { actor: a.actor })).state;
    const availability = async (name: string) => {
      const [r] = await engine.run(checkAvailability, { names: [name] }, { actor: (await newAccount(engine)).actor });
      return r?.ok ? r.availability : r?.error.code;
    };
    const booksBalance = async () => assert.deepEqual(await verifyBalances(db()), []);

    test('timeline: auto-renew charges the renew price at expiry, once; a three-year jump renews three times', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'renews.com' }, { actor: a.actor });
      const e1 = addMonths(t0, 12);

      engine.clock.set(plus(e1, -1));
      await sweepNow(engine);
      assert.equal(iso((await domainRow(db(), 'renews.com')).expires_at), iso(e1));
      assert.deepEqual(await balance(a), eur(9001));

      engine.clock.set(e1);
      const r = await sweepNow(engine);
      assert.ok(r.tasks.autoRenew!.done >= 1);
      assert.equal(iso((await domainRow(db(), 'renews.com')).expires_at), iso(addMonths(e1, 12)));
      assert.equal(await state(a, 'renews.com'), 'active');
      assert.deepEqual(await balance(a), eur(9001 - 1199));
      assert.deepEqual(await ordersFor(db(), a.id, 'renew', 'renews.com'), [[iso(e1), 'completed', 1199, 'sweeper']]);
      assert.deepEqual(await noticesOf(db(), a.id), [['reminder.expiry', 'renews.com'], ['domain.renewed', 'renews.com']], 'the 7-day reminder went out the sweep before');
      await booksBalance();

      await sweepNow(engine);
      assert.deepEqual(await balance(a), eur(9001 - 1199), 'a second sweep changes nothing');

      engine.clock.set(addMonths(e1, 36));
      await sweepNow(engine);
      assert.deepEqual((await ordersFor(db(), a.id, 'renew', 'renews.com')).map((o) => o[0]), [0, 12, 24, 36].map((m) => iso(addMonths(e1, m))));
      assert.equal(iso((await domainRow(db(), 'renews.com')).expires_at), iso(addMonths(e1, 48)));
      assert.deepEqual(await balance(a), eur(9001 - 4 * 1199));
      assert.equal((await noticesOf(db(), a.id)).filter((n) => n[0] === 'domain.renewed').length, 4);
      await booksBalance();
    });

    test('timeline: without funds auto-renew fails once per expiry; expired → grace → redemption → pending delete → released → available', async () => {
      const b = await newAccount(engine, { depositEur: '9.99' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'lapses.com' }, { actor: b.actor });
      const e = addMonths(t0, 12);
      assert.deepEqual(await balance(b), eur(0));

      engine.clock.set(e);
      await sweepNow(engine);
      assert.equal(await state(b, 'lapses.com'), 'expired');
      assert.equal(iso((await domainRow(db(), 'lapses.com')).auto_renew_retry_at!), iso(plus(e, DAY)));
      assert.deepEqual(await noticesOf(db(), b.id), [['domain.renew_failed', 'lapses.com'], ['domain.expired', 'lapses.com']]);
      assert.deepEqual(await ordersFor(db(), b.id, 'renew', 'lapses.com'), [], 'the failed attempt left no order');
      assert.deepEqual(await balance(b), eur(0));

      engine.clock.set(plus(e, DAY));
      await sweepNow(engine);
      assert.equal(iso((await domainRow(db(), 'lapses.com')).auto_renew_retry_at!), iso(plus(e, 2 * DAY)), 'retried a day later');
      assert.equal((await noticesOf(db(), b.id)).length, 2, 'the failure is announced once per expiry');

      engine.clock.set(plus(e, 45 * DAY));
      await sweepNow(engine);
      assert.equal(await state(b, 'lapses.com'), 'redemption');
      assert.equal(await availability('lapses.com'), 'quarantined');

      engine.clock.set(plus(e, 75 * DAY));
      await sweepNow(engine);
      assert.equal(await state(b, 'lapses.com'), 'pending_delete');

      engine.clock.set(plus(e, 80 * DAY));
      assert.equal(await availability('lapses.com'), 'available', 'the projection frees the name before any sweep');
      await sweepNow(engine);
      assert.equal(iso((await domainRow(db(), 'lapses.com')).released_at!), iso(plus(e, 80 * DAY)));
      assert.deepEqual((await noticesOf(db(), b.id)).map((n) => n[0]), ['domain.renew_failed', 'domain.expired', 'domain.redemption', 'domain.released']);
      await assert.rejects(engine.run(getDomain, { name: 'lapses.com' }, { actor: b.actor }), DomainNotFound);

      const c = await newAccount(engine, { depositEur: '20.00' });
      const again = await engine.run(registerDomain, { name: 'lapses.com' }, { actor: c.actor });
      assert.equal(again.domain.accountId, c.id);
      assert.deepEqual(await ledgerOf(db(), b.id), [['deposit', 999], ['charge', 999]]);
      await booksBalance();
    });

    test('timeline: .cz renews itself 30 days before expiry (WEDOS)', async () => {
      const w = await newAccount(engine, { depositEur: '50.00' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'wedos-early.cz' }, { actor: w.actor });
      const e = addMonths(t0, 12);
      assert.deepEqual(await balance(w), eur(5000 - 679));

      engine.clock.set(plus(e, -30 * DAY - 1));
      await sweepNow(engine);
      assert.deepEqual(await ordersFor(db(), w.id, 'renew', 'wedos-early.cz'), []);

      engine.clock.set(plus(e, -30 * DAY));
      await sweepNow(engine);
      assert.deepEqual(await ordersFor(db(), w.id, 'renew', 'wedos-early.cz'), [[iso(plus(e, -30 * DAY)), 'completed', 919, 'sweeper']]);
      assert.equal(iso((await domainRow(db(), 'wedos-early.cz')).expires_at), iso(addMonths(e, 12)));
      assert.deepEqual(await balance(w), eur(5000 - 679 - 919));
      assert.deepEqual(await noticesOf(db(), w.id), [['domain.renewed', 'wedos-early.cz']], 'renewed before any reminder was due');
      await booksBalance();
    });

    test('timeline: a FREE registration is cancelled at expiry and may be registered again at once', async () => {
      const f = await newAccount(engine);
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'gratis.tk', domainType: 'FREE' }, { actor: f.actor });
      const e = addMonths(t0, 3);

      engine.clock.set(plus(e, -1));
      await sweepNow(engine);
      assert.equal(await state(f, 'gratis.tk'), 'active');
      assert.equal((await domainRow(db(), 'gratis.tk')).released_at, null);

      engine.clock.set(e);
      await assert.rejects(engine.run(renewDomain, { name: 'gratis.tk' }, { actor: f.actor }), DomainNotFound);
      await sweepNow(engine);
      assert.equal(iso((await domainRow(db(), 'gratis.tk')).released_at!), iso(e));
      const notices = await db().selectFrom('notifications').select(['kind', 'message']).where('account_id', '=', f.id).orderBy('id').execute();
      assert.deepEqual(notices.map((n) => n.kind), ['reminder.expiry', 'domain.released']);
      assert.match(notices[1]!.message, /cancelled at its expiry/);
      const other = await newAccount(engine);
      assert.equal((await engine.run(registerDomain, { name: 'gratis.tk', domainType: 'FREE' }, { actor: other.actor })).domain.accountId, other.id);
      assert.deepEqual(await ledgerOf(db(), f.id), [], 'free all along');
    });

    test('timeline: reminders 30 and 7 days ahead go out exactly once each; a jump into the last week sends only the 7-day one', async () => {
      const r = await newAccount(engine, { depositEur: '100.00' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'remind-me.com', autoRenew: false }, { actor: r.actor });
      await engine.run(registerDomain, { name: 'remind-late.com', autoRenew: false }, { actor: r.actor });
      const e = addMonths(t0, 12);
      const mails = async () =>
        (await db().selectFrom('outbox').select(['to_address', 'subject', 'kind']).where('account_id', '=', r.id).orderBy('id').execute())
          .map((m) => [m.to_address, m.subject, m.kind]);
      const reminders = async () => (await noticesOf(db(), r.id)).filter((n) => n[0] === 'reminder.expiry');

      engine.clock.set(plus(e, -30 * DAY - 1));
      await sweepNow(engine);
      assert.deepEqual(await mails(), []);

      engine.clock.set(plus(e, -30 * DAY));
      await sweepNow(engine);
      await sweepNow(engine);
      assert.deepEqual(await mails(), [
        [r.email, 'Domain remind-me.com expires in 30 days', 'expiry_reminder'],
        [r.email, 'Domain remind-late.com expires in 30 days', 'expiry_reminder'],
      ]);
      assert.equal((await reminders()).length, 2);

      engine.clock.set(plus(e, -7 * DAY));
      await sweepNow(engine);
      await sweepNow(engine);
      assert.equal((await mails()).length, 4);
      assert.deepEqual((await mails()).slice(2).map((m) => m[1]), ['Domain remind-me.com expires in 7 days', 'Domain remind-late.com expires in 7 days']);
      assert.equal((await reminders()).length, 4);

      const t1 = engine.clock.now();
      await engine.run(registerDomain, { name: 'remind-jump.com', autoRenew: false }, { actor: r.actor });
      engine.clock.set(plus(addMonths(t1, 12), -3 * DAY));
      await sweepNow(engine);
      assert.deepEqual((await mails()).slice(4).map((m) => m[1]), ['Domain remind-jump.com expires in 7 days']);
    });

    test('startSweeper: sweeps periodically until stopped, never after stop()', async () => {
      const s = await newAccount(engine, { depositEur: '100.00' });
      const t0 = engine.clock.now();
      await engine.run(registerDomain, { name: 'periodic.com' }, { actor: s.actor });
      engine.clock.set(addMonths(t0, 12));
      const results: SweepResult[] = [];
      const errors: unknown[] = [];
      const sweeper = startSweeper(engine, { intervalMs: 10, onSwept: (r) => results.push(r), onError: (e) => errors.push(e) });
      const deadline = Date.now() + 30_000;
      while ((await ordersFor(db(), s.id, 'renew', 'periodic.com')).length === 0) {
        assert.ok(Date.now() < deadline, 'the periodic sweeper renewed nothing within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await sweeper.stop();
      const seen = results.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(results.length, seen, 'no sweep after stop()');
      assert.deepEqual(errors, []);
      assert.equal((await ordersFor(db(), s.id, 'renew', 'periodic.com')).length, 1);
    });
  });
}
