import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { minutes } from '../../clock.ts';
import { DomainNotFound, InvalidValue } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { addRecord } from './add-record.ts';
import { updateRecord } from './update-record.ts';
import { deleteRecord } from './delete-record.ts';
import { commitZone } from './commit-zone.ts';
import { listRecordNotes } from './record-notes.ts';

const START = '2026-01-15T10:00:00Z';
const at = (m: number) => new Date(new Date(START).getTime() + minutes(m));

for (const backend of BACKENDS) {
  describe(`${backend}: DNS record comments and change times`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());
    beforeEach(() => engine.clock.set(START));

    test('success: the comment given with the record, the time of its last change, in the chosen view', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const name = 'notes.com';
      await engine.run(registerDomain, { name }, { actor: a.actor });
      const www = (await engine.run(addRecord, { name, record: { type: 'A', name: 'www', value: '192.0.2.1' }, comment: 'by lego' }, { actor: a.actor })).record;
      engine.clock.advance(minutes(1));
      const txt = (await engine.run(addRecord, { name, record: { type: 'TXT', name: '@', value: 'x' }, staged: true }, { actor: a.actor })).record;
      const notes = (includeStaged: boolean, recordIds?: number[]) =>
        engine.run(listRecordNotes, { name, includeStaged, ...(recordIds ? { recordIds } : {}) }, { actor: a.actor });

      assert.deepEqual(await notes(true), [{ id: www.id, comment: 'by lego', changedAt: at(0) }, { id: txt.id, comment: '', changedAt: at(1) }]);
      assert.deepEqual(await notes(false), [{ id: www.id, comment: 'by lego', changedAt: at(0) }], 'a staged addition is not published');
      assert.deepEqual(await notes(true, [txt.id, 999_999]), [{ id: txt.id, comment: '', changedAt: at(1) }]);

      engine.clock.advance(minutes(1));
      await engine.run(updateRecord, { recordId: www.id, record: { type: 'A', name: 'www', value: '192.0.2.2' } }, { actor: a.actor });
      engine.clock.advance(minutes(1));
      await engine.run(commitZone, { name }, { actor: a.actor });
      assert.deepEqual(await notes(false), [{ id: www.id, comment: 'by lego', changedAt: at(2) }, { id: txt.id, comment: '', changedAt: at(3) }], 'an update keeps the comment; a commit is the change of what it publishes');
      await engine.run(deleteRecord, { recordId: txt.id, staged: true }, { actor: a.actor });
      assert.deepEqual((await notes(true)).map((n) => n.id), [www.id], 'a staged deletion is gone from the pending view');
    });

    test('failure: a comment too long or with control characters; another account\'s zone', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const name = 'notes-bad.com';
      await engine.run(registerDomain, { name }, { actor: a.actor });
      for (const comment of ['x'.repeat(256), 'two\nlines', 'bell\u0007']) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(addRecord, { name, record: { type: 'A', name: 'www', value: '192.0.2.1' }, comment }, { actor: a.actor }), InvalidValue);
      }
      assert.equal((await engine.run(addRecord, { name, record: { type: 'A', name: 'www', value: '192.0.2.1' }, comment: 'x'.repeat(255) }, { actor: a.actor })).record.name, 'www');
      await assert.rejects(engine.run(listRecordNotes, { name }, { actor: b.actor }), DomainNotFound);
    });
  });
}
