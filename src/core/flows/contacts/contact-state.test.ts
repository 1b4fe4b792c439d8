/**
 * A contact's state is an ISO 3166-2 subdivision code of its country (the
 * iso-3166 data package): with or without the country prefix, any case;
 * stored without the prefix. Codes of another country, codes the standard
 * does not list (XX, the withdrawn FR-75) and states of a country without
 * subdivisions are refused, by create and edit alike.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { JACK, newContact } from '../../../../test/support/contacts.ts';
import { InvalidValue } from '../../errors/index.ts';
import { hasSubdivisions, isSubdivisionOf } from '../../subdivisions.ts';
import { createContact } from './create-contact.ts';
import { editContact } from './edit-contact.ts';

const PARIS = { address1: '1 rue de Rivoli', city: 'Paris', postcode: '75001', country: 'FR', phone: '+33.140000000' } as const;

describe('ISO 3166-2 subdivisions (iso-3166 data)', () => {
  test('success: every level of a country counts; the standard\'s current codes only', () => {
    assert.deepEqual(['75C', 'IDF', '69', '2A', '971'].map((p) => isSubdivisionOf('FR', p)), [true, true, true, true, true]);
    assert.deepEqual(['CA', 'NY', 'DC'].map((p) => isSubdivisionOf('US', p)), [true, true, true]);
    assert.deepEqual([isSubdivisionOf('FR', '75'), isSubdivisionOf('FR', 'XX'), isSubdivisionOf('US', 'QC'), isSubdivisionOf('ZZ', 'CA')], [false, false, false, false]);
    assert.deepEqual([hasSubdivisions('CZ'), hasSubdivisions('VA'), hasSubdivisions('ZZ')], [true, false, false]);
  });
});

for (const backend of BACKENDS) {
  describe(`${backend}: contact state against ISO 3166-2`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: prefixed or not, any case, stored without the prefix', async () => {
      const a = await newAccount(engine);
      for (const [state, stored] of [['FR-75C', '75C'], ['fr-idf', 'IDF'], ['69', '69'], ['2a', '2A']] as const) {
        const c = await engine.run(createContact, { ...JACK, ...PARIS, state }, { actor: a.actor });
        assert.equal(c.state, stored, state);
      }
      const c = await newContact(engine, a);
      assert.equal((await engine.run(editContact, { contactId: c.id, state: 'us-tx' }, { actor: a.actor })).state, 'TX');
    });

    test('failure: a code the standard does not list for the country, or a country without subdivisions', async () => {
      const a = await newAccount(engine);
      for (const [patch, reason] of [
        [{ ...PARIS, state: 'XX' }, 'FR-XX is not an ISO 3166-2 subdivision code of FR'],
        [{ ...PARIS, state: 'FR-75' }, 'FR-75 is not an ISO 3166-2 subdivision code of FR'],
        [{ state: 'QC' }, 'US-QC is not an ISO 3166-2 subdivision code of US'],
        [{ country: 'VA', state: '01' }, 'ISO 3166-2 lists no subdivisions of VA: leave the state empty'],
      ] as const) {
        const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createContact, { ...JACK, ...patch }, { actor: a.actor }), InvalidValue);
        assert.deepEqual([(e as InvalidValue).details.param, (e as InvalidValue).details.reason], ['state', reason], JSON.stringify(patch));
      }
      const c = await newContact(engine, a);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: c.id, state: 'ZZ' }, { actor: a.actor }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(editContact, { contactId: c.id, country: 'FR' }, { actor: a.actor }), InvalidValue);
    });
  });
}
