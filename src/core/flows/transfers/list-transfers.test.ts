import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { InvalidValue } from '../../errors/index.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { cancelTransfer, declineTransfer } from './decide-transfer.ts';
import { getTransferStatus, listTransfers } from './list-transfers.ts';
import { requestTransfer } from './request-transfer.ts';
import type { TransferDirection, TransferItem } from './transfer-view.ts';

const START = '2026-01-15T10:00:00Z';
const T0 = new Date('2026-03-17T10:00:00Z'); // START + 61 days: past the .com transfer lock

for (const backend of BACKENDS) {
  describe(`${backend}: listTransfers and getTransferStatus`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string) => engine.run(registerDomain, { name }, { actor: a.actor });
    const request = async (from: TestAccount, to: TestAccount, name: string) => {
      const { authCode } = await engine.run(getAuthCode, { name }, { actor: from.actor });
      return (await engine.run(requestTransfer, { name, authCode }, { actor: to.actor })).transfer;
    };
    /** The transfer with its order's number (getTransferStatus names both). */
    const orderOf = async (from: TestAccount, to: TestAccount, name: string) => {
      const { authCode } = await engine.run(getAuthCode, { name }, { actor: from.actor });
      return engine.run(requestTransfer, { name, authCode }, { actor: to.actor });
    };
    const list = async (a: TestAccount, input: Record<string, unknown> = {}) => (await engine.run(listTransfers, input, { actor: a.actor })).items;
    const outgoing = <T extends TransferItem>(t: T): T => ({ ...t, direction: 'outgoing' });

    test('success: pending transfers are always listed, decided ones for one week after their last update', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '100.00' });
      await register(losing, 'week-a.com');
      await register(losing, 'week-b.eu');
      await register(losing, 'week-c.fr');
      engine.clock.set(T0);
      const a = await request(losing, gaining, 'week-a.com');
      const b = await request(losing, gaining, 'week-b.eu');
      const c = await request(losing, gaining, 'week-c.fr');
      assert.deepEqual([a.status, b.status, c.status], ['pending', 'completed', 'pending']);
      assert.equal(c.autoApproveAt.toISOString(), '2026-03-25T10:00:00.000Z'); // .fr waits 8 days

      const declinedAt = engine.clock.advance(days(1));
      await engine.run(declineTransfer, { name: 'week-a.com', reason: 'keeping it' }, { actor: losing.actor });
      const declined: TransferItem = { ...a, status: 'declined', updatedAt: declinedAt, reason: 'keeping it' };
      assert.deepEqual(await list(gaining), [c, b, declined]);
      assert.deepEqual(await list(losing), [outgoing(c), outgoing(b), outgoing(declined)]);

      engine.clock.set(new Date(T0.getTime() + days(7) - 1));
      assert.deepEqual(await list(gaining), [c, b, declined]);
      engine.clock.set(new Date(T0.getTime() + days(7)));
      assert.deepEqual(await list(gaining), [c, declined], 'the synchronous transfer of T0 has been decided for a week');
      engine.clock.set(new Date(T0.getTime() + days(8)));
      const autoApproved: TransferItem = { ...c, status: 'completed', updatedAt: c.autoApproveAt };
      assert.deepEqual(await list(gaining), [autoApproved], 'the pending .fr transfer is listed past a week, then as auto-approved');
      assert.deepEqual(await list(losing), [outgoing(autoApproved)]);
      engine.clock.set(new Date(c.autoApproveAt.getTime() + days(7)));
      assert.deepEqual(await list(gaining), []);
    });

    test('success: filters by direction and name; other accounts see nothing', async () => {
      const one = await newAccount(engine, { depositEur: '100.00' });
      const two = await newAccount(engine, { depositEur: '100.00' });
      const stranger = await newAccount(engine);
      await register(one, 'dir-one.com');
      await register(two, 'dir-two.com');
      engine.clock.set(T0);
      const toTwo = await request(one, two, 'dir-one.com');
      const toOne = await request(two, one, 'dir-two.com');
      assert.deepEqual(await list(one), [toOne, outgoing(toTwo)]);
      assert.deepEqual(await list(one, { direction: 'incoming' }), [toOne]);
      assert.deepEqual(await list(one, { direction: 'outgoing' }), [outgoing(toTwo)]);
      assert.deepEqual(await list(one, { name: 'DIR-ONE.com' }), [outgoing(toTwo)]);
      assert.deepEqual(await list(stranger), []);
      await assertFailsAndChangesNothing(engine.store.db, () => list(one, { direction: 'sideways' }), InvalidValue);
    });

    test('success: getTransferStatus lists every transfer of a name in one direction, newest first', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '100.00' });
      const stranger = await newAccount(engine);
      await register(losing, 'status-of.com');
      engine.clock.set(T0);
      const firstOrder = await orderOf(losing, gaining, 'status-of.com');
      const first = firstOrder.transfer;
      const cancelledAt = engine.clock.advance(days(1));
      await engine.run(cancelTransfer, { name: 'status-of.com' }, { actor: gaining.actor });
      engine.clock.advance(days(10));
      const secondOrder = await orderOf(losing, gaining, 'status-of.com');
      const second = { ...secondOrder.transfer, orderNumber: secondOrder.orderNumber };
      const cancelled = { ...first, status: 'cancelled' as const, updatedAt: cancelledAt, orderNumber: firstOrder.orderNumber };

      const status = (a: TestAccount, direction: TransferDirection) => engine.run(getTransferStatus, { name: 'status-of.com', direction }, { actor: a.actor });
      assert.deepEqual(await status(gaining, 'incoming'), { items: [second, cancelled] });
      assert.deepEqual(await status(losing, 'outgoing'), { items: [outgoing(second), outgoing(cancelled)] });
      assert.deepEqual(await status(gaining, 'outgoing'), { items: [] });
      assert.deepEqual(await status(stranger, 'incoming'), { items: [] });
      await assertFailsAndChangesNothing(engine.store.db, () => status(gaining, 'in' as TransferDirection), InvalidValue);
    });
  });
}
