import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { CN_ENTERPRISE_AUDIT as ENTERPRISE, CN_INDIVIDUAL_AUDIT as INDIVIDUAL, newContact } from '../../../../test/support/contacts.ts';
import { OPERATOR } from '../../context.ts';
import { ContactNotFound } from '../../errors/index.ts';
import { completeCnAudit } from './complete-cn-audit.ts';
import { createCnAudit } from './create-cn-audit.ts';
import { getCnAuditStatus } from './get-cn-audit-status.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: a contact's CN audit status`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: CN audit timeline — none, processing, failed with a reason, resubmitted, pass', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const status = () => engine.run(getCnAuditStatus, { contactId: c.id }, { actor: a.actor });
      assert.deepEqual(await status(), { contactId: c.id, status: 'none', failedReason: '' });
      await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor });
      assert.deepEqual(await status(), { contactId: c.id, status: 'processing', failedReason: '' });
      await engine.run(completeCnAudit, { contactId: c.id, outcome: 'failed', reason: 'Scan unreadable' }, { actor: OPERATOR });
      assert.deepEqual(await status(), { contactId: c.id, status: 'failed', failedReason: 'Scan unreadable' });
      await engine.run(createCnAudit, { contactId: c.id, ...ENTERPRISE }, { actor: a.actor });
      assert.deepEqual(await status(), { contactId: c.id, status: 'processing', failedReason: '' });
      await engine.run(completeCnAudit, { contactId: c.id, outcome: 'pass' }, { actor: OPERATOR });
      assert.deepEqual(await status(), { contactId: c.id, status: 'pass', failedReason: '' });
    });

    test('failure: another account\'s contact', async () => {
      const a = await newAccount(engine);
      const theirs = await newContact(engine, await newAccount(engine));
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getCnAuditStatus, { contactId: theirs.id }, { actor: a.actor }), ContactNotFound);
    });
  });
}
