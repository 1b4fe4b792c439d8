import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { NotAuthorizedOperation } from '../../errors/index.ts';
import { pollNotification } from './poll-notification.ts';
import { queueTestNotification } from './queue-test-notification.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: queueTestNotification`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(() => engine.store.close());

    test('success: one ping.async notification in the acting account\'s own queue, with the given payload', async () => {
      const a = await newAccount(engine);
      await engine.run(queueTestNotification, { message: 'ping-async', payload: { clTRID: 'c1' } }, { actor: a.actor });
      const { notification } = await engine.run(pollNotification, {}, { actor: a.actor });
      assert.deepEqual([notification?.kind, notification?.message, notification?.payload], ['ping.async', 'ping-async', { clTRID: 'c1' }]);
    });

    test('failure: the operator has no queue of its own', async () => {
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(queueTestNotification, { message: 'x', payload: {} }, { actor: OPERATOR }), NotAuthorizedOperation);
    });
  });
}
