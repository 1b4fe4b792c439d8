/**
 * The kept file sizes of an on-disk PGlite data directory
 * (file-size-cache.ts): after relations grow, shrink, are emptied, rewritten
 * and dropped, PostgreSQL's idea of every relation's size (answered from the
 * kept sizes) is the size of its file on disk, the data reads back whole,
 * and again after the directory is closed and opened.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from './database.ts';

describe('PGlite data directory: kept file sizes', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regd-file-sizes-'));
    store = await openStore({ dataDir: dir });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every relation with a file, main fork: PostgreSQL's size against the file's; the names of those whose sizes differ. */
  async function mismatches(): Promise<string[]> {
    const { rows } = await sql<{ relname: string; path: string; size: string }>`
      select relname, pg_relation_filepath(oid) as path, pg_relation_size(oid)::text as size
      from pg_class where relkind in ('r', 'i', 't', 'S', 'm') and pg_relation_filepath(oid) is not null`.execute(store.db);
    const wrong: string[] = [];
    for (const r of rows) {
      let onDisk = 0;
      try {
        onDisk = statSync(join(dir, r.path)).size;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      if (Number(r.size) !== onDisk) wrong.push(`${r.relname}: ${r.size} ≠ ${onDisk} on disk`);
    }
    return wrong;
  }

  const count = async (table: string) => Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n);

  test('growth, a vacuum that shortens a file, truncate, a rewrite, a drop: PostgreSQL\'s sizes stay those of the files, the rows read back', async () => {
    await sql`create table size_probe (id int primary key, filler text not null)`.execute(store.db);
    await sql`insert into size_probe select g, repeat('x', 500) from generate_series(1, 20000) g`.execute(store.db);
    await sql`checkpoint`.execute(store.db);
    assert.deepEqual(await mismatches(), []);
    assert.ok(Number((await sql<{ s: string }>`select pg_relation_size('size_probe')::text as s`.execute(store.db)).rows[0]!.s) > 8 * 1024 * 1024);

    // Rows at the end deleted: vacuum gives the tail of the file back (a truncation through the emulated file system).
    await sql`delete from size_probe where id > 2000`.execute(store.db);
    await sql`vacuum size_probe`.execute(store.db);
    await sql`checkpoint`.execute(store.db);
    assert.deepEqual(await mismatches(), []);
    assert.equal(await count('size_probe'), 2000);
    // Growing again after the shrink: the next pages are written past the new end.
    await sql`insert into size_probe select g, repeat('y', 500) from generate_series(20001, 26000) g`.execute(store.db);
    await sql`checkpoint`.execute(store.db);
    assert.deepEqual(await mismatches(), []);
    assert.equal(await count('size_probe'), 8000);

    await sql`vacuum full size_probe`.execute(store.db);
    await sql`truncate size_probe`.execute(store.db);
    await sql`insert into size_probe select g, 'z' from generate_series(1, 10) g`.execute(store.db);
    await sql`create index size_probe_filler on size_probe (filler)`.execute(store.db);
    await sql`checkpoint`.execute(store.db);
    assert.deepEqual(await mismatches(), []);
    assert.equal(await count('size_probe'), 10);
  });

  test('an empty file\'s size is kept too: an empty table read, then filled, reads back whole', async () => {
    await sql`create table size_probe_empty (id int primary key, filler text not null)`.execute(store.db);
    assert.equal(await count('size_probe_empty'), 0);
    assert.equal(await count('size_probe_empty'), 0);
    await sql`insert into size_probe_empty select g, repeat('e', 300) from generate_series(1, 3000) g`.execute(store.db);
    assert.equal(await count('size_probe_empty'), 3000);
    await sql`checkpoint`.execute(store.db);
    assert.deepEqual(await mismatches(), []);
  });

  test('closed and opened again: the same rows, the same sizes', async () => {
    await sql`create table size_probe_2 as select g as id, md5(g::text) as h from generate_series(1, 5000) g`.execute(store.db);
    await store.close();
    store = await openStore({ dataDir: dir });
    assert.equal(await count('size_probe'), 10);
    assert.equal(await count('size_probe_2'), 5000);
    await sql`insert into size_probe_2 select g, md5(g::text) from generate_series(5001, 9000) g`.execute(store.db);
    await sql`checkpoint`.execute(store.db);
    assert.deepEqual(await mismatches(), []);
    assert.equal(await count('size_probe_2'), 9000);
  });
});
