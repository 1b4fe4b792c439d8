import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { days } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import {
  CnAuditStatusProhibits, ConflictingParameters, ContactNotFound, InvalidValue, MissingParameter, NotAuthorizedOperation,
} from '../../errors/index.ts';
import {
  completeCnAudit, createCnAudit, EU_CITIZENSHIP_COUNTRIES, getCnAuditStatus, setContactEuSetting, setContactLvSetting, type CreateCnAuditInput,
} from './contact-registry-data.ts';
import { getContact } from './get-contact.ts';

const INDIVIDUAL = {
  contactType: 'Individual',
  individualIdType: 'SFZ',
  individualLicenseId: '110101199001011234',
  individualUrl: 'https://docs.example.com/id/scan.JPG',
} as const;

const ENTERPRISE = {
  ...INDIVIDUAL,
  contactType: 'Enterprise',
  enterpriseIdType: 'yyzz',
  enterpriseLicenseId: '91110000000000000X',
  enterpriseUrl: 'http://docs.example.com/licence.png',
} as const;

for (const backend of BACKENDS) {
  describe(`${backend}: contact registry data (EU, LV, CN audit)`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: EU citizenship from the allowed list, case-insensitive', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      assert.equal(EU_CITIZENSHIP_COUNTRIES.length, 30);
      const at = engine.clock.advance(days(1));
      assert.deepEqual(await engine.run(setContactEuSetting, { contactId: c.id, countryOfCitizenship: 'no' }, { actor: a.actor }),
        { ...c, euCitizenship: 'NO', updatedAt: at });
    });

    test('failure: EU citizenship outside the list, missing, another account\'s contact', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const theirs = await newContact(engine, await newAccount(engine));
      const db = engine.store.db;
      for (const country of ['US', 'GB', 'CH', 'EU', 'XX']) {
        await assertFailsAndChangesNothing(db, () => engine.run(setContactEuSetting, { contactId: c.id, countryOfCitizenship: country }, { actor: a.actor }), InvalidValue);
      }
      await assertFailsAndChangesNothing(db, () => engine.run(setContactEuSetting, { contactId: c.id, countryOfCitizenship: '' }, { actor: a.actor }), MissingParameter);
      await assertFailsAndChangesNothing(db, () => engine.run(setContactEuSetting, { contactId: theirs.id, countryOfCitizenship: 'FR' }, { actor: a.actor }), ContactNotFound);
    });

    test('success: LV registration number with and without VAT number (replaced as a whole)', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const v1 = await engine.run(setContactLvSetting, { contactId: c.id, registrationNumber: '40003000000', vatNumber: 'LV40003000000' }, { actor: a.actor });
      assert.deepEqual(v1, { ...c, lvRegistrationNumber: '40003000000', lvVatNumber: 'LV40003000000' });
      const v2 = await engine.run(setContactLvSetting, { contactId: c.id, registrationNumber: '010101-12345' }, { actor: a.actor });
      assert.deepEqual(v2, { ...c, lvRegistrationNumber: '010101-12345', lvVatNumber: null });
    });

    test('failure: LV without registration number, bad characters, another account\'s contact', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const theirs = await newContact(engine, await newAccount(engine));
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(setContactLvSetting, { contactId: c.id, registrationNumber: '' }, { actor: a.actor }), MissingParameter);
      await assertFailsAndChangesNothing(db, () => engine.run(setContactLvSetting, { contactId: c.id, registrationNumber: '<script>' }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(db,
        () => engine.run(setContactLvSetting, { contactId: c.id, registrationNumber: '40003000000', vatNumber: 'x'.repeat(65) }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(db, () => engine.run(setContactLvSetting, { contactId: theirs.id, registrationNumber: '1' }, { actor: a.actor }), ContactNotFound);
    });

    test('success: CN audit timeline — none, processing, failed with a reason, resubmitted, pass', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const status = () => engine.run(getCnAuditStatus, { contactId: c.id }, { actor: a.actor });
      assert.deepEqual(await status(), { contactId: c.id, status: 'none', failedReason: '' });
      assert.deepEqual(await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor }), { contactId: c.id, status: 'processing', failedReason: '' });
      const stored = await engine.run(getContact, { contactId: c.id }, { actor: a.actor });
      assert.deepEqual(stored.cnAudit, { ...INDIVIDUAL, individualUrl: 'https://docs.example.com/id/scan.JPG' });
      assert.deepEqual(await engine.run(completeCnAudit, { contactId: c.id, outcome: 'failed', reason: 'Scan unreadable' }, { actor: OPERATOR }),
        { contactId: c.id, status: 'failed', failedReason: 'Scan unreadable' });
      assert.deepEqual(await status(), { contactId: c.id, status: 'failed', failedReason: 'Scan unreadable' });
      await engine.run(createCnAudit, { contactId: c.id, ...ENTERPRISE }, { actor: a.actor });
      assert.deepEqual((await engine.run(getContact, { contactId: c.id }, { actor: a.actor })).cnAudit, { ...ENTERPRISE, enterpriseIdType: 'YYZZ' });
      assert.deepEqual(await status(), { contactId: c.id, status: 'processing', failedReason: '' });
      await engine.run(completeCnAudit, { contactId: c.id, outcome: 'pass' }, { actor: OPERATOR });
      assert.deepEqual(await status(), { contactId: c.id, status: 'pass', failedReason: '' });
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

    test('failure: a second submission while processing; deciding an audit that is not processing; account cannot decide', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'pass' }, { actor: OPERATOR }), CnAuditStatusProhibits);
      await engine.run(createCnAudit, { contactId: c.id, ...INDIVIDUAL }, { actor: a.actor });
      await assertFailsAndChangesNothing(db, () => engine.run(createCnAudit, { contactId: c.id, ...ENTERPRISE }, { actor: a.actor }), CnAuditStatusProhibits);
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'pass' }, { actor: a.actor }), NotAuthorizedOperation);
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'failed' }, { actor: OPERATOR }), MissingParameter);
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: c.id, outcome: 'maybe' as never }, { actor: OPERATOR }), InvalidValue);
      await assertFailsAndChangesNothing(db, () => engine.run(completeCnAudit, { contactId: 99999999, outcome: 'pass' }, { actor: OPERATOR }), ContactNotFound);
      const theirs = await newContact(engine, await newAccount(engine));
      await assertFailsAndChangesNothing(db, () => engine.run(getCnAuditStatus, { contactId: theirs.id }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(createCnAudit, { contactId: theirs.id, ...INDIVIDUAL }, { actor: a.actor }), ContactNotFound);
    });
  });
}
