import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { CN_INDIVIDUAL_AUDIT as INDIVIDUAL, newContact } from '../../../../test/support/contacts.ts';
import { OPERATOR } from '../../context.ts';
import { CnAuditStatusProhibits, ContactNotFound, InvalidValue, MissingParameter, NotAuthorizedOperation } from '../../errors/index.ts';
import { completeCnAudit } from './complete-cn-audit.ts';
import { createCnAudit } from './create-cn-audit.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: deciding a CN audit`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: the operator fails a processing audit with a reason, or passes it', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor });
      assert.deepEqual(await engine.run(completeCnAudit, { contactId: c.id, outcome: 'failed', reason: 'Scan unreadable' }, { actor: OPERATOR }),
        { contactId: c.id, status: 'failed', failedReason: 'Scan unreadable' });
      await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor });
      assert.deepEqual(await engine.run(completeCnAudit, { contactId: c.id, outcome: 'pass' }, { actor: OPERATOR }), { contactId: c.id, status: 'pass', failedReason: '' });
    });

    test('failure: deciding an audit that is not processing; account cannot decide; a failure without a reason; an unknown outcome or contact', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'pass' }, { actor: OPERATOR }), CnAuditStatusProhibits);
      await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor });
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'pass' }, { actor: a.actor }), NotAuthorizedOperation);
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'failed' }, { actor: OPERATOR }), MissingParameter);
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'maybe' as never }, { actor: OPERATOR }), InvalidValue);
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: 99999999, outcome: 'pass' }, { actor: OPERATOR }), ContactNotFound);
    });
  });
}
