import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { CN_ENTERPRISE_AUDIT as ENTERPRISE, CN_INDIVIDUAL_AUDIT as INDIVIDUAL, newContact } from '../../../../test/support/contacts.ts';
import { OPERATOR } from '../../context.ts';
import { CnAuditStatusProhibits, ConflictingParameters, ContactNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { completeCnAudit } from './complete-cn-audit.ts';
import { createCnAudit, type CreateCnAuditInput } from './create-cn-audit.ts';
import { getContact } from './get-contact.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: submitting a CN audit`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: a submission is processing and stores the documents; after a failed audit it may be resubmitted', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      assert.deepEqual(await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor }), { contactId: c.id, status: 'processing', failedReason: '' });
      const stored = await engine.run(getContact, { contactId: c.id }, { actor: a.actor });
      const submittedAt = engine.clock.now().toISOString();
      assert.deepEqual(stored.cnAudit, { ...INDIVIDUAL, individualUrl: 'https://docs.example.com/id/scan.JPG', submittedAt });
      await engine.run(completeCnAudit, { contactId: c.id, outcome: 'failed', reason: 'Scan unreadable' }, { actor: OPERATOR });
      assert.deepEqual(await engine.run(createCnAudit, { contactId: c.id, ...ENTERPRISE }, { actor: a.actor }), { contactId: c.id, status: 'processing', failedReason: '' });
      assert.deepEqual((await engine.run(getContact, { contactId: c.id }, { actor: a.actor })).cnAudit, { ...ENTERPRISE, enterpriseIdType: 'YYZZ', submittedAt });
    });

    test('failure: Enterprise without its enterprise fields; Individual with them', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const db = engine.store.db;
      for (const field of ['enterpriseIdType', 'enterpriseLicenseId', 'enterpriseUrl'] as const) {
        const e = await assertFailsAndChangesNothing(db,
          () => engine.run(createCnAudit, { contactId: c.id, ...ENTERPRISE, [field]: undefined }, { actor: a.actor }), MissingParameter);
        assert.equal((e as MissingParameter).param, field.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`));
      }
      const e = await assertFailsAndChangesNothing(db,
        () => engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL, enterpriseUrl: 'http://x.example/a.png' }, { actor: a.actor }), ConflictingParameters);
      assert.equal((e as ConflictingParameters).param, 'enterprise_url');
    });

    test('failure: CN audit enumerations and document URLs', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const cases: [Partial<CreateCnAuditInput>, string][] = [
        [{ contactType: 'Person' as never }, 'contact_type'],
        [{ individualIdType: 'PASSPORT' }, 'individual_id_type'],
        [{ individualUrl: 'ftp://docs.example.com/a.jpg' }, 'individual_url'],
        [{ individualUrl: 'https://docs.example.com/a.pdf' }, 'individual_url'],
        [{ individualUrl: 'https://docs.example.com/a.pdf?x=1.jpg' }, 'individual_url'],
        [{ individualUrl: 'not a url.jpg' }, 'individual_url'],
        [{ enterpriseIdType: 'SFZ' }, 'enterprise_id_type'],
        [{ enterpriseUrl: 'https://docs.example.com/licence.tiff' }, 'enterprise_url'],
      ];
      for (const [patch, param] of cases) {
        const e = await assertFailsAndChangesNothing(engine.store.db,
          () => engine.run(createCnAudit, { contactId: c.id, ...ENTERPRISE, ...patch }, { actor: a.actor }), InvalidValue);
        assert.equal((e as InvalidValue).param, param, JSON.stringify(patch));
      }
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL, individualLicenseId: '' }, { actor: a.actor }), MissingParameter);
    });

    test('failure: a second submission while processing; another account\'s contact', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const db = engine.store.db;
      await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor });
      await assertFailsAndChangesNothing(db, () => engine.run(createCnAudit, { contactId: c.id, ...ENTERPRISE }, { actor: a.actor }), CnAuditStatusProhibits);
      const theirs = await newContact(engine, await newAccount(engine));
      await assertFailsAndChangesNothing(db, () => engine.run(createCnAudit, { contactId: theirs.id, ...INDIVIDUAL }, { actor: a.actor }), ContactNotFound);
    });
  });
}
