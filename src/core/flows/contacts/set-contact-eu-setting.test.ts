import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { days } from '../../clock.ts';
import { ContactNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { EU_CITIZENSHIP_COUNTRIES, setContactEuSetting } from './set-contact-eu-setting.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: a contact's EU citizenship`, () => {
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
  });
}
