/**
 * Outbox delivery bookkeeping: claims take due pending messages in id order
 * and lease them, skip rows another transaction holds (PostgreSQL), records
 * move a message to sent, to a retry after the doubling backoff (capped), or
 * to failed after the last attempt; only the operator or the system may.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { openTransaction } from '../../../../test/support/open-transaction.ts';
import { SYSTEM } from '../../context.ts';
import { InvalidValue, NotAuthorizedOperation } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { sendAuthCode } from '../transfers/send-auth-code.ts';
import { claimOutboxMail, recordOutboxDelivery } from './deliver-outbox.ts';

const MIN = 60_000;
const RETRY = { maxAttempts: 3, retryBaseMs: MIN, retryMaxMs: 3 * MIN };

for (const backend of BACKENDS) {
  describe(`${backend}: claimOutboxMail and recordOutboxDelivery`, { timeout: 120_000 }, () => {
    let engine: TestEngine;
    let a: TestAccount;
    const asSystem = { actor: SYSTEM } as const;
    const claim = (limit = 10, leaseMs = 10 * MIN) => engine.run(claimOutboxMail, { limit, leaseMs }, asSystem);
    const row = (id: number) => engine.store.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      engine = await openTestEngine(backend);
      a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'outbox-one.com' }, { actor: a.actor });
      // Earlier tests' messages out of the way (a shared database): each test makes its own.
      await sql`update outbox set status = 'sent'`.execute(engine.store.db);
    });
    after(async () => engine?.store.close());

    const mail = async () => {
      await engine.run(sendAuthCode, { name: 'outbox-one.com' }, { actor: a.actor });
      return (await engine.store.db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    };

    test('claims: due messages in id order, leased; a lease that ends makes a message due again', async () => {
      const first = await mail();
      const second = await mail();
      const t0 = engine.clock.now();
      const one = await claim(1);
      assert.deepEqual(one.items.map((m) => [m.id, m.status, m.attempts, m.lastAttemptAt, m.nextAttemptAt]), [[first, 'pending', 1, t0, new Date(t0.getTime() + 10 * MIN)]]);
      assert.deepEqual((await claim()).items.map((m) => m.id), [second]);
      assert.deepEqual((await claim()).items, [], 'both are leased');
      engine.clock.advance(10 * MIN);
      assert.deepEqual((await claim()).items.map((m) => [m.id, m.attempts]), [[first, 2], [second, 2]]);
      assert.equal(await engine.run(recordOutboxDelivery, { id: first, attempt: 1, ...RETRY }, asSystem), undefined, 'the first claim\'s lease ended: its record is stale');
      for (const id of [first, second]) assert.equal((await engine.run(recordOutboxDelivery, { id, attempt: 2, ...RETRY }, asSystem))?.status, 'sent');
    });

    test('records: sent; a failure retried after base, 2×base, capped; failed after the last attempt; a recorded message is left alone', async () => {
      const id = await mail();
      await claim();
      const sent = await engine.run(recordOutboxDelivery, { id, attempt: 1, ...RETRY }, asSystem);
      assert.deepEqual([sent?.status, sent?.attempts, sent?.deliveredAt, sent?.lastError, sent?.nextAttemptAt], ['sent', 1, engine.clock.now(), null, null]);
      assert.equal(await engine.run(recordOutboxDelivery, { id, attempt: 1, error: 'late', ...RETRY }, asSystem), undefined);
      assert.equal((await row(id)).status, 'sent');

      const failing = await mail();
      const attempt = async (delayMs: number | null, status: string) => {
        const [claimed] = (await claim()).items;
        assert.equal(claimed?.id, failing);
        const began = claimed.lastAttemptAt!.getTime();
        engine.clock.advance(5_000);
        const r = await engine.run(recordOutboxDelivery, { id: failing, attempt: claimed.attempts, error: `550 refused ${'x'.repeat(2000)}`, ...RETRY }, asSystem);
        assert.deepEqual([r?.status, r?.nextAttemptAt?.getTime() ?? null, r?.lastError?.length, r?.deliveredAt], [status, delayMs === null ? null : began + delayMs, 1000, null]);
        if (delayMs !== null) {
          assert.deepEqual((await claim()).items, [], 'not due before the backoff ends');
          engine.clock.advance(delayMs);
        }
      };
      await attempt(MIN, 'pending');
      await attempt(2 * MIN, 'pending');
      await attempt(null, 'failed');
      assert.deepEqual((await claim()).items, [], 'a failed message is not claimed');
      // The fifth attempt would wait 16 minutes: capped at retryMax.
      const capped = await mail();
      await sql`update outbox set attempts = 4 where id = ${capped}`.execute(engine.store.db);
      const [fifth] = (await claim()).items;
      const r = await engine.run(recordOutboxDelivery, { id: capped, attempt: 5, error: 'x', maxAttempts: 10, retryBaseMs: MIN, retryMaxMs: 90_000 }, asSystem);
      assert.deepEqual([fifth?.attempts, r?.nextAttemptAt?.getTime()], [5, (await row(capped)).last_attempt_at!.getTime() + 90_000]);
      await sql`update outbox set status = 'sent' where id = ${capped}`.execute(engine.store.db);
    });

    test('failure: an account may not claim or record; bad limits change nothing', async () => {
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(claimOutboxMail, { limit: 1, leaseMs: MIN }, { actor: a.actor }), NotAuthorizedOperation, ['outbox']);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(recordOutboxDelivery, { id: 1, attempt: 1, ...RETRY }, { actor: a.actor }), NotAuthorizedOperation, ['outbox']);
      await assertFailsAndChangesNothing(engine.store.db, () => claim(0), InvalidValue, ['outbox']);
      await assertFailsAndChangesNothing(engine.store.db, () => claim(1, 0), InvalidValue, ['outbox']);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(recordOutboxDelivery, { id: 1, attempt: 1, ...RETRY, maxAttempts: 0 }, asSystem), InvalidValue, ['outbox']);
    });

    if (backend === 'postgres') {
      test('a message another transaction holds is skipped, not waited for', async () => {
        const held = await mail();
        const free = await mail();
        const holder = openTransaction(engine.store.db, (trx) => sql`select id from outbox where id = ${held} for update`.execute(trx));
        try {
          await holder.written;
          assert.deepEqual((await claim()).items.map((m) => m.id), [free]);
        } finally {
          await holder.commit();
        }
        assert.deepEqual((await claim()).items.map((m) => m.id), [held]);
      });
    }
  });
}
