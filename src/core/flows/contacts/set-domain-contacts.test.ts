import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { days } from '../../clock.ts';
import type { FlowContext } from '../../context.ts';
import { ContactNotFound, DomainNotFound, DomainStatusProhibits, InvalidValue } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { getDomain } from '../domains/get-domain.ts';
import { resolveContactIds, setDomainContacts, type ContactAssignment } from './set-domain-contacts.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: setDomainContacts`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const internalId = async (number: number) =>
      (await engine.store.db.selectFrom('contacts').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;

    test('success: assigns all four roles; undefined keeps, null clears; updated_at stamped', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const owner = await newContact(engine, a);
      const admin = await newContact(engine, a, { name: 'Admin Person' });
      const d = (await engine.run(registerDomain, { name: 'whois-set.com' }, { actor: a.actor })).domain;
      const at = engine.clock.advance(days(1));
      const v = await engine.run(setDomainContacts, { name: 'WHOIS-SET.com', registrant: owner.id, admin: admin.id, tech: admin.id, billing: owner.id }, { actor: a.actor });
      assert.deepEqual(v, { name: 'whois-set.com', registrant: owner.id, admin: admin.id, tech: admin.id, billing: owner.id });
      const [ownerId, adminId] = [await internalId(owner.id), await internalId(admin.id)];
      assert.deepEqual(await engine.run(getDomain, { name: 'whois-set.com' }, { actor: a.actor }),
        { ...d, updatedAt: at, contacts: { registrant: ownerId, admin: adminId, tech: adminId, billing: ownerId } });
      const cleared = await engine.run(setDomainContacts, { name: 'whois-set.com', tech: null, billing: admin.id }, { actor: a.actor });
      assert.deepEqual(cleared, { name: 'whois-set.com', registrant: owner.id, admin: admin.id, tech: null, billing: admin.id });
      assert.deepEqual(await engine.run(setDomainContacts, { name: 'whois-set.com' }, { actor: a.actor }), cleared);
    });

    test('success: resolveContactIds maps numbers to domain columns for registration and transfers', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      const resolve = (assignment: ContactAssignment) => engine.run((ctx: FlowContext, x: ContactAssignment) => resolveContactIds(ctx, a.id, x), assignment, { actor: a.actor });
      const id = await internalId(c.id);
      assert.deepEqual(await resolve({ registrant: c.id, billing: null }), { registrant_contact_id: id, billing_contact_id: null });
      assert.deepEqual(await resolve({}), {});
    });

    test('failure: another account\'s contact, unknown contact, bad number', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      const mine = await newContact(engine, a);
      const theirs = await newContact(engine, b);
      await engine.run(registerDomain, { name: 'whois-guard.com' }, { actor: a.actor });
      const db = engine.store.db;
      const e = await assertFailsAndChangesNothing(db,
        () => engine.run(setDomainContacts, { name: 'whois-guard.com', registrant: mine.id, tech: theirs.id }, { actor: a.actor }), ContactNotFound);
      assert.equal((e as ContactNotFound).details.param, 'tech');
      await assertFailsAndChangesNothing(db, () => engine.run(setDomainContacts, { name: 'whois-guard.com', admin: 99999999 }, { actor: a.actor }), ContactNotFound);
      await assertFailsAndChangesNothing(db, () => engine.run(setDomainContacts, { name: 'whois-guard.com', admin: 0 }, { actor: a.actor }), InvalidValue);
    });

    test('failure: another account\'s domain is not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      const hers = await newContact(engine, b);
      await engine.run(registerDomain, { name: 'not-hers.com' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(setDomainContacts, { name: 'not-hers.com', registrant: hers.id }, { actor: b.actor }), DomainNotFound);
    });

    test('failure: a registration the registry has not confirmed yet (pending create)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, a);
      await engine.run(registerDomain, { name: 'whois-pending.cn' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db,
        () => engine.run(setDomainContacts, { name: 'whois-pending.cn', registrant: c.id }, { actor: a.actor }), DomainStatusProhibits);
    });
  });
}
