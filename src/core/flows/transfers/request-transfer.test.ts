import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import {
  AuthCodeMismatch, ContactNotFound, DomainLocked, DomainNotFound, DomainStatusProhibits, InsufficientFunds, InvalidValue, MissingParameter,
  TransferAlreadyPending, TransferNotPossible, TransferToSelf, TransferTooSoon,
} from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { translateDatabaseError } from '../../run-flow.ts';
import { getOrder } from '../orders/get-order.ts';
import { getAuthCode } from '../domains/manage-auth-code.ts';
import { getDomain } from '../domains/get-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { listOutbox } from '../mail/list-outbox.ts';
import { approveTransfer } from './decide-transfer.ts';
import { listTransfers } from './list-transfers.ts';
import { requestTransfer } from './request-transfer.ts';

const START = '2026-01-15T10:00:00Z';
/** .com forbids transfers for 60 days after registration and after a transfer. */
const PAST_COM_LOCK = days(61);

const balance = (balanceMinor: number, onHoldMinor = 0) => ({ currency: 'EUR', balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor });

for (const backend of BACKENDS) {
  describe(`${backend}: requestTransfer`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string, extra: Record<string, unknown> = {}) =>
      engine.run(registerDomain, { name, ...extra }, { actor: a.actor });
    const authCodeOf = async (a: TestAccount, name: string) => (await engine.run(getAuthCode, { name }, { actor: a.actor })).authCode;
    const request = (a: TestAccount, name: string, authCode: string, extra: Record<string, unknown> = {}) =>
      engine.run(requestTransfer, { name, authCode, ...extra }, { actor: a.actor });
    const eur = (a: TestAccount) => getBalance(engine.store.db, a.id, 'EUR');

    test('success: async .com transfer holds the price, mails the holder, and on approval captures it and moves the domain', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'move-me.com');
      const code = await authCodeOf(losing, 'move-me.com');
      const requestedAt = engine.clock.advance(PAST_COM_LOCK);

      const r = await request(gaining, 'Move-Me.com', code);
      assert.deepEqual(r, {
        transfer: {
          number: r.transfer.number, domain: 'move-me.com', direction: 'incoming', status: 'pending',
          requestedAt, updatedAt: requestedAt, autoApproveAt: new Date('2026-03-22T10:00:00Z'), reason: '',
        },
        orderNumber: r.orderNumber,
        quote: { currency: 'EUR', lines: [{ kind: 'transfer', label: 'transfer move-me.com', amountMinor: 999 }], totalMinor: 999, premium: false },
        domain: null,
        expiresAt: new Date('2028-01-15T10:00:00Z'),
      });
      assert.deepEqual(await eur(gaining), balance(5000, 999));
      assert.deepEqual(await eur(losing), balance(10000 - 999));
      assert.equal((await engine.run(getOrder, { number: r.orderNumber }, { actor: gaining.actor })).status, 'processing');
      assert.equal((await engine.run(getDomain, { name: 'move-me.com' }, { actor: losing.actor })).accountId, losing.id);
      const mail = await engine.run(listOutbox, {}, { actor: losing.actor });
      assert.deepEqual(mail.items.map((m) => ({ to: m.to, kind: m.kind, subject: m.subject, body: m.body, accountId: m.accountId })), [{
        to: losing.email, kind: 'transfer_requested', subject: 'Transfer requested for move-me.com', accountId: losing.id,
        body: `A transfer of move-me.com to another account was requested at 2026-03-17T10:00:00.000Z.\nTransfer number: ${r.transfer.number}\n`
          + 'Approve or decline it before 2026-03-22T10:00:00.000Z; without an answer it is approved automatically at that time.',
      }]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);

      const approvedAt = engine.clock.advance(days(1));
      const a = await engine.run(approveTransfer, { name: 'move-me.com' }, { actor: losing.actor });
      assert.deepEqual(a, { transfer: { ...r.transfer, direction: 'outgoing', status: 'completed', updatedAt: approvedAt } });
      assert.deepEqual(await eur(gaining), balance(5000 - 999));
      assert.deepEqual(await eur(losing), balance(10000 - 999));
      assert.deepEqual(await verifyBalances(engine.store.db), []);

      await assert.rejects(engine.run(getDomain, { name: 'move-me.com' }, { actor: losing.actor }), DomainNotFound);
      const moved = await engine.run(getDomain, { name: 'move-me.com' }, { actor: gaining.actor });
      assert.equal(moved.accountId, gaining.id);
      assert.equal(moved.expiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      assert.equal(moved.transferredAt?.toISOString(), approvedAt.toISOString());
      assert.notEqual(await authCodeOf(gaining, 'move-me.com'), code);
      const order = await engine.run(getOrder, { number: r.orderNumber }, { actor: gaining.actor });
      assert.deepEqual(order, {
        number: r.orderNumber, accountId: gaining.id, kind: 'transfer', status: 'completed', currency: 'EUR', amountMinor: 999,
        source: 'core', createdAt: requestedAt, updatedAt: approvedAt,
        items: [{ position: 1, kind: 'transfer', domainName: 'move-me.com', periodMonths: 12, amountMinor: 999, status: 'completed', detail: '' }],
      });
      const entries = await engine.store.db.selectFrom('ledger_entries').select(['kind', 'amount_minor']).where('account_id', '=', gaining.id)
        .where('memo', 'like', 'transfer move-me.com%').orderBy('id').execute();
      assert.deepEqual(entries, [{ kind: 'hold', amount_minor: 999 }, { kind: 'release', amount_minor: 999 }, { kind: 'charge', amount_minor: 999 }]);
    });

    test('success: a .eu transfer is synchronous: charged and moved at once, with the given contacts', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'sync-move.eu');
      const oldContact = await insertContact(engine, losing.id);
      const folder = await engine.store.db.insertInto('folders').values({ account_id: losing.id, name: 'mine', created_at: engine.clock.now(), updated_at: engine.clock.now() })
        .returning('id').executeTakeFirstOrThrow();
      await engine.store.db.updateTable('domains').set({ registrant_contact_id: oldContact.id, tech_contact_id: oldContact.id, folder_id: folder.id, note: 'private', label: 'L' })
        .where('name', '=', 'sync-move.eu').execute();
      const newContact = await insertContact(engine, gaining.id);
      const at = engine.clock.advance(days(1));

      const r = await request(gaining, 'sync-move.eu', await authCodeOf(losing, 'sync-move.eu'), { contacts: { registrant: newContact.number } });
      const view = await engine.run(getDomain, { name: 'sync-move.eu' }, { actor: gaining.actor });
      assert.deepEqual(r, {
        transfer: { number: r.transfer.number, domain: 'sync-move.eu', direction: 'incoming', status: 'completed', requestedAt: at, updatedAt: at, autoApproveAt: at, reason: '' },
        orderNumber: r.orderNumber,
        quote: { currency: 'EUR', lines: [{ kind: 'transfer', label: 'transfer sync-move.eu', amountMinor: 599 }], totalMinor: 599, premium: false },
        domain: view,
        expiresAt: new Date('2028-01-15T10:00:00Z'),
      });
      assert.deepEqual(view.contacts, { registrant: newContact.id, admin: null, tech: null, billing: null });
      assert.deepEqual([view.folderId, view.note, view.label, view.locked, view.accountId], [null, '', null, false, gaining.id]);
      assert.deepEqual(await eur(gaining), balance(5000 - 599));
      assert.equal((await engine.run(getOrder, { number: r.orderNumber }, { actor: gaining.actor })).status, 'completed');
      const row = await engine.store.db.selectFrom('transfers').select(['status', 'decided_by', 'hold_id']).where('number', '=', r.transfer.number).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'completed', decided_by: 'auto', hold_id: null });
      assert.deepEqual((await engine.run(listOutbox, {}, { actor: losing.actor })).items, []);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: .tk completes instantly with the correct auth code although its mode is async', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'instant.tk');
      const r = await request(gaining, 'instant.tk', await authCodeOf(losing, 'instant.tk'));
      assert.equal(r.transfer.status, 'completed');
      assert.equal(r.quote.totalMinor, 899);
      assert.equal(r.domain?.accountId, gaining.id);
      assert.equal(r.domain?.expiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      assert.deepEqual(await eur(gaining), balance(5000 - 899));
      await assert.rejects(engine.run(getDomain, { name: 'instant.tk' }, { actor: losing.actor }), DomainNotFound);
    });

    test('success: the added year never goes beyond the maximum horizon', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'long-one.eu', { periodMonths: 120 });
      const r = await request(gaining, 'long-one.eu', await authCodeOf(losing, 'long-one.eu'));
      assert.equal(r.expiresAt.toISOString(), '2036-01-15T10:00:00.000Z');
      assert.equal(r.domain?.expiresAt.toISOString(), '2036-01-15T10:00:00.000Z');
    });

    test('failure: wrong auth code, missing auth code', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'wrong-code.eu');
      await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, 'wrong-code.eu', 'Wrong-Code-1'), AuthCodeMismatch);
      await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, 'wrong-code.eu', ''), MissingParameter);
    });

    test('failure: a locked domain', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'locked-one.eu', { locked: true });
      await assertFailsAndChangesNothing(engine.store.db, async () => request(gaining, 'locked-one.eu', await authCodeOf(losing, 'locked-one.eu')), DomainLocked);
    });

    test('failure: too soon after registration and after the previous transfer', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'too-soon.com');
      engine.clock.advance(days(59));
      const code = await authCodeOf(losing, 'too-soon.com');
      const e = await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, 'too-soon.com', code), TransferTooSoon);
      assert.equal(e.message, 'Domain too-soon.com cannot be transferred before 2026-03-16T10:00:00.000Z.');
      engine.clock.advance(days(2));
      await request(gaining, 'too-soon.com', code);
      engine.clock.advance(days(1));
      await engine.run(approveTransfer, { name: 'too-soon.com' }, { actor: losing.actor });
      engine.clock.advance(days(30));
      const back = await authCodeOf(gaining, 'too-soon.com');
      await assertFailsAndChangesNothing(engine.store.db, () => request(losing, 'too-soon.com', back), TransferTooSoon);
    });

    test('failure: a transfer is already pending', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      const third = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'contested.com');
      engine.clock.advance(PAST_COM_LOCK);
      const code = await authCodeOf(losing, 'contested.com');
      await request(gaining, 'contested.com', code);
      await assertFailsAndChangesNothing(engine.store.db, () => request(third, 'contested.com', code), TransferAlreadyPending);
      await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, 'contested.com', code), TransferAlreadyPending);
    });

    test('failure: a second pending transfer written past the checks is refused by the database as TransferAlreadyPending', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'raced.com');
      engine.clock.advance(PAST_COM_LOCK);
      const r = await request(gaining, 'raced.com', await authCodeOf(losing, 'raced.com'));
      const row = await engine.store.db.selectFrom('transfers').selectAll().where('number', '=', r.transfer.number).executeTakeFirstOrThrow();
      const { id: _id, number: _number, contacts: _contacts, ...copy } = row;
      const err = await engine.store.db.insertInto('transfers').values(copy).execute().then(() => undefined, (e: unknown) => e);
      assert.ok(translateDatabaseError(err) instanceof TransferAlreadyPending);
    });

    test('failure: the domain is already in the requesting account', async () => {
      const owner = await newAccount(engine, { depositEur: '100.00' });
      await register(owner, 'mine-already.eu');
      await assertFailsAndChangesNothing(engine.store.db, async () => request(owner, 'mine-already.eu', await authCodeOf(owner, 'mine-already.eu')), TransferToSelf);
    });

    test('failure: insufficient funds for the hold (async) and for the charge (sync)', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const poor = await newAccount(engine, { depositEur: '5.00' });
      await register(losing, 'pricey.com');
      await register(losing, 'pricey.eu');
      engine.clock.advance(PAST_COM_LOCK);
      await assertFailsAndChangesNothing(engine.store.db, async () => request(poor, 'pricey.com', await authCodeOf(losing, 'pricey.com')), InsufficientFunds);
      await assertFailsAndChangesNothing(engine.store.db, async () => request(poor, 'pricey.eu', await authCodeOf(losing, 'pricey.eu')), InsufficientFunds);
    });

    test('failure: a name nobody holds, and a FREE registration', async () => {
      const holder = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, 'nobody-has-it.com', 'Abcdef123'), TransferNotPossible);
      await register(holder, 'free-one.tk', { domainType: 'FREE' });
      await assertFailsAndChangesNothing(engine.store.db, async () => request(gaining, 'free-one.tk', await authCodeOf(holder, 'free-one.tk')), TransferNotPossible);
    });

    test('failure: a domain in redemption', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'lapsed.com');
      const code = await authCodeOf(losing, 'lapsed.com');
      engine.clock.advance(days(365 + 46));
      await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, 'lapsed.com', code), DomainStatusProhibits);
    });

    test('failure: contacts for a transfer approved later, and another account\'s contact', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'later-contacts.com');
      await register(losing, 'foreign-contact.eu');
      engine.clock.advance(PAST_COM_LOCK);
      const own = await insertContact(engine, gaining.id);
      const foreign = await insertContact(engine, losing.id);
      await assertFailsAndChangesNothing(engine.store.db, async () =>
        request(gaining, 'later-contacts.com', await authCodeOf(losing, 'later-contacts.com'), { contacts: { registrant: own.number } }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, async () =>
        request(gaining, 'foreign-contact.eu', await authCodeOf(losing, 'foreign-contact.eu'), { contacts: { admin: foreign.number } }), ContactNotFound);
      const items = (await engine.run(listTransfers, {}, { actor: gaining.actor })).items;
      assert.deepEqual(items, []);
    });
  });
}

async function insertContact(engine: TestEngine, accountId: number): Promise<{ id: number; number: number }> {
  const now = engine.clock.now();
  return engine.store.db
    .insertInto('contacts')
    .values({ account_id: accountId, handle: `T-${accountId}-${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase(), email: 'holder@example.test', created_at: now, updated_at: now })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}
