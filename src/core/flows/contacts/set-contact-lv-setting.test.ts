import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { ContactNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { setContactLvSetting } from './set-contact-lv-setting.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: a contact's Latvian numbers`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

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
  });
}
