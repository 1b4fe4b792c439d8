/**
 * Named prepared statements (PostgreSQL: prepared-pool.ts, PGlite:
 * pglite-pool.ts): a parameterised statement is prepared once (per
 * connection) and answers as before; statements without parameters and
 * transactions work unchanged; a statement the database refuses fails with
 * its own error; a table changed under a prepared `select *` is read again
 * with its new columns instead of failing. On PostgreSQL, a statement whose
 * row description the connection knows is sent without Describe (Bind,
 * Execute, Sync), and its rows still parse by their types.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { BACKENDS, openTestStore } from '../../test/support/backends.ts';
import type { Store } from './database.ts';
import { PreparedStatementPool } from './prepared-pool.ts';

for (const backend of BACKENDS) {
  describe(`prepared statements (${backend})`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(backend);
      await sql`create table prepared_probe (id int primary key, label text not null)`.execute(store.db);
      await sql`insert into prepared_probe values (1, 'one'), (2, 'two'), (3, 'three')`.execute(store.db);
    });
    after(() => store.close());

    test('a parameterised statement answers the same rows every time; on PostgreSQL it is prepared once, by name', async () => {
      await store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 8; i++) {
          const rows = (await sql<{ id: number; label: string }>`select id, label from prepared_probe where id >= ${2} order by id`.execute(trx)).rows;
          assert.deepEqual(rows, [{ id: 2, label: 'two' }, { id: 3, label: 'three' }]);
        }
        const wrong = (await sql<{ id: number }>`select id from prepared_probe where id >= ${2} and label = ${'none'}`.execute(trx)).rows;
        assert.deepEqual(wrong, []);
        if (backend === 'postgres') {
          const prepared = (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where statement like ${'%prepared_probe%'} order by statement`.execute(trx)).rows;
          assert.deepEqual(prepared.map((p) => p.statement), [
            'select id from prepared_probe where id >= $1 and label = $2',
            'select id, label from prepared_probe where id >= $1 order by id',
          ]);
          assert.ok(prepared.every((p) => /^regd_[\w-]{22}$/.test(p.name)), JSON.stringify(prepared));
        }
      });
    });

    test('a prepared statement parses each column by its type on every call, its row description reused (dates, JSON, bigint as a number, nulls)', async () => {
      const typed = (id: number) => sql<{ id: number; at: Date | null; doc: unknown; big: number; label: string }>`
        select id, case when id = 2 then null else timestamptz '2026-01-02 03:04:05+00' + id * interval '1 day' end as at,
          jsonb_build_object('id', id, 'list', jsonb_build_array(id, 'x')) as doc, (id::bigint * 10000000000) as big, label
        from prepared_probe where id = ${id}`;
      await store.db.transaction().execute(async (trx) => {
        for (const id of [1, 2, 3, 1]) {
          const rows = (await typed(id).execute(trx)).rows;
          assert.deepEqual(rows, [{
            id,
            at: id === 2 ? null : new Date(Date.UTC(2026, 0, 2 + id, 3, 4, 5)),
            doc: { id, list: [id, 'x'] },
            big: id * 10_000_000_000,
            label: ['one', 'two', 'three'][id - 1],
          }]);
        }
      });
    });

    test('a failed statement inside a transaction rolls it back; the connection then serves the next one', async () => {
      await assert.rejects(store.db.transaction().execute(async (trx) => {
        await sql`update prepared_probe set label = ${'changed'} where id = ${1}`.execute(trx);
        await sql`insert into prepared_probe values (${1}, ${'duplicate'})`.execute(trx);
      }), { code: '23505' });
      const rows = (await sql<{ label: string }>`select label from prepared_probe where id = ${1}`.execute(store.db)).rows;
      assert.deepEqual(rows, [{ label: 'one' }]);
    });

    test('a statement the database refuses fails with its own error, in a transaction and outside', async () => {
      await assert.rejects(sql`select no_such_column from prepared_probe where id = ${1}`.execute(store.db), { code: '42703' });
      await assert.rejects(store.db.transaction().execute((trx) => sql`select no_such_column from prepared_probe where id = ${1}`.execute(trx)), { code: '42703' });
      await assert.rejects(sql`select id from prepared_probe where id = ${'not a number'}`.execute(store.db), { code: '22P02' });
      assert.deepEqual((await sql<{ id: number }>`select id from prepared_probe where id = ${1}`.execute(store.db)).rows, [{ id: 1 }]);
    });

    test('a table changed under a prepared select * is read again with its new columns (one connection, no transaction)', async () => {
      await store.db.connection().execute(async (conn) => {
        const read = async () => (await sql<Record<string, unknown>>`select * from prepared_probe where id = ${3}`.execute(conn)).rows;
        assert.deepEqual(await read(), [{ id: 3, label: 'three' }]);
        assert.deepEqual(await read(), [{ id: 3, label: 'three' }]);
        await sql`alter table prepared_probe add column note text not null default 'n'`.execute(conn);
        assert.deepEqual(await read(), [{ id: 3, label: 'three', note: 'n' }]);
        assert.deepEqual(await read(), [{ id: 3, label: 'three', note: 'n' }]);
      });
    });
  });
}

if (BACKENDS.includes('postgres')) {
  describe('prepared statements on PostgreSQL: Describe once per connection and statement', () => {
    test('the first call describes the statement, later calls bind and execute only; rows parse by type, and a changed table is read again', async () => {
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      const prepared = new PreparedStatementPool(pool);
      // The wire messages pg's connection sends, by kind (the pool's one connection, patched before the wrapper takes it).
      const sent: string[] = [];
      const raw = await pool.connect();
      const connection = (raw as unknown as { connection: Record<string, (...a: unknown[]) => unknown> }).connection;
      for (const kind of ['parse', 'bind', 'describe', 'execute', 'sync'] as const) {
        const original = connection[kind]!.bind(connection);
        connection[kind] = (...a: unknown[]) => {
          sent.push(kind);
          return original(...a);
        };
      }
      raw.release();
      const client = await prepared.connect();
      const table = `describe_probe_${process.pid}`;
      try {
        await client.query(`create temporary table ${table} (id int primary key, at timestamptz, doc jsonb, big bigint)`, []);
        await client.query(`insert into ${table} values (1, '2026-01-02T03:04:05Z', '{"a":[1,"x"]}', 10000000000)`, []);
        const text = `select * from ${table} where id = $1`;
        const expected = [{ id: 1, at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), doc: { a: [1, 'x'] }, big: '10000000000' }];
        sent.length = 0;
        assert.deepEqual((await client.query(text, [1])).rows, expected);
        assert.deepEqual(sent, ['parse', 'bind', 'describe', 'execute', 'sync']);
        for (let i = 0; i < 3; i++) {
          sent.length = 0;
          assert.deepEqual((await client.query(text, [1])).rows, expected);
          assert.deepEqual(sent, ['bind', 'execute', 'sync']);
        }
        assert.deepEqual((await client.query(text, [2])).rows, []);
        // The table changes under the statement: the server refuses the cached plan, the call runs again unnamed with the new columns.
        await client.query(`alter table ${table} add column note text not null default 'n'`, []);
        assert.deepEqual((await client.query(text, [1])).rows, [{ ...expected[0], note: 'n' }]);
        assert.deepEqual((await client.query(text, [1])).rows, [{ ...expected[0], note: 'n' }]);
      } finally {
        client.release();
        await prepared.end();
      }
    });
  });
}
