import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { OPERATOR } from '../../context.ts';
import { ConflictingParameters, ContactNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { getContact } from './get-contact.ts';
import { listContacts } from './list-contacts.ts';
import { setDomainContacts } from './set-domain-contacts.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: getContact and listContacts`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: by number and by handle, with the live domains using it and their roles', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, a);
      const other = await newContact(engine, a, { name: 'Dekker Villain' });
      await engine.run(registerDomain, { name: 'slater-b.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'slater-a.com' }, { actor: a.actor });
      await engine.run(setDomainContacts, { name: 'slater-b.com', registrant: c.id, admin: other.id, tech: c.id }, { actor: a.actor });
      await engine.run(setDomainContacts, { name: 'slater-a.com', billing: c.id }, { actor: a.actor });
      const expected = {
        ...c,
        domains: [
          { domain: 'slater-a.com', unicodeDomain: 'slater-a.com', role: 'billing' },
          { domain: 'slater-b.com', unicodeDomain: 'slater-b.com', role: 'registrant' },
          { domain: 'slater-b.com', unicodeDomain: 'slater-b.com', role: 'tech' },
        ],
      };
      assert.deepEqual(await engine.run(getContact, { contactId: c.id }, { actor: a.actor }), expected);
      assert.deepEqual(await engine.run(getContact, { handle: c.handle.toLowerCase() }, { actor: a.actor }), expected);
      assert.deepEqual(await engine.run(getContact, { accountId: a.id, contactId: c.id }, { actor: OPERATOR }), expected);
      assert.deepEqual(await engine.run(listContacts, {}, { actor: a.actor }), {
        items: [expected, { ...other, domains: [{ domain: 'slater-b.com', unicodeDomain: 'slater-b.com', role: 'admin' }] }],
      });
    });

    test('success: a domain deleted and released no longer shows; an empty account lists nothing', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, a);
      await engine.run(registerDomain, { name: 'short-lived.com' }, { actor: a.actor });
      await engine.run(setDomainContacts, { name: 'short-lived.com', registrant: c.id }, { actor: a.actor });
      await engine.run(deleteDomain, { name: 'short-lived.com' }, { actor: a.actor });
      const row = await engine.store.db.selectFrom('domains').select('released_at').where('name', '=', 'short-lived.com').executeTakeFirstOrThrow();
      assert.notEqual(row.released_at, null, 'delete in add grace releases the name at once');
      assert.deepEqual(await engine.run(getContact, { contactId: c.id }, { actor: a.actor }), { ...c, domains: [] });
      const empty = await newAccount(engine);
      assert.deepEqual(await engine.run(listContacts, {}, { actor: empty.actor }), { items: [] });
    });

    test('failure: another account\'s contact by number or handle, unknown, bad input', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const theirs = await newContact(engine, b);
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(getContact, { contactId: theirs.id }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(getContact, { handle: theirs.handle }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(getContact, { handle: 'REGD-C1' }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(getContact, { contactId: 1.5 }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(db, () => engine.run(getContact, {} as never, { actor: a.actor }), MissingParameter);
      await assertFailsAndChangesNothing(db, () => engine.run(getContact, { contactId: theirs.id, handle: theirs.handle } as never, { actor: b.actor }), ConflictingParameters);
    });
  });
}
