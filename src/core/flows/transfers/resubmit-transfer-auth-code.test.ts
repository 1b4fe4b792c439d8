import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { AuthCodeMismatch, TransferNotFound, TransferNotPending } from '../../errors/index.ts';
import { getBalance } from '../../money/ledger.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { getDomain } from '../domains/get-domain.ts';
import { AUTH_CODE_CHECK_MS } from './transfer-view.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { getOrder } from '../orders/get-order.ts';
import { completeDueTransfers } from './complete-due-transfers.ts';
import { cancelTransfer } from './decide-transfer.ts';
import { getTransferStatus } from './list-transfers.ts';
import { requestTransfer } from './request-transfer.ts';
import { resubmitTransferAuthCode } from './resubmit-transfer-auth-code.ts';
import { SYSTEM } from '../../context.ts';

const START = '2026-01-15T10:00:00Z';

for (const backend of BACKENDS) {
  describe(`${backend}: a transfer waiting for its auth code`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const setup = async (name: string): Promise<{ losing: TestAccount; gaining: TestAccount; code: string }> => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(registerDomain, { name }, { actor: losing.actor });
      const code = (await engine.run(getAuthCode, { name }, { actor: losing.actor })).authCode;
      engine.clock.advance(days(61));
      return { losing, gaining, code };
    };
    const eur = (a: TestAccount) => getBalance(engine.store.db, a.id, 'EUR');
    const status = async (a: TestAccount, name: string, direction: 'incoming' | 'outgoing' = 'incoming') =>
      (await engine.run(getTransferStatus, { name, direction }, { actor: a.actor })).items;

    test('success: a wrong code opens the order, the transfer waits (blocking nothing); the right code reopens it on the timetable, and it completes', async () => {
      const { losing, gaining, code } = await setup('await-code.com');
      const r = await engine.run(requestTransfer, { name: 'await-code.com', authCode: 'wrong', awaitAuthCode: true }, { actor: gaining.actor });
      // Pending while the registry checks the code, then waiting for the right one.
      assert.deepEqual([r.transfer.status, r.transfer.awaitingAuthCode], ['pending', false]);
      engine.clock.advance(AUTH_CODE_CHECK_MS);
      const [checked] = await status(gaining, 'await-code.com');
      assert.deepEqual([checked!.status, checked!.awaitingAuthCode], ['failed', true]);
      assert.equal((await engine.run(getOrder, { number: r.orderNumber }, { actor: gaining.actor })).status, 'processing');
      assert.deepEqual(await eur(gaining), { currency: 'EUR', balanceMinor: 5000, onHoldMinor: 0, availableMinor: 5000 });
      const [item] = await status(gaining, 'await-code.com');
      assert.equal(item!.orderNumber, r.orderNumber);
      assert.equal((await status(losing, 'await-code.com', 'outgoing'))[0]!.awaitingAuthCode, true);

      // A wrong code again changes nothing.
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(resubmitTransferAuthCode, { orderNumber: r.orderNumber, authCode: 'still-wrong' }, { actor: gaining.actor }), AuthCodeMismatch);
      // Only the gaining side resubmits.
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(resubmitTransferAuthCode, { orderNumber: r.orderNumber, authCode: code }, { actor: losing.actor }), TransferNotFound);

      const again = await engine.run(resubmitTransferAuthCode, { name: 'await-code.com', orderNumber: r.orderNumber, authCode: code }, { actor: gaining.actor });
      assert.equal(again.transfer.status, 'pending');
      assert.equal(again.transfer.awaitingAuthCode, false);
      assert.equal(again.transfer.number, r.transfer.number);
      assert.equal((await eur(gaining)).onHoldMinor, r.quote.totalMinor);
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(resubmitTransferAuthCode, { orderNumber: r.orderNumber, authCode: code }, { actor: gaining.actor }), TransferNotPending);

      engine.clock.advance(days(5));
      await engine.run(completeDueTransfers, {}, { actor: SYSTEM });
      assert.equal((await status(gaining, 'await-code.com'))[0]!.status, 'completed');
      assert.equal((await engine.run(getDomain, { name: 'await-code.com' }, { actor: gaining.actor })).name, 'await-code.com');
      assert.equal((await engine.run(getOrder, { number: r.orderNumber }, { actor: gaining.actor })).status, 'completed');
    });

    test('success: a waiting transfer can be cancelled by its order number; without awaitAuthCode a wrong code is refused', async () => {
      const { gaining } = await setup('await-cancel.com');
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(requestTransfer, { name: 'await-cancel.com', authCode: 'wrong' }, { actor: gaining.actor }), AuthCodeMismatch);
      const r = await engine.run(requestTransfer, { name: 'await-cancel.com', authCode: 'wrong', awaitAuthCode: true }, { actor: gaining.actor });
      const c = await engine.run(cancelTransfer, { orderNumber: r.orderNumber }, { actor: gaining.actor });
      assert.equal(c.transfer.status, 'cancelled');
      assert.equal((await engine.run(getOrder, { number: r.orderNumber }, { actor: gaining.actor })).status, 'cancelled');
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(resubmitTransferAuthCode, { orderNumber: r.orderNumber, authCode: 'x' }, { actor: gaining.actor }), TransferNotPending);
    });
  });
}
