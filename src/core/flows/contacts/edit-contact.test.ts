import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { JACK, newContact } from '../../../../test/support/contacts.ts';
import { days } from '../../clock.ts';
import { ContactNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { editContact } from './edit-contact.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: editContact`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: partial edit changes only the given fields; empty optional clears; nothing given writes nothing', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a, { organization: 'Slater Inc', fax: '+1.5555550000', middleName: 'J' });
      const at = engine.clock.advance(days(1));
      const v = await engine.run(editContact, { contactId: c.id, city: 'Santa Monica', postcode: '90401', fax: '', state: 'US-NY' }, { actor: a.actor });
      assert.deepEqual(v, { ...c, city: 'Santa Monica', postcode: '90401', fax: '', state: 'NY', updatedAt: at });
      engine.clock.advance(days(1));
      assert.deepEqual(await engine.run(editContact, { contactId: c.id }, { actor: a.actor }), v);
      const renamed = await engine.run(editContact, { contactId: c.id, name: 'John Matrix' }, { actor: a.actor });
      assert.deepEqual([renamed.firstName, renamed.middleName, renamed.lastName, renamed.name], ['John', 'J', 'Matrix', 'John J Matrix']);
    });

    test('success: replace (Dynadot edit_contact) rewrites every field and clears absent optional ones', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a, { organization: 'Slater Inc', fax: '+1.5555550000', middleName: 'J', email2: 'j2@example.com' });
      const at = engine.clock.advance(days(1));
      const v = await engine.run(editContact, { ...JACK, contactId: c.id, replace: true, city: 'Hollywood' }, { actor: a.actor });
      assert.deepEqual(v, { ...c, name: 'Jack Slater', organization: '', fax: '', middleName: '', email2: '', city: 'Hollywood', updatedAt: at });
    });

    test('success: registry extras survive a replace', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      await engine.store.db.updateTable('contacts').set({ eu_citizenship: 'FR' }).where('number', '=', c.id).execute();
      const v = await engine.run(editContact, { ...JACK, contactId: c.id, replace: true }, { actor: a.actor });
      assert.equal(v.euCitizenship, 'FR');
    });

    test('failure: replace without a required field', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      for (const field of ['name', 'address1', 'city', 'postcode', 'country', 'phone', 'email'] as const) {
        await assertFailsAndChangesNothing(engine.store.db,
          () => engine.run(editContact, { ...JACK, [field]: undefined, contactId: c.id, replace: true }, { actor: a.actor }), MissingParameter);
      }
    });

    test('failure: partial edit cannot empty a required field, nor take bad values', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      for (const field of ['firstName', 'lastName', 'address1', 'city', 'postcode', 'country', 'phone', 'email'] as const) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: c.id, [field]: '' }, { actor: a.actor }), MissingParameter);
      }
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: c.id, phone: '555' }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: c.id, country: 'XXX' }, { actor: a.actor }), InvalidValue);
      // the stored country is US: a Canadian subdivision is refused
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: c.id, state: 'CA-QC' }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: c.id, identType: 'op' }, { actor: a.actor }), MissingParameter);
    });

    test('failure: another account\'s contact, an unknown number, a bad number', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const theirs = await newContact(engine, b);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: theirs.id, city: 'Elsewhere' }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: 99999999, city: 'Elsewhere' }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: -1, city: 'Elsewhere' }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(editContact, { contactId: String(theirs.id) as unknown as number, city: 'Elsewhere' }, { actor: b.actor }), InvalidValue);
    });
  });
}
