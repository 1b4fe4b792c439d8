import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { ContactInUse, ContactNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { deleteContact } from './delete-contact.ts';
import { listContacts } from './list-contacts.ts';
import { setDomainContacts } from './set-domain-contacts.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: deleteContact`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const numbersOf = async (a: TestAccount) => (await engine.run(listContacts, {}, { actor: a.actor })).items.map((c) => c.id);

    test('success: several contacts at once, duplicates counted once', async () => {
      const a = await newAccount(engine);
      const c1 = await newContact(engine, a);
      const c2 = await newContact(engine, a);
      const keep = await newContact(engine, a);
      assert.deepEqual(await engine.run(deleteContact, { contactIds: [c2.id, c1.id, c2.id] }, { actor: a.actor }), { deleted: [c2.id, c1.id] });
      assert.deepEqual(await numbersOf(a), [keep.id]);
    });

    test('success: a released registration does not hold its contacts and is detached', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, a);
      await engine.run(registerDomain, { name: 'gone-soon.com' }, { actor: a.actor });
      await engine.run(setDomainContacts, { name: 'gone-soon.com', registrant: c.id, admin: c.id, tech: c.id, billing: c.id }, { actor: a.actor });
      await engine.run(deleteDomain, { name: 'gone-soon.com' }, { actor: a.actor });
      assert.deepEqual(await engine.run(deleteContact, { contactIds: [c.id] }, { actor: a.actor }), { deleted: [c.id] });
      const row = await engine.store.db.selectFrom('domains').selectAll().where('name', '=', 'gone-soon.com').executeTakeFirstOrThrow();
      assert.deepEqual([row.registrant_contact_id, row.admin_contact_id, row.tech_contact_id, row.billing_contact_id], [null, null, null, null]);
    });

    test('success: delete racing an assignment ends consistent — deleted and unassigned, or assigned and kept', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'race-whois.com' }, { actor: a.actor });
      for (let round = 0; round < 8; round++) {
        const c = await newContact(engine, a);
        const [del, set] = await Promise.allSettled([
          engine.run(deleteContact, { contactIds: [c.id] }, { actor: a.actor }),
          engine.run(setDomainContacts, { name: 'race-whois.com', admin: c.id }, { actor: a.actor }),
        ]);
        const domain = await engine.store.db.selectFrom('domains').select('admin_contact_id').where('name', '=', 'race-whois.com').executeTakeFirstOrThrow();
        const row = await engine.store.db.selectFrom('contacts').select('id').where('number', '=', c.id).executeTakeFirst();
        if (del.status === 'fulfilled') {
          assert.equal(row, undefined);
          assert.ok(set.status === 'rejected' && set.reason instanceof ContactNotFound, String(set.status === 'rejected' ? set.reason : 'set succeeded'));
        } else {
          assert.ok(del.reason instanceof ContactInUse, String(del.reason));
          assert.equal(set.status, 'fulfilled');
          assert.equal(domain.admin_contact_id, row?.id);
        }
        await engine.run(setDomainContacts, { name: 'race-whois.com', admin: null }, { actor: a.actor });
      }
    });

    test('failure: used by a live domain in any role; all or nothing; the error names the contacts', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const free = await newContact(engine, a, { name: 'Free Man' });
      const jack = await newContact(engine, a);
      const danny = await newContact(engine, a, { name: 'Danny Madigan' });
      await engine.run(registerDomain, { name: 'last-action-hero.com' }, { actor: a.actor });
      for (const role of ['registrant', 'admin', 'tech', 'billing'] as const) {
        await engine.run(setDomainContacts, { name: 'last-action-hero.com', registrant: null, [role]: jack.id }, { actor: a.actor });
        const e = await assertFailsAndChangesNothing(engine.store.db,
          () => engine.run(deleteContact, { contactIds: [free.id, jack.id] }, { actor: a.actor }), ContactInUse);
        assert.deepEqual(e.message, 'Contacts in use cannot be deleted: Jack Slater.');
        assert.deepEqual((e as ContactInUse).details, { contactIds: [jack.id], names: ['Jack Slater'] });
        await engine.run(setDomainContacts, { name: 'last-action-hero.com', [role]: null }, { actor: a.actor });
      }
      await engine.run(setDomainContacts, { name: 'last-action-hero.com', registrant: danny.id, tech: jack.id }, { actor: a.actor });
      const e = await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(deleteContact, { contactIds: [jack.id, free.id, danny.id] }, { actor: a.actor }), ContactInUse);
      assert.deepEqual((e as ContactInUse).details, { contactIds: [jack.id, danny.id], names: ['Jack Slater', 'Danny Madigan'] });
      assert.deepEqual(await numbersOf(a), [free.id, jack.id, danny.id]);
    });

    test('failure: used by an NSSET as tech contact', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const row = await engine.store.db.selectFrom('contacts').select('id').where('number', '=', c.id).executeTakeFirstOrThrow();
      const now = engine.clock.now();
      await engine.store.db.insertInto('nssets').values({ account_id: a.id, handle: `NSS-${c.id}`, tech_contact_id: row.id, created_at: now, updated_at: now }).execute();
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteContact, { contactIds: [c.id] }, { actor: a.actor }), ContactInUse);
    });

    test('failure: named by the account defaults or a folder template', async () => {
      const a = await newAccount(engine);
      const byDefault = await newContact(engine, a);
      const byFolder = await newContact(engine, a, { name: 'Folder Person' });
      const now = engine.clock.now();
      await engine.store.db.insertInto('account_defaults')
        .values({ account_id: a.id, template: JSON.stringify({ contacts: { registrant: byDefault.id } }) as never, updated_at: now }).execute();
      await engine.store.db.insertInto('folders')
        .values({ account_id: a.id, name: 'Shops', template: JSON.stringify({ contacts: { billing: String(byFolder.id) } }) as never, created_at: now, updated_at: now })
        .execute();
      const e1 = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteContact, { contactIds: [byDefault.id] }, { actor: a.actor }), ContactInUse);
      assert.deepEqual((e1 as ContactInUse).details.names, ['Jack Slater']);
      const e2 = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteContact, { contactIds: [byFolder.id] }, { actor: a.actor }), ContactInUse);
      assert.deepEqual((e2 as ContactInUse).details.names, ['Folder Person']);
    });

    test('failure: another account\'s contact (even next to an own one), unknown, empty or bad list', async () => {
      const a = await newAccount(engine);
      const b = await newContact(engine, await newAccount(engine));
      const mine = await newContact(engine, a);
      const db = engine.store.db;
      const e = await assertFailsAndChangesNothing(db, () => engine.run(deleteContact, { contactIds: [mine.id, b.id] }, { actor: a.actor }), ContactNotFound);
      assert.equal(e.message, `Contact ${b.id} not found in this account.`);
      await assertFailsAndChangesNothing(db, () => engine.run(deleteContact, { contactIds: [99999999] }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(deleteContact, { contactIds: [] }, { actor: a.actor }), MissingParameter);
      await assertFailsAndChangesNothing(db, () => engine.run(deleteContact, { contactIds: [0] }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(db, () => engine.run(deleteContact, { contactIds: mine.id as never }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(db, () => engine.run(deleteContact, { contactIds: Array.from({ length: 101 }, (_, i) => i + 1) }, { actor: a.actor }), InvalidValue);
    });
  });
}
