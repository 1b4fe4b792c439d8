import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing, MONEY_AND_DOMAIN_TABLES } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { minutes } from '../../clock.ts';
import { AccountLevelRequired, DomainNotFound, InvalidDomainName, InvalidValue } from '../../errors/index.ts';
import { updateAccount } from '../accounts/update-account.ts';
import { answerPush } from '../pushes/answer-push.ts';
import { createPush } from '../pushes/create-push.ts';
import { registerDomain } from './register-domain.ts';
import { getResellerHold, setResellerHold } from './reseller-hold.ts';

const TABLES = [...MONEY_AND_DOMAIN_TABLES, 'reseller_holds'];

for (const backend of BACKENDS) {
  describe(`${backend}: reseller hold`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: set, read, set again (same time), lift; only the owner\'s hold counts after a push', async () => {
      const r = await newAccount(engine, { depositEur: '100.00', level: 'reseller' });
      await engine.run(registerDomain, { name: 'held-one.com' }, { actor: r.actor });
      const get = (name: string, actor = r.actor) => engine.run(getResellerHold, { name }, { actor });
      assert.deepEqual(await get('held-one.com'), { name: 'held-one.com', held: false, heldAt: null });
      const t0 = engine.clock.now();
      assert.deepEqual(await engine.run(setResellerHold, { name: 'HELD-ONE.com', held: true }, { actor: r.actor }), { name: 'held-one.com', held: true, heldAt: t0 });
      engine.clock.advance(minutes(5));
      assert.deepEqual(await engine.run(setResellerHold, { name: 'held-one.com', held: true }, { actor: r.actor }), { name: 'held-one.com', held: true, heldAt: t0 });
      assert.deepEqual(await get('held-one.com'), { name: 'held-one.com', held: true, heldAt: t0 });
      assert.deepEqual(await engine.run(setResellerHold, { name: 'held-one.com', held: false }, { actor: r.actor }), { name: 'held-one.com', held: false, heldAt: null });
      assert.deepEqual(await get('held-one.com'), { name: 'held-one.com', held: false, heldAt: null });

      await engine.run(setResellerHold, { name: 'held-one.com', held: true }, { actor: r.actor });
      const other = await newAccount(engine, { level: 'reseller' });
      const pushUsername = `hold.receiver.${process.pid}`;
      await engine.run(updateAccount, { pushUsername }, { actor: other.actor });
      await engine.run(createPush, { names: ['held-one.com'], receiverPushUsername: pushUsername, unlock: true }, { actor: r.actor });
      await engine.run(answerPush, { names: ['held-one.com'], action: 'accept' }, { actor: other.actor });
      assert.deepEqual(await get('held-one.com', other.actor), { name: 'held-one.com', held: false, heldAt: null });
      const t1 = engine.clock.now();
      assert.deepEqual(await engine.run(setResellerHold, { name: 'held-one.com', held: true }, { actor: other.actor }), { name: 'held-one.com', held: true, heldAt: t1 });
    });

    test('failure: not a reseller, not the account\'s domain, bad name, bad flag; nothing changes', async () => {
      const r = await newAccount(engine, { depositEur: '100.00', level: 'reseller' });
      const bulk = await newAccount(engine, { depositEur: '100.00', level: 'bulk' });
      await engine.run(registerDomain, { name: 'held-two.com' }, { actor: bulk.actor });
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(setResellerHold, { name: 'held-two.com', held: true }, { actor: bulk.actor }), AccountLevelRequired, TABLES);
      await assertFailsAndChangesNothing(db, () => engine.run(getResellerHold, { name: 'held-two.com' }, { actor: bulk.actor }), AccountLevelRequired, TABLES);
      await assertFailsAndChangesNothing(db, () => engine.run(setResellerHold, { name: 'held-two.com', held: true }, { actor: r.actor }), DomainNotFound, TABLES);
      await assertFailsAndChangesNothing(db, () => engine.run(getResellerHold, { name: 'nowhere-held.com' }, { actor: r.actor }), DomainNotFound, TABLES);
      await assertFailsAndChangesNothing(db, () => engine.run(setResellerHold, { name: 'bad..name', held: true }, { actor: r.actor }), InvalidDomainName, TABLES);
      await assertFailsAndChangesNothing(db, () => engine.run(setResellerHold, { name: 'held-two.com', held: 'yes' as never }, { actor: r.actor }), InvalidValue, TABLES);
    });
  });
}
