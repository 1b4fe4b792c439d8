import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { JACK, JACK_FIELDS } from '../../../../test/support/contacts.ts';
import { OPERATOR } from '../../context.ts';
import { AccountSuspended, ConflictingParameters, InvalidValue, MissingParameter, NotAuthorizedOperation } from '../../errors/index.ts';
import { setAccountStatus } from '../accounts/index.ts';
import { contactHandle, contactNumberOfHandle, createContact, type CreateContactInput } from './create-contact.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: createContact`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: Dynadot-style full name is split on the last space; number and handle are stored', async () => {
      const a = await newAccount(engine);
      const v = await engine.run(createContact, JACK, { actor: a.actor });
      const now = engine.clock.now();
      assert.deepEqual(v, { ...JACK_FIELDS, id: v.id, handle: `REGD-C${v.id}`, createdAt: now, updatedAt: now });
      assert.ok(v.id >= 100001);
      const row = await engine.store.db.selectFrom('contacts').selectAll().where('number', '=', v.id).executeTakeFirstOrThrow();
      assert.equal(row.account_id, a.id);
      assert.equal(row.handle, v.handle);
      const split = await engine.run(createContact, { ...JACK, name: '  Jean   Claude Van  Damme ' }, { actor: a.actor });
      assert.deepEqual([split.firstName, split.lastName, split.name], ['Jean Claude Van', 'Damme', 'Jean Claude Van Damme']);
      assert.ok(split.id > v.id, 'numbers grow');
    });

    test('success: every optional field, normalized (WEDOS own_* and Freenom fields)', async () => {
      const a = await newAccount(engine);
      const input: CreateContactInput = {
        title: 'Mr', firstName: ' Jan ', middleName: 'Q', lastName: 'Novák', organization: 'Firma s.r.o.',
        address1: 'Hlavní 1', address2: 'Budova B', address3: '3. patro', city: 'Praha', state: 'cz-10', postcode: '110 00', country: 'cz',
        phone: '+420 123 456 789', fax: '+420.987654321', email: ' jan@example.cz ', email2: 'jan2@example.cz', notifyEmail: 'notify@example.cz',
        companyNumber: '12345678', vatNumber: 'CZ12345678', identType: 'ICO', identValue: '12345678',
      };
      const v = await engine.run(createContact, input, { actor: a.actor });
      const now = engine.clock.now();
      assert.deepEqual(v, {
        ...JACK_FIELDS, id: v.id, handle: `REGD-C${v.id}`, createdAt: now, updatedAt: now,
        name: 'Jan Q Novák', title: 'Mr', firstName: 'Jan', middleName: 'Q', lastName: 'Novák', organization: 'Firma s.r.o.',
        address1: 'Hlavní 1', address2: 'Budova B', address3: '3. patro', city: 'Praha', state: '10', postcode: '110 00', country: 'CZ',
        phone: '+420123456789', fax: '+420.987654321', email: 'jan@example.cz', email2: 'jan2@example.cz', notifyEmail: 'notify@example.cz',
        companyNumber: '12345678', vatNumber: 'CZ12345678', identType: 'ico', identValue: '12345678',
      });
    });

    test('success: an operator creates a contact in a named account', async () => {
      const a = await newAccount(engine);
      const v = await engine.run(createContact, { ...JACK, accountId: a.id }, { actor: OPERATOR });
      const row = await engine.store.db.selectFrom('contacts').select('account_id').where('number', '=', v.id).executeTakeFirstOrThrow();
      assert.equal(row.account_id, a.id);
    });

    test('failure: each missing required field', async () => {
      const a = await newAccount(engine);
      const base: CreateContactInput = { ...JACK, name: undefined, firstName: 'Jack', lastName: 'Slater' };
      const required = ['firstName', 'lastName', 'address1', 'city', 'postcode', 'country', 'phone', 'email'] as const;
      const params = ['first_name', 'last_name', 'address1', 'city', 'postcode', 'country', 'phone', 'email'];
      for (const [i, field] of required.entries()) {
        for (const value of [undefined, '', '   ']) {
          const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, { ...base, [field]: value }, { actor: a.actor }), MissingParameter);
          assert.equal((e as MissingParameter).param, params[i]);
        }
      }
    });

    test('failure: bad phone, fax, country, state, e-mail, postcode, name, identification', async () => {
      const a = await newAccount(engine);
      const cases: [Partial<CreateContactInput>, string][] = [
        [{ phone: '5555555233' }, 'phone'],
        [{ phone: '+1.55' }, 'phone'],
        [{ phone: '+1.555-CALL-NOW' }, 'phone'],
        [{ fax: 'fax me' }, 'fax'],
        [{ country: 'USA' }, 'country'],
        [{ country: 'U1' }, 'country'],
        [{ state: 'FR-75' }, 'state'],
        [{ state: 'CALI' }, 'state'],
        [{ state: 'C.A' }, 'state'],
        [{ email: 'jack' }, 'email'],
        [{ email2: 'not an address' }, 'email2'],
        [{ notifyEmail: 'x@y' }, 'notify_email'],
        [{ postcode: '90068!' }, 'postcode'],
        [{ postcode: '1'.repeat(17) }, 'postcode'],
        [{ name: 'Jack\u0007 Slater' }, 'name'],
        [{ city: 'Los\nAngeles' }, 'city'],
        [{ identType: 'dna', identValue: 'x' }, 'ident_type'],
        [{ address1: 'x'.repeat(256) }, 'address1'],
      ];
      for (const [patch, param] of cases) {
        const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, { ...JACK, ...patch }, { actor: a.actor }), InvalidValue);
        assert.equal((e as InvalidValue).param, param, JSON.stringify(patch));
      }
    });

    test('failure: an identification needs both type and value; name conflicts with first/last name', async () => {
      const a = await newAccount(engine);
      const e1 = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, { ...JACK, identType: 'op' }, { actor: a.actor }), MissingParameter);
      assert.equal((e1 as MissingParameter).param, 'ident_value');
      const e2 = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, { ...JACK, identValue: '123' }, { actor: a.actor }), MissingParameter);
      assert.equal((e2 as MissingParameter).param, 'ident_type');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, { ...JACK, firstName: 'Jack' }, { actor: a.actor }), ConflictingParameters);
    });

    test('failure: operator without an account, suspended account', async () => {
      const a = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, JACK, { actor: OPERATOR }), NotAuthorizedOperation);
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, JACK, { actor: a.actor }), AccountSuspended);
    });
  });
}

test('contactNumberOfHandle: the number a handle names (trimmed, any case), undefined for anything that is no contact handle', () => {
  assert.equal(contactNumberOfHandle('REGD-C100001'), 100001);
  assert.equal(contactNumberOfHandle(' regd-c7 '), 7);
  assert.equal(contactNumberOfHandle(contactHandle(9_007_199_254_740_991)), 9_007_199_254_740_991);
  for (const h of ['', 'REGD-C', 'REGD-C0', 'REGD-C01', 'REGD-C-1', 'REGD-C1.5', 'REGD-C1e3', 'REGD-C 1', 'REGD-H12', 'C12', '12', 'REGD-C9007199254740993', 'REGD-C12345678901234567']) {
    assert.equal(contactNumberOfHandle(h), undefined, h);
  }
});
