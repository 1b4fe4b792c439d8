/**
 * Sweeper timelines of work that completes later: asynchronous creation
 * (.cn), transfer auto-approval, push expiry and staged DNS auto-commit,
 * each announced to the accounts involved.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../test/support/fixtures.ts';
import { noticesOf, ordersFor, sweepNow } from '../../test/jobs/support/lifecycle.ts';
import { DAY, MINUTE } from '../core/clock.ts';
import { getBalance, verifyBalances } from '../core/money/ledger.ts';
import { updateAccount } from '../core/flows/accounts/index.ts';
import { getAuthCode, getDomain, registerDomain } from '../core/flows/domains/index.ts';
import { addRecord, listRecords, AUTO_COMMIT_DELAY_MS } from '../core/flows/dns/index.ts';
import { createPush, PUSH_LIFETIME_MS } from '../core/flows/pushes/index.ts';
import { requestTransfer } from '../core/flows/transfers/index.ts';

const eur = (balanceMinor: number, onHoldMinor = 0) => ({ currency: 'EUR', balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor });

for (const backend of BACKENDS) {
  describe(`${backend}: sweeper, work that completes later`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const db = () => engine.store.db;
    const balance = (a: TestAccount) => getBalance(db(), a.id, 'EUR');
    const owner = async (a: TestAccount, name: string) => (await engine.run(getDomain, { name }, { actor: a.actor })).accountId;

    test('timeline: a .cn creation completes after its delay: order completed, domain.created', async () => {
      const a = await newAccount(engine, { depositEur: '50.00' });
      const r = await engine.run(registerDomain, { name: 'later.cn' }, { actor: a.actor });
      assert.deepEqual([r.orderStatus, r.domain.state], ['processing', 'pending_create']);
      assert.deepEqual(await balance(a), eur(5000 - 799), 'charged when ordered');

      engine.clock.advance(5 * MINUTE);
      await sweepNow(engine);
      assert.deepEqual((await ordersFor(db(), a.id, 'register', 'later.cn')).map((o) => o[1]), ['processing']);
      assert.deepEqual(await noticesOf(db(), a.id), []);

      engine.clock.advance(5 * MINUTE);
      assert.equal((await engine.run(getDomain, { name: 'later.cn' }, { actor: a.actor })).state, 'active', 'the projection is active before the sweep');
      await sweepNow(engine);
      assert.deepEqual((await ordersFor(db(), a.id, 'register', 'later.cn')).map((o) => o[1]), ['completed']);
      assert.deepEqual(await noticesOf(db(), a.id), [['domain.created', 'later.cn']]);
      await sweepNow(engine);
      assert.equal((await noticesOf(db(), a.id)).length, 1, 'announced once');
      assert.deepEqual(await balance(a), eur(5000 - 799));
      assert.deepEqual(await verifyBalances(db()), []);
    });

    test('timeline: a pending transfer is approved automatically: hold captured, domain moved, both sides told', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(registerDomain, { name: 'moving-on.com' }, { actor: losing.actor });
      const { authCode } = await engine.run(getAuthCode, { name: 'moving-on.com' }, { actor: losing.actor });
      engine.clock.advance(61 * DAY);
      const t = await engine.run(requestTransfer, { name: 'moving-on.com', authCode }, { actor: gaining.actor });
      assert.deepEqual(await balance(gaining), eur(5000, 999));

      engine.clock.advance(5 * DAY - 1);
      await sweepNow(engine);
      assert.equal(await owner(losing, 'moving-on.com'), losing.id);

      engine.clock.advance(1);
      await sweepNow(engine);
      assert.equal(await owner(gaining, 'moving-on.com'), gaining.id);
      assert.deepEqual(await balance(gaining), eur(5000 - 999));
      const transfer = await db().selectFrom('transfers').select(['status', 'decided_by']).where('number', '=', t.transfer.number).executeTakeFirstOrThrow();
      assert.deepEqual(transfer, { status: 'completed', decided_by: 'auto' });
      assert.deepEqual(await noticesOf(db(), gaining.id), [['transfer.completed', 'moving-on.com']]);
      assert.deepEqual(await noticesOf(db(), losing.id), [['transfer.completed', 'moving-on.com']]);
      assert.deepEqual(await verifyBalances(db()), []);
    });

    test('timeline: an unanswered push expires; the domain stays with the sender; both are told', async () => {
      const sender = await newAccount(engine, { depositEur: '50.00' });
      const receiver = await newAccount(engine);
      const username = `sweep.receiver.${process.pid}.${receiver.id}`;
      await engine.run(updateAccount, { pushUsername: username }, { actor: receiver.actor });
      await engine.run(registerDomain, { name: 'pushed-away.com' }, { actor: sender.actor });
      const { pushId } = await engine.run(createPush, { names: ['pushed-away.com'], receiverPushUsername: username }, { actor: sender.actor });

      engine.clock.advance(PUSH_LIFETIME_MS - 1);
      await sweepNow(engine);
      const status = async () => (await db().selectFrom('pushes').select('status').where('id', '=', pushId).executeTakeFirstOrThrow()).status;
      assert.equal(await status(), 'pending');

      engine.clock.advance(1);
      await sweepNow(engine);
      assert.equal(await status(), 'expired');
      assert.equal(await owner(sender, 'pushed-away.com'), sender.id);
      assert.deepEqual(await noticesOf(db(), sender.id), [['push.expired', 'pushed-away.com']]);
      assert.deepEqual(await noticesOf(db(), receiver.id), [['push.expired', 'pushed-away.com']]);
    });

    test('timeline: staged DNS changes are committed when their auto-commit deadline passes', async () => {
      const a = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(registerDomain, { name: 'staged-zone.com' }, { actor: a.actor });
      await engine.run(addRecord, { name: 'staged-zone.com', record: { type: 'A', name: 'www', value: '192.0.2.80' }, staged: true }, { actor: a.actor });
      const live = async () => (await engine.run(listRecords, { name: 'staged-zone.com' }, { actor: a.actor })).records.map((r) => `${r.name} ${r.type} ${r.value}`);
      assert.deepEqual(await live(), []);

      engine.clock.advance(AUTO_COMMIT_DELAY_MS - 1);
      await sweepNow(engine);
      assert.deepEqual(await live(), []);

      engine.clock.advance(1);
      const r = await sweepNow(engine);
      assert.ok(r.tasks.zones!.done >= 1);
      assert.deepEqual(await live(), ['www A 192.0.2.80']);
    });
  });
}
