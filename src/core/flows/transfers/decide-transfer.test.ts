import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days, hours } from '../../clock.ts';
import { SYSTEM } from '../../context.ts';
import {
  DomainNotFound, MissingParameter, NotAuthorizedOperation, PendingTransferProhibits, TransferNotFound, TransferNotPending,
} from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { getOrder } from '../orders/get-order.ts';
import { createContact } from '../contacts/create-contact.ts';
import { createHost } from '../hosts/create-host.ts';
import { listHosts } from '../hosts/list-hosts.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { getDomain } from '../domains/get-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { completeDueTransfers } from './complete-due-transfers.ts';
import { approveTransfer, cancelTransfer, declineTransfer } from './decide-transfer.ts';
import { listTransfers } from './list-transfers.ts';
import { requestTransfer } from './request-transfer.ts';

const START = '2026-01-15T10:00:00Z';
const PAST_COM_LOCK = days(61);

const CONTACT = {
  firstName: 'Jan', lastName: 'Novak', address1: 'Main Street 1', city: 'Prague', postcode: '11000', country: 'CZ', phone: '+420.123456789', email: 'jan@example.cz',
};

const balance = (balanceMinor: number, onHoldMinor = 0) => ({ currency: 'EUR', balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor });

for (const backend of BACKENDS) {
  describe(`${backend}: deciding transfers`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const eur = (a: TestAccount) => getBalance(engine.store.db, a.id, 'EUR');
    const transferRow = (number: string) =>
      engine.store.db.selectFrom('transfers').select(['status', 'decided_at', 'decided_by', 'reason']).where('number', '=', number).executeTakeFirstOrThrow();

    const pendingTransfer = (name: string) => setUpPendingTransfer(engine, name);

    test('success: a decline with a reason releases the hold, cancels the order and keeps the domain', async () => {
      const { losing, gaining, number, orderNumber, requestedAt } = await pendingTransfer('declined-one.com');
      const at = engine.clock.advance(hours(3));
      const r = await engine.run(declineTransfer, { transferNumber: number, reason: '  not for sale ' }, { actor: losing.actor });
      assert.deepEqual(r, {
        transfer: {
          number, domain: 'declined-one.com', direction: 'outgoing', status: 'declined', requestedAt, updatedAt: at,
          autoApproveAt: new Date(requestedAt.getTime() + days(5)), reason: 'not for sale', nameServers: null, awaitingAuthCode: false,
        },
      });
      assert.deepEqual(await eur(gaining), balance(5000));
      assert.deepEqual(await transferRow(number), { status: 'declined', decided_at: at, decided_by: 'losing', reason: 'not for sale' });
      assert.equal((await engine.run(getOrder, { number: orderNumber }, { actor: gaining.actor })).status, 'cancelled');
      assert.equal((await engine.run(getDomain, { name: 'declined-one.com' }, { actor: losing.actor })).accountId, losing.id);
      assert.deepEqual((await engine.run(listTransfers, {}, { actor: gaining.actor })).items, [{ ...r.transfer, direction: 'incoming' }]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('failure: a decline needs a reason', async () => {
      const { losing } = await pendingTransfer('no-reason.com');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(declineTransfer, { name: 'no-reason.com', reason: '  ' }, { actor: losing.actor }), MissingParameter);
    });

    test('success: the gaining side cancels; the hold is released and the transfer can no longer change', async () => {
      const { losing, gaining, number, orderNumber } = await pendingTransfer('cancelled-one.com');
      const r = await engine.run(cancelTransfer, { name: 'cancelled-one.com', transferNumber: number }, { actor: gaining.actor });
      assert.equal(r.transfer.status, 'cancelled');
      assert.equal(r.transfer.direction, 'incoming');
      assert.deepEqual(await eur(gaining), balance(5000));
      assert.equal((await transferRow(number)).decided_by, 'gaining');
      assert.equal((await engine.run(getOrder, { number: orderNumber }, { actor: gaining.actor })).status, 'cancelled');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(approveTransfer, { transferNumber: number }, { actor: losing.actor }), TransferNotPending);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(cancelTransfer, { name: 'cancelled-one.com' }, { actor: gaining.actor }), TransferNotFound);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('failure: only the right side may decide', async () => {
      const { losing, gaining, number } = await pendingTransfer('wrong-side.com');
      const stranger = await newAccount(engine);
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(approveTransfer, { name: 'wrong-side.com' }, { actor: gaining.actor }), TransferNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(declineTransfer, { transferNumber: number, reason: 'x' }, { actor: gaining.actor }), TransferNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(cancelTransfer, { transferNumber: number }, { actor: losing.actor }), TransferNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(approveTransfer, { transferNumber: number }, { actor: stranger.actor }), TransferNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(approveTransfer, { name: 'wrong-side.com', transferNumber: '1' }, { actor: losing.actor }), TransferNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(approveTransfer, {}, { actor: losing.actor }), MissingParameter);
    });

    test('success: approving after the auto-approval instant records it as automatic', async () => {
      const { losing, number } = await pendingTransfer('late-approve.com');
      engine.clock.advance(days(6));
      const r = await engine.run(approveTransfer, { name: 'late-approve.com' }, { actor: losing.actor });
      assert.equal(r.transfer.status, 'completed');
      assert.equal((await transferRow(number)).decided_by, 'auto');
    });

    test('failure: an account cannot run the sweeper', async () => {
      const a = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(completeDueTransfers, {}, { actor: a.actor }), NotAuthorizedOperation);
    });
  });

  // The sweeper acts on every due transfer in the store: each test gets a store of its own.
  describe(`${backend}: completeDueTransfers`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    afterEach(async () => engine.store.close());

    const eur = (a: TestAccount) => getBalance(engine.store.db, a.id, 'EUR');
    const transferRow = (number: string) =>
      engine.store.db.selectFrom('transfers').select(['status', 'decided_at', 'decided_by', 'reason']).where('number', '=', number).executeTakeFirstOrThrow();
    const pendingTransfer = (name: string) => setUpPendingTransfer(engine, name);

    test('success: auto-approval after the TLD delay, persisted by the sweeper at the approval instant', async () => {
      const { losing, gaining, number, orderNumber, requestedAt } = await pendingTransfer('auto-approved.com');
      const autoApproveAt = new Date(requestedAt.getTime() + days(5));
      engine.clock.advance(days(5) - 1);
      assert.deepEqual(await engine.run(completeDueTransfers, {}, { actor: SYSTEM }), { completed: [], failed: [] });
      assert.equal((await engine.run(listTransfers, {}, { actor: gaining.actor })).items[0]?.status, 'pending');

      engine.clock.advance(days(2));
      // Before the sweeper runs, the list already reports the approval, and a late decline is refused.
      assert.deepEqual((await engine.run(listTransfers, {}, { actor: losing.actor })).items.map((i) => [i.status, i.updatedAt]), [['completed', autoApproveAt]]);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(declineTransfer, { name: 'auto-approved.com', reason: 'late' }, { actor: losing.actor }), TransferNotPending);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(cancelTransfer, { name: 'auto-approved.com' }, { actor: gaining.actor }), TransferNotPending);

      assert.deepEqual(await engine.run(completeDueTransfers, {}, { actor: SYSTEM }), { completed: [number], failed: [] });
      assert.deepEqual(await transferRow(number), { status: 'completed', decided_at: autoApproveAt, decided_by: 'auto', reason: '' });
      assert.deepEqual(await eur(gaining), balance(5000 - 999));
      assert.equal((await engine.run(getOrder, { number: orderNumber }, { actor: gaining.actor })).status, 'completed');
      assert.equal((await engine.run(getDomain, { name: 'auto-approved.com' }, { actor: gaining.actor })).expiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      await assert.rejects(engine.run(getDomain, { name: 'auto-approved.com' }, { actor: losing.actor }), DomainNotFound);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: the sweeper\'s auto-approval applies the contacts named at request time and moves the glue hosts', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(registerDomain, { name: 'auto-contacts.com' }, { actor: losing.actor });
      await engine.run(createHost, { name: 'ns1.auto-contacts.com', addresses: ['192.0.2.53'] }, { actor: losing.actor });
      const { authCode } = await engine.run(getAuthCode, { name: 'auto-contacts.com' }, { actor: losing.actor });
      engine.clock.advance(PAST_COM_LOCK);
      const owner = await engine.run(createContact, CONTACT, { actor: gaining.actor });
      const billing = await engine.run(createContact, CONTACT, { actor: gaining.actor });
      const r = await engine.run(requestTransfer, { name: 'auto-contacts.com', authCode, contacts: { registrant: owner.id, billing: billing.id } }, { actor: gaining.actor });
      engine.clock.advance(days(5));
      assert.deepEqual(await engine.run(completeDueTransfers, {}, { actor: SYSTEM }), { completed: [r.transfer.number], failed: [] });
      const d = await engine.run(getDomain, { name: 'auto-contacts.com' }, { actor: gaining.actor });
      const internal = async (n: number) => (await engine.store.db.selectFrom('contacts').select('id').where('number', '=', n).executeTakeFirstOrThrow()).id;
      assert.deepEqual(d.contacts, { registrant: await internal(owner.id), admin: null, tech: null, billing: await internal(billing.id) });
      assert.deepEqual((await engine.run(listHosts, {}, { actor: gaining.actor })).map((h) => h.name), ['ns1.auto-contacts.com']);
      assert.deepEqual(await engine.run(listHosts, {}, { actor: losing.actor }), []);
    });

    test('success: the sweeper fails a transfer whose domain fell into redemption meanwhile and releases the hold', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(registerDomain, { name: 'vanishing.com' }, { actor: losing.actor });
      const { authCode } = await engine.run(getAuthCode, { name: 'vanishing.com' }, { actor: losing.actor });
      // Day 44 of the 45-day auto-renew grace: still transferable, in redemption before the auto-approval.
      engine.clock.advance(days(365 + 44));
      const r = await engine.run(requestTransfer, { name: 'vanishing.com', authCode }, { actor: gaining.actor });
      await assert.rejects(engine.run(deleteDomain, { name: 'vanishing.com' }, { actor: losing.actor }), PendingTransferProhibits);
      engine.clock.advance(days(5));
      assert.deepEqual(await engine.run(completeDueTransfers, {}, { actor: SYSTEM }), { completed: [], failed: [r.transfer.number] });
      assert.equal((await transferRow(r.transfer.number)).status, 'failed');
      assert.deepEqual(await eur(gaining), balance(5000));
      assert.equal((await engine.run(getOrder, { number: r.orderNumber }, { actor: gaining.actor })).status, 'failed');
      assert.equal((await engine.run(getDomain, { name: 'vanishing.com' }, { actor: losing.actor })).state, 'redemption');
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: nothing is due after a decline', async () => {
      const { losing } = await pendingTransfer('declined-early.com');
      await engine.run(declineTransfer, { name: 'declined-early.com', reason: 'no' }, { actor: losing.actor });
      engine.clock.advance(days(6));
      assert.deepEqual(await engine.run(completeDueTransfers, {}, { actor: SYSTEM }), { completed: [], failed: [] });
    });
  });
}

/** A .com registered by `losing`, past its transfer lock, with a pending transfer to `gaining`. */
async function setUpPendingTransfer(engine: TestEngine, name: string) {
  const losing = await newAccount(engine, { depositEur: '100.00' });
  const gaining = await newAccount(engine, { depositEur: '50.00' });
  await engine.run(registerDomain, { name }, { actor: losing.actor });
  const { authCode } = await engine.run(getAuthCode, { name }, { actor: losing.actor });
  engine.clock.advance(PAST_COM_LOCK);
  const r = await engine.run(requestTransfer, { name, authCode }, { actor: gaining.actor });
  assert.deepEqual(await getBalance(engine.store.db, gaining.id, 'EUR'), balance(5000, 999));
  return { losing, gaining, number: r.transfer.number, orderNumber: r.orderNumber, requestedAt: r.transfer.requestedAt };
}
