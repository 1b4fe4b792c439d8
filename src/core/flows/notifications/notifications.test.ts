import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { HOUR } from '../../clock.ts';
import { OPERATOR, SYSTEM, type FlowContext } from '../../context.ts';
import { InvalidValue, NotAuthorizedOperation, NotificationNotFound } from '../../errors/index.ts';
import { ackNotification, listNotifications, notify, pollNotification, type NewNotification } from './index.ts';

const TABLES = ['notifications'] as const;

for (const backend of BACKENDS) {
  describe(`${backend}: notifications`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const send = (n: NewNotification) => engine.run((ctx: FlowContext, input: NewNotification) => notify(ctx, input), n, { actor: SYSTEM });
    const poll = (a: TestAccount) => engine.run(pollNotification, {}, { actor: a.actor });
    const ack = (a: TestAccount, id: number) => engine.run(ackNotification, { id }, { actor: a.actor });

    test('success: poll shows the oldest waiting one and the count; ack removes it from the queue, oldest first', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      assert.deepEqual(await poll(a), { notification: null, waiting: 0 });
      const first = await send({ accountId: a.id, kind: 'domain.renewed', domainName: 'one.com', message: 'one renewed', payload: { orderNumber: 'X1' } });
      engine.clock.advance(HOUR);
      const second = await send({ accountId: a.id, kind: 'domain.expired', domainName: 'two.com', message: 'two expired' });
      await send({ accountId: b.id, kind: 'push.expired', message: 'not yours' });
      const third = await send({ accountId: a.id, kind: 'transfer.completed', domainName: 'three.com', message: 'three moved' });

      const p1 = await poll(a);
      assert.equal(p1.waiting, 3);
      assert.deepEqual(p1.notification, {
        id: first!.id, accountId: a.id, kind: 'domain.renewed', domainName: 'one.com', message: 'one renewed',
        payload: { orderNumber: 'X1' }, createdAt: first!.created_at, ackedAt: null,
      });
      assert.deepEqual((await poll(a)).notification?.id, first!.id, 'polling alone does not consume');

      const acked = await ack(a, first!.id);
      assert.equal(acked.waiting, 2);
      assert.equal(acked.notification.ackedAt?.toISOString(), engine.clock.now().toISOString());
      assert.deepEqual(await poll(a).then((p) => [p.notification?.id, p.waiting]), [second!.id, 2]);
      await ack(a, second!.id);
      assert.deepEqual(await poll(a).then((p) => [p.notification?.id, p.waiting]), [third!.id, 1]);
      assert.equal((await ack(a, third!.id)).waiting, 0);
      assert.deepEqual(await poll(a), { notification: null, waiting: 0 });
      assert.equal((await poll(b)).waiting, 1, "the other account's queue is untouched");
    });

    test('failure: acking a foreign, unknown or already acked notification changes nothing', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const mine = await send({ accountId: a.id, kind: 'domain.created', message: 'created' });
      const theirs = await send({ accountId: b.id, kind: 'domain.created', message: 'created' });
      await assertFailsAndChangesNothing(engine.store.db, () => ack(a, theirs!.id), NotificationNotFound, TABLES);
      await assertFailsAndChangesNothing(engine.store.db, () => ack(a, 987654321), NotificationNotFound, TABLES);
      await ack(a, mine!.id);
      await assertFailsAndChangesNothing(engine.store.db, () => ack(a, mine!.id), NotificationNotFound, TABLES);
      await assertFailsAndChangesNothing(engine.store.db, () => ack(a, -1), InvalidValue, TABLES);
    });

    test('success: a dedupe key announces once', async () => {
      const a = await newAccount(engine);
      const key = `test.once:${a.id}`;
      assert.notEqual(await send({ accountId: a.id, kind: 'reminder.expiry', message: 'first', dedupeKey: key }), null);
      assert.equal(await send({ accountId: a.id, kind: 'reminder.expiry', message: 'again', dedupeKey: key }), null);
      const listed = await engine.run(listNotifications, {}, { actor: a.actor });
      assert.deepEqual(listed.map((n) => n.message), ['first']);
    });

    test('success: list filters by instant and kind, includes acknowledged ones; an operator names the account', async () => {
      const a = await newAccount(engine);
      const n1 = await send({ accountId: a.id, kind: 'drop.failed', message: 'early' });
      engine.clock.advance(HOUR);
      const since = engine.clock.now();
      const n2 = await send({ accountId: a.id, kind: 'drop.fulfilled', message: 'late' });
      const n3 = await send({ accountId: a.id, kind: 'drop.failed', message: 'late failure' });
      await ack(a, n2!.id);
      const ids = (ns: readonly { id: number }[]) => ns.map((n) => n.id);
      assert.deepEqual(ids(await engine.run(listNotifications, {}, { actor: a.actor })), [n1!.id, n2!.id, n3!.id]);
      assert.deepEqual(ids(await engine.run(listNotifications, { since }, { actor: a.actor })), [n2!.id, n3!.id]);
      assert.deepEqual(ids(await engine.run(listNotifications, { kind: 'drop.failed' }, { actor: a.actor })), [n1!.id, n3!.id]);
      assert.deepEqual(ids(await engine.run(listNotifications, { accountId: a.id, since, kind: 'drop.failed' }, { actor: OPERATOR })), [n3!.id]);
      await assert.rejects(engine.run(listNotifications, { kind: 'domain.exploded' as never }, { actor: a.actor }), InvalidValue);
      await assert.rejects(engine.run(listNotifications, {}, { actor: OPERATOR }), NotAuthorizedOperation);
    });
  });
}
