import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { CN_INDIVIDUAL_AUDIT as INDIVIDUAL, newContact } from '../../../../test/support/contacts.ts';
import { OPERATOR, SYSTEM } from '../../context.ts';
import { NotAuthorizedOperation } from '../../errors/index.ts';
import { CN_AUDIT_DECISION_MS, CN_AUDIT_REVIEW_MS, validCreditCode, validIdCardNumber } from './cn-audit-timetable.ts';
import { createCnAudit } from './create-cn-audit.ts';
import { decideDueCnAudits } from './decide-due-cn-audits.ts';
import { getCnAuditStatus } from './get-cn-audit-status.ts';
import { getContact } from './get-contact.ts';

const VALID_SFZ = '110101199001011237';

for (const backend of BACKENDS) {
  describe(`${backend}: CN audits on the engine clock`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: processing, then waiting for CNNIC, then decided by the ID number; the sweeper persists what readers already saw', async () => {
      const a = await newAccount(engine);
      const good = await newContact(engine, a);
      const bad = await newContact(engine, a);
      await engine.run(createCnAudit, { contactId: good.id, ...INDIVIDUAL, individualLicenseId: VALID_SFZ }, { actor: a.actor });
      await engine.run(createCnAudit, { contactId: bad.id, ...INDIVIDUAL }, { actor: a.actor });
      const status = (id: number) => engine.run(getCnAuditStatus, { contactId: id }, { actor: a.actor });
      assert.equal((await status(good.id)).status, 'processing');
      engine.clock.advance(CN_AUDIT_REVIEW_MS);
      assert.equal((await status(good.id)).status, 'waiting');
      assert.deepEqual(await engine.run(decideDueCnAudits, {}, { actor: SYSTEM }), { passed: 0, failed: 0 });
      engine.clock.advance(CN_AUDIT_DECISION_MS - CN_AUDIT_REVIEW_MS);
      // Due: reported before the sweeper has run.
      assert.deepEqual(await status(good.id), { contactId: good.id, status: 'pass', failedReason: '' });
      const failed = await status(bad.id);
      assert.equal(failed.status, 'failed');
      assert.match(failed.failedReason, /SFZ/);
      assert.equal((await engine.run(getContact, { contactId: bad.id }, { actor: a.actor })).cnAuditStatus, 'processing');
      assert.deepEqual(await engine.run(decideDueCnAudits, {}, { actor: SYSTEM }), { passed: 1, failed: 1 });
      const stored = await engine.run(getContact, { contactId: bad.id }, { actor: a.actor });
      assert.equal(stored.cnAuditStatus, 'failed');
      assert.equal(stored.cnAuditFailedReason, failed.failedReason);
      assert.deepEqual(await engine.run(decideDueCnAudits, {}, { actor: OPERATOR }), { passed: 0, failed: 0 });
      // A failed audit may be resubmitted at once.
      await engine.run(createCnAudit, { contactId: bad.id, ...INDIVIDUAL, individualLicenseId: VALID_SFZ }, { actor: a.actor });
      assert.equal((await status(bad.id)).status, 'processing');
    });

    test('success: check characters of the ID card number and the credit code', () => {
      assert.equal(validIdCardNumber(VALID_SFZ), true);
      assert.equal(validIdCardNumber('11010119900101123x'), false);
      assert.equal(validIdCardNumber('110101199001011234'), false);
      assert.equal(validCreditCode('91110000600037341L'), true);
      assert.equal(validCreditCode('91110000600037341M'), false);
      assert.equal(validCreditCode('91110000000000000X'), false);
    });

    test('failure: an account cannot run the sweeper flow', async () => {
      const a = await newAccount(engine);
      await assert.rejects(engine.run(decideDueCnAudits, {}, { actor: a.actor }), NotAuthorizedOperation);
    });
  });
}
