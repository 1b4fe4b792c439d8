import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { DomainNotFound, InvalidValue } from '../../errors/index.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { listOutbox } from '../mail/list-outbox.ts';
import { sendAuthCode } from './send-auth-code.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: sendAuthCode and listOutbox`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: '2026-01-15T10:00:00Z' });
    });
    after(async () => engine.store.close());

    test('success: mails the code to the registrant contact, or to the account without one; each account reads its own mail', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'mail-me.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'mail-owner.com' }, { actor: b.actor });
      const now = engine.clock.now();
      const contact = await engine.store.db.insertInto('contacts')
        .values({ account_id: b.id, handle: `MAIL-${b.id}`, email: 'registrant@example.test', created_at: now, updated_at: now })
        .returning('id').executeTakeFirstOrThrow();
      await engine.store.db.updateTable('domains').set({ registrant_contact_id: contact.id }).where('name', '=', 'mail-owner.com').execute();

      assert.deepEqual(await engine.run(sendAuthCode, { name: 'MAIL-ME.com' }, { actor: a.actor }), { name: 'mail-me.com', to: a.email });
      assert.deepEqual(await engine.run(sendAuthCode, { name: 'mail-owner.com' }, { actor: b.actor }), { name: 'mail-owner.com', to: 'registrant@example.test' });

      const codeA = (await engine.run(getAuthCode, { name: 'mail-me.com' }, { actor: a.actor })).authCode;
      const codeB = (await engine.run(getAuthCode, { name: 'mail-owner.com' }, { actor: b.actor })).authCode;
      const mailA = (await engine.run(listOutbox, {}, { actor: a.actor })).items;
      assert.deepEqual(mailA, [{
        id: mailA[0]!.id, accountId: a.id, to: a.email, kind: 'auth_code', subject: 'Authorization code for mail-me.com', createdAt: now,
        body: `The authorization code (AUTH-ID) of mail-me.com is: ${codeA}\nGive it only to the account that should receive the domain.`,
        status: 'pending', attempts: 0, lastError: null, lastAttemptAt: null, nextAttemptAt: null, deliveredAt: null,
      }]);
      const mailB = (await engine.run(listOutbox, {}, { actor: b.actor })).items;
      assert.deepEqual(mailB.map((m) => [m.to, m.body.includes(codeB)]), [['registrant@example.test', true]]);

      const all = (await engine.run(listOutbox, {}, { actor: OPERATOR })).items;
      assert.deepEqual(all.slice(0, 2), [...mailB, ...mailA], 'the operator reads every message, newest first');
      assert.deepEqual((await engine.run(listOutbox, { accountId: a.id, limit: 5 }, { actor: OPERATOR })).items, mailA);
    });

    test('failure: another account\'s domain, and a bad limit', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await engine.run(registerDomain, { name: 'not-yours.com' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(sendAuthCode, { name: 'not-yours.com' }, { actor: b.actor }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(listOutbox, { limit: 0 }, { actor: a.actor }), InvalidValue);
    });
  });
}
