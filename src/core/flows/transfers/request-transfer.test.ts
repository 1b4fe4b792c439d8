import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import {
  AuthCodeMismatch, ContactInUse, ContactNotFound, DomainLocked, DomainNotFound, DomainStatusProhibits, HostInUse, HostNotFound, InsufficientFunds,
  InvalidValue, MissingParameter, TransferAlreadyPending, TransferNotPossible, TransferToSelf, TransferTooSoon,
} from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { translateDatabaseError } from '../../run-flow.ts';
import { getOrder } from '../orders/get-order.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { getDomain } from '../domains/get-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { listOutbox } from '../mail/list-outbox.ts';
import { deleteContact } from '../contacts/delete-contact.ts';
import { createHost } from '../hosts/create-host.ts';
import { deleteHosts } from '../hosts/delete-host.ts';
import { listHosts } from '../hosts/list-hosts.ts';
import { setDomainNameServers } from '../hosts/set-domain-name-servers.ts';
import { setHostAddresses } from '../hosts/set-host-addresses.ts';
import { setDefaultSetting } from '../settings/set-default-setting.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { approveTransfer, declineTransfer } from './decide-transfer.ts';
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
          requestedAt, updatedAt: requestedAt, autoApproveAt: new Date('2026-03-22T10:00:00Z'), reason: '', nameServers: null, awaitingAuthCode: false,
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
        transfer: { number: r.transfer.number, domain: 'sync-move.eu', direction: 'incoming', status: 'completed', requestedAt: at, updatedAt: at, autoApproveAt: at, reason: '', nameServers: null, awaitingAuthCode: false },
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
      const { id: _id, number: _number, contacts: _contacts, name_servers: _nameServers, ...copy } = row;
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

    test('success: a pending transfer keeps the contacts named at request time and applies them on approval', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'later-contacts.com');
      const oldContact = await insertContact(engine, losing.id);
      await engine.store.db.updateTable('domains').set({ registrant_contact_id: oldContact.id, admin_contact_id: oldContact.id })
        .where('name', '=', 'later-contacts.com').execute();
      engine.clock.advance(PAST_COM_LOCK);
      const owner = await insertContact(engine, gaining.id);
      const tech = await insertContact(engine, gaining.id);

      const r = await request(gaining, 'later-contacts.com', await authCodeOf(losing, 'later-contacts.com'), { contacts: { registrant: owner.number, tech: tech.number } });
      assert.equal(r.transfer.status, 'pending');
      const row = await engine.store.db.selectFrom('transfers').select('contacts').where('number', '=', r.transfer.number).executeTakeFirstOrThrow();
      assert.deepEqual(row.contacts, { registrant: owner.number, admin: null, tech: tech.number, billing: null });
      // Still the losing account's contacts until the transfer completes.
      assert.deepEqual((await engine.run(getDomain, { name: 'later-contacts.com' }, { actor: losing.actor })).contacts,
        { registrant: oldContact.id, admin: oldContact.id, tech: null, billing: null });
      // Named contacts are in use while the transfer is pending.
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteContact, { contactIds: [tech.number] }, { actor: gaining.actor }), ContactInUse);

      engine.clock.advance(days(1));
      await engine.run(approveTransfer, { name: 'later-contacts.com' }, { actor: losing.actor });
      assert.deepEqual((await engine.run(getDomain, { name: 'later-contacts.com' }, { actor: gaining.actor })).contacts,
        { registrant: owner.id, admin: null, tech: tech.id, billing: null });
      // Now they are in use by the domain itself; the losing side's contact is free.
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteContact, { contactIds: [owner.number] }, { actor: gaining.actor }), ContactInUse);
      assert.deepEqual(await engine.run(deleteContact, { contactIds: [oldContact.number] }, { actor: losing.actor }), { deleted: [oldContact.number] });
    });

    test('success: a declined transfer frees its contacts; without contacts the domain arrives with none', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'declined-contacts.com');
      await register(losing, 'no-contacts.com');
      engine.clock.advance(PAST_COM_LOCK);
      const owner = await insertContact(engine, gaining.id);
      await request(gaining, 'declined-contacts.com', await authCodeOf(losing, 'declined-contacts.com'), { contacts: { registrant: owner.number } });
      await engine.run(declineTransfer, { name: 'declined-contacts.com', reason: 'no' }, { actor: losing.actor });
      assert.deepEqual(await engine.run(deleteContact, { contactIds: [owner.number] }, { actor: gaining.actor }), { deleted: [owner.number] });

      const r = await request(gaining, 'no-contacts.com', await authCodeOf(losing, 'no-contacts.com'));
      const row = await engine.store.db.selectFrom('transfers').select('contacts').where('number', '=', r.transfer.number).executeTakeFirstOrThrow();
      assert.equal(row.contacts, null);
      await engine.run(approveTransfer, { name: 'no-contacts.com' }, { actor: losing.actor });
      assert.deepEqual((await engine.run(getDomain, { name: 'no-contacts.com' }, { actor: gaining.actor })).contacts,
        { registrant: null, admin: null, tech: null, billing: null });
    });

    test('failure: another account\'s contact, an unknown role, a malformed number (pending and synchronous transfers)', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'foreign-contact.com');
      await register(losing, 'foreign-contact.eu');
      engine.clock.advance(PAST_COM_LOCK);
      const own = await insertContact(engine, gaining.id);
      const foreign = await insertContact(engine, losing.id);
      for (const name of ['foreign-contact.com', 'foreign-contact.eu']) {
        const code = await authCodeOf(losing, name);
        const e = await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, name, code, { contacts: { registrant: own.number, admin: foreign.number } }), ContactNotFound);
        assert.equal((e as ContactNotFound).details.param, 'admin_contact');
        await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, name, code, { contacts: { owner: own.number } }), InvalidValue);
        await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, name, code, { contacts: { registrant: '12' } }), InvalidValue);
        await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, name, code, { contacts: [own.number] }), InvalidValue);
      }
      assert.deepEqual((await engine.run(listTransfers, {}, { actor: gaining.actor })).items, []);
    });

    test('success: a transfer in takes the gaining account\'s defaults (contacts, renew option, delegation); named name servers win; stale defaults do not stop it', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, gaining);
      const set = (key: string, value: unknown) => engine.run(setDefaultSetting, { key, value } as never, { actor: gaining.actor });
      await set('contacts', { registrant: c.id, admin: c.id, tech: c.id, billing: c.id });
      await set('renewOption', 'donot');
      await set('nameServers', ['ns1.provider.example', 'ns2.provider.example']);
      await register(losing, 'defaults-in.eu');
      await register(losing, 'named-ns.eu');
      engine.clock.advance(days(1));
      const internal = (await engine.store.db.selectFrom('contacts').select('id').where('number', '=', c.id).executeTakeFirstOrThrow()).id;

      await request(gaining, 'defaults-in.eu', await authCodeOf(losing, 'defaults-in.eu'));
      const d = await engine.run(getDomain, { name: 'defaults-in.eu' }, { actor: gaining.actor });
      assert.deepEqual(d.contacts, { registrant: internal, admin: internal, tech: internal, billing: internal });
      assert.equal(d.renewOption, 'donot');
      assert.deepEqual([d.serviceMode, d.nameServers], ['custom_ns', ['ns1.provider.example', 'ns2.provider.example']]);

      await request(gaining, 'named-ns.eu', await authCodeOf(losing, 'named-ns.eu'), { nameServers: ['ns1.elsewhere.example', 'ns2.elsewhere.example'] });
      const n = await engine.run(getDomain, { name: 'named-ns.eu' }, { actor: gaining.actor });
      assert.deepEqual(n.nameServers, ['ns1.elsewhere.example', 'ns2.elsewhere.example']);
      assert.equal(n.renewOption, 'donot');

      // A default contact deleted since no longer applies: the transfer completes, the domain arrives as it came.
      await register(losing, 'stale-default.eu');
      engine.clock.advance(days(1));
      await engine.store.db.updateTable('account_defaults').set({ template: JSON.stringify({ contacts: { registrant: 999999 } }) }).where('account_id', '=', gaining.id).execute();
      const r = await request(gaining, 'stale-default.eu', await authCodeOf(losing, 'stale-default.eu'));
      assert.equal(r.transfer.status, 'completed');
      const s2 = await engine.run(getDomain, { name: 'stale-default.eu' }, { actor: gaining.actor });
      assert.deepEqual(s2.contacts, { registrant: null, admin: null, tech: null, billing: null });
    });

    test('success: hosts under the domain move with it; other domains keep delegating to them', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await register(losing, 'glued.eu');
      await register(losing, 'stays.eu');
      const ns1 = await engine.run(createHost, { name: 'ns1.glued.eu', addresses: ['192.0.2.1'] }, { actor: losing.actor });
      await engine.run(createHost, { name: 'ns2.glued.eu', addresses: ['192.0.2.2', '2001:db8::2'] }, { actor: losing.actor });
      await engine.run(createHost, { name: 'ns.stays.eu', addresses: ['192.0.2.3'] }, { actor: losing.actor });
      for (const name of ['glued.eu', 'stays.eu']) {
        await engine.run(setDomainNameServers, { name, nameServers: ['ns1.glued.eu', 'ns2.glued.eu'] }, { actor: losing.actor });
      }
      engine.clock.advance(days(1));

      await request(gaining, 'glued.eu', await authCodeOf(losing, 'glued.eu'));
      const hostNames = async (a: TestAccount) => (await engine.run(listHosts, {}, { actor: a.actor })).map((h) => h.name);
      assert.deepEqual(await hostNames(gaining), ['ns1.glued.eu', 'ns2.glued.eu']);
      assert.deepEqual(await hostNames(losing), ['ns.stays.eu']);
      const moved = await engine.store.db.selectFrom('hosts').select(['number', 'addresses', 'account_id']).where('name', '=', 'ns1.glued.eu').executeTakeFirstOrThrow();
      assert.deepEqual(moved, { number: ns1.id, addresses: ['192.0.2.1'], account_id: gaining.id });
      // The new holder manages them; the old one no longer sees them.
      await engine.run(setHostAddresses, { name: 'ns1.glued.eu', addresses: ['192.0.2.10'] }, { actor: gaining.actor });
      await engine.run(setDomainNameServers, { name: 'glued.eu', nameServers: ['ns1.glued.eu', 'ns2.glued.eu'] }, { actor: gaining.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteHosts, { names: ['ns2.glued.eu'] }, { actor: losing.actor }), HostNotFound);
      // stays.eu (the losing account's) still delegates to them.
      assert.deepEqual((await engine.run(getDomain, { name: 'stays.eu' }, { actor: losing.actor })).nameServers, ['ns1.glued.eu', 'ns2.glued.eu']);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteHosts, { names: ['ns2.glued.eu'] }, { actor: gaining.actor }), HostInUse);
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
