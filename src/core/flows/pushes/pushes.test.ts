import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing, snapshotTables } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { SYSTEM } from '../../context.ts';
import {
  DomainLocked, DomainNotFound, DomainStatusProhibits, InvalidValue, MissingParameter, NotAuthorizedOperation, PushAlreadyPending,
  PushNotFound, PushReceiverNotFound, TransferAlreadyPending,
} from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { translateDatabaseError } from '../../run-flow.ts';
import { updateAccount } from '../accounts/index.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { getDomain } from '../domains/get-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { requestTransfer } from '../transfers/request-transfer.ts';
import { answerPush } from './answer-push.ts';
import { createPush, PUSH_LIFETIME_MS } from './create-push.ts';
import { expirePushes } from './expire-pushes.ts';
import { listIncomingPushes } from './list-incoming-pushes.ts';

const START = '2026-01-15T10:00:00Z';
let usernames = 0;

for (const backend of BACKENDS) {
  describe(`${backend}: pushes`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    /** An account with money and a push username. */
    async function pusher(): Promise<TestAccount & { pushUsername: string }> {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const pushUsername = `Pusher.${process.pid}.${++usernames}`;
      await engine.run(updateAccount, { pushUsername }, { actor: a.actor });
      return { ...a, pushUsername };
    }
    const register = (a: TestAccount, name: string, extra: Record<string, unknown> = {}) => engine.run(registerDomain, { name, ...extra }, { actor: a.actor });
    const push = (a: TestAccount, names: string[], receiverPushUsername: string, unlock?: boolean) =>
      engine.run(createPush, { names, receiverPushUsername, ...(unlock !== undefined ? { unlock } : {}) }, { actor: a.actor });
    const incoming = async (a: TestAccount) => (await engine.run(listIncomingPushes, {}, { actor: a.actor })).items.map((i) => i.name);
    const answer = (a: TestAccount, names: string[], action: 'accept' | 'decline') => engine.run(answerPush, { names, action }, { actor: a.actor });
    const pushRow = (id: number) => engine.store.db.selectFrom('pushes').select(['status', 'decided_at']).where('id', '=', id).executeTakeFirstOrThrow();

    test('success: a push accepted moves the domains for free; partly declined, it ends accepted', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      await register(sender, 'push-one.com', { note: 'sender note' });
      await register(sender, 'push-two.net');
      await register(sender, 'push-three.org');
      const codeOne = (await engine.run(getAuthCode, { name: 'push-one.com' }, { actor: sender.actor })).authCode;
      const money = [await getBalance(engine.store.db, sender.id, 'EUR'), await getBalance(engine.store.db, receiver.id, 'EUR')];

      const p = await push(sender, ['push-one.com', 'PUSH-TWO.net', 'push-three.org', 'push-one.com'], receiver.pushUsername.toUpperCase());
      assert.deepEqual(p, {
        pushId: p.pushId, receiverPushUsername: receiver.pushUsername, names: ['push-one.com', 'push-two.net', 'push-three.org'],
        createdAt: new Date(START), expiresAt: new Date(new Date(START).getTime() + PUSH_LIFETIME_MS),
      });
      assert.deepEqual(await incoming(receiver), ['push-one.com', 'push-three.org', 'push-two.net']);
      assert.deepEqual(await incoming(sender), []);

      const at = engine.clock.advance(days(2));
      assert.deepEqual(await answer(receiver, ['push-one.com', 'push-two.net'], 'accept'), { action: 'accept', names: ['push-one.com', 'push-two.net'] });
      assert.deepEqual(await pushRow(p.pushId), { status: 'accepted', decided_at: null });
      assert.deepEqual(await incoming(receiver), ['push-three.org']);
      const moved = await engine.run(getDomain, { name: 'push-one.com' }, { actor: receiver.actor });
      assert.deepEqual([moved.accountId, moved.transferredAt, moved.note, moved.expiresAt.toISOString()], [receiver.id, at, '', '2027-01-15T10:00:00.000Z']);
      assert.notEqual((await engine.run(getAuthCode, { name: 'push-one.com' }, { actor: receiver.actor })).authCode, codeOne);
      await assert.rejects(engine.run(getDomain, { name: 'push-two.net' }, { actor: sender.actor }), DomainNotFound);

      const declinedAt = engine.clock.advance(days(1));
      await answer(receiver, ['push-three.org'], 'decline');
      assert.deepEqual(await pushRow(p.pushId), { status: 'accepted', decided_at: declinedAt });
      assert.equal((await engine.run(getDomain, { name: 'push-three.org' }, { actor: sender.actor })).accountId, sender.id);
      assert.deepEqual(await incoming(receiver), []);
      assert.deepEqual([await getBalance(engine.store.db, sender.id, 'EUR'), await getBalance(engine.store.db, receiver.id, 'EUR')], money);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: a push declined entirely ends declined and the domain can be pushed again', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      await register(sender, 'push-declined.com');
      const p = await push(sender, ['push-declined.com'], receiver.pushUsername);
      await answer(receiver, ['push-declined.com'], 'decline');
      assert.deepEqual(await pushRow(p.pushId), { status: 'declined', decided_at: new Date(START) });
      assert.equal((await engine.run(getDomain, { name: 'push-declined.com' }, { actor: sender.actor })).accountId, sender.id);
      await assertFailsAndChangesNothing(engine.store.db, () => answer(receiver, ['push-declined.com'], 'accept'), PushNotFound);
      const again = await push(sender, ['push-declined.com'], receiver.pushUsername);
      assert.deepEqual(await incoming(receiver), ['push-declined.com']);
      assert.notEqual(again.pushId, p.pushId);
    });

    test('success: unlock lifts the transfer lock; failure: a locked domain without it', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      await register(sender, 'push-locked.com', { locked: true });
      await assertFailsAndChangesNothing(engine.store.db, () => push(sender, ['push-locked.com'], receiver.pushUsername), DomainLocked);
      await push(sender, ['push-locked.com'], receiver.pushUsername, true);
      assert.equal((await engine.run(getDomain, { name: 'push-locked.com' }, { actor: sender.actor })).locked, false);
    });

    test('failure: unknown receiver, oneself, someone else\'s domain, a domain in redemption, bad input', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      const other = await pusher();
      await register(sender, 'push-mine.com');
      await register(other, 'push-theirs.com');
      await register(sender, 'push-lapsed.net', { periodMonths: 12 });
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => push(sender, ['push-mine.com'], 'nobody-has-this-name'), PushReceiverNotFound);
      await assertFailsAndChangesNothing(db, () => push(sender, ['push-mine.com'], sender.pushUsername), InvalidValue);
      await assertFailsAndChangesNothing(db, () => push(sender, ['push-mine.com', 'push-theirs.com'], receiver.pushUsername), DomainNotFound);
      await assertFailsAndChangesNothing(db, () => push(sender, [], receiver.pushUsername), MissingParameter);
      await assertFailsAndChangesNothing(db, () => push(sender, ['push-mine.com'], ''), MissingParameter);
      await assertFailsAndChangesNothing(db, () => answer(receiver, ['push-mine.com'], 'maybe' as 'accept'), InvalidValue);
      engine.clock.advance(days(366));
      await assertFailsAndChangesNothing(db, () => push(sender, ['push-lapsed.net'], receiver.pushUsername), DomainStatusProhibits);
    });

    test('failure: a domain already in an open push, or with a pending transfer; a pushed domain cannot be transferred', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      const third = await pusher();
      await register(sender, 'push-twice.com');
      await register(sender, 'push-in-transfer.com');
      engine.clock.advance(days(61));
      await push(sender, ['push-twice.com'], receiver.pushUsername);
      await assertFailsAndChangesNothing(engine.store.db, () => push(sender, ['push-twice.com'], third.pushUsername), PushAlreadyPending);
      const twiceCode = (await engine.run(getAuthCode, { name: 'push-twice.com' }, { actor: sender.actor })).authCode;
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(requestTransfer, { name: 'push-twice.com', authCode: twiceCode }, { actor: third.actor }), PushAlreadyPending);
      const { authCode } = await engine.run(getAuthCode, { name: 'push-in-transfer.com' }, { actor: sender.actor });
      await engine.run(requestTransfer, { name: 'push-in-transfer.com', authCode }, { actor: third.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => push(sender, ['push-in-transfer.com'], receiver.pushUsername), TransferAlreadyPending);
    });

    test('failure: a second open push of a domain written past the checks is refused by the database as PushAlreadyPending', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      await register(sender, 'push-raced.com');
      const p = await push(sender, ['push-raced.com'], receiver.pushUsername);
      const now = engine.clock.now();
      const other = await engine.store.db.insertInto('pushes')
        .values({ sender_account_id: sender.id, receiver_account_id: receiver.id, status: 'pending', created_at: now, expires_at: p.expiresAt })
        .returning('id').executeTakeFirstOrThrow();
      const domain = await engine.store.db.selectFrom('domains').select('id').where('name', '=', 'push-raced.com').executeTakeFirstOrThrow();
      const err = await engine.store.db.insertInto('push_domains').values({ push_id: other.id, domain_id: domain.id, domain_name: 'push-raced.com' })
        .execute().then(() => undefined, (e: unknown) => e);
      assert.ok(translateDatabaseError(err) instanceof PushAlreadyPending);
      await engine.store.db.deleteFrom('pushes').where('id', '=', other.id).execute();
    });

    test('failure: only the receiver may answer, and only what waits for it', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      const stranger = await pusher();
      await register(sender, 'push-answer.com');
      await push(sender, ['push-answer.com'], receiver.pushUsername);
      await assertFailsAndChangesNothing(engine.store.db, () => answer(stranger, ['push-answer.com'], 'accept'), PushNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => answer(sender, ['push-answer.com'], 'accept'), PushNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => answer(receiver, ['push-answer.com', 'never-pushed.com'], 'accept'), PushNotFound);
    });

    test('success: an unanswered push expires after seven days; the sweeper persists it at the expiry instant', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      await register(sender, 'push-expiring.com');
      const p = await push(sender, ['push-expiring.com'], receiver.pushUsername);
      engine.clock.advance(PUSH_LIFETIME_MS - 1);
      assert.deepEqual(await incoming(receiver), ['push-expiring.com']);
      engine.clock.advance(1);
      assert.deepEqual(await incoming(receiver), []);
      await assertFailsAndChangesNothing(engine.store.db, () => answer(receiver, ['push-expiring.com'], 'accept'), PushNotFound);
      const before = await snapshotTables(engine.store.db, ['pushes', 'push_domains']);
      assert.ok((await engine.run(expirePushes, {}, { actor: SYSTEM })).expired >= 1);
      assert.notDeepEqual(await snapshotTables(engine.store.db, ['pushes', 'push_domains']), before);
      assert.deepEqual(await pushRow(p.pushId), { status: 'expired', decided_at: p.expiresAt });
      assert.deepEqual(await engine.run(expirePushes, {}, { actor: SYSTEM }), { expired: 0 });
      assert.equal((await engine.run(getDomain, { name: 'push-expiring.com' }, { actor: sender.actor })).accountId, sender.id);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(expirePushes, {}, { actor: sender.actor }), NotAuthorizedOperation);
    });

    test('success: an expired push that nobody swept does not block a new push of its domain', async () => {
      const sender = await pusher();
      const receiver = await pusher();
      await register(sender, 'push-reoffer.com');
      const first = await push(sender, ['push-reoffer.com'], receiver.pushUsername);
      engine.clock.advance(PUSH_LIFETIME_MS);
      const second = await push(sender, ['push-reoffer.com'], receiver.pushUsername);
      assert.deepEqual(await pushRow(first.pushId), { status: 'expired', decided_at: first.expiresAt });
      await answer(receiver, ['push-reoffer.com'], 'accept');
      assert.deepEqual(await pushRow(second.pushId), { status: 'accepted', decided_at: engine.clock.now() });
      assert.equal((await engine.run(getDomain, { name: 'push-reoffer.com' }, { actor: receiver.actor })).accountId, receiver.id);
    });
  });
}
