/**
 * QueryTemplate on each backend: built once per shape, then run with each
 * call's values, answering what the query built every time would; a build
 * that transforms a value is not cached and still answers right; plugins
 * (the statement counter) see each run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestStore } from '../../test/support/backends.ts';
import { StatementCounter } from '../../test/support/statement-counter.ts';
import type { Store } from '../store/index.ts';
import { QueryTemplate } from './query-template.ts';

for (const backend of BACKENDS) {
  describe(`QueryTemplate (${backend})`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(backend);
      await sql`insert into settings (key, value, updated_at) values ('qt-a', '"1"', now()), ('qt-b', '"2"', now()), ('qt-c', '"3"', now())`.execute(store.db);
    });
    after(() => store.close());

    test('built once per shape; each run answers its own values', async () => {
      let builds = 0;
      const t = new QueryTemplate((db, v: { readonly key: string; readonly other: string }, shape: { readonly both: boolean }) => {
        builds++;
        let q = db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'qt-%');
        q = shape.both ? q.where((eb) => eb.or([eb('key', '=', v.key), eb('key', '=', v.other)])) : q.where('key', '=', v.key);
        return q.orderBy('key');
      });
      const counter = new StatementCounter();
      const db = store.db.withPlugin(counter);
      assert.deepEqual(await t.execute(db, { key: 'qt-a', other: 'qt-c' }, { both: false }), [{ key: 'qt-a', value: '1' }]);
      assert.deepEqual(await t.execute(db, { key: 'qt-b', other: 'qt-c' }, { both: false }), [{ key: 'qt-b', value: '2' }]);
      assert.deepEqual(await t.execute(db, { key: 'qt-b', other: 'qt-c' }, { both: true }), [{ key: 'qt-b', value: '2' }, { key: 'qt-c', value: '3' }]);
      assert.deepEqual(await t.execute(db, { key: 'nothing', other: 'qt-a' }, { both: true }), [{ key: 'qt-a', value: '1' }]);
      assert.equal(builds, 2);
      assert.equal(counter.count, 4);
    });

    test('a build that transforms a value is built on every call, and answers right', async () => {
      let builds = 0;
      const t = new QueryTemplate((db, v: { readonly key: string }) => {
        builds++;
        return db.selectFrom('settings').select('key').where('key', '=', v.key.toLowerCase());
      });
      assert.deepEqual(await t.execute(store.db, { key: 'QT-A' }, undefined), [{ key: 'qt-a' }]);
      assert.deepEqual(await t.execute(store.db, { key: 'QT-C' }, undefined), [{ key: 'qt-c' }]);
      assert.equal(builds, 3); // the stand-in build, then one per call
    });
  });
}
