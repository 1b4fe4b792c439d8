/**
 * PGlite's stand-in for autovacuum (pglite-maintenance.ts): a table that
 * grew past autovacuum's analyze threshold is analyzed, one with dead rows
 * past its vacuum threshold vacuumed, the others left alone; a second pass
 * finds nothing to do. Also on PostgreSQL, where regd runs the analyze part
 * only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestStore } from '../../test/support/backends.ts';
import type { Store } from './database.ts';
import { maintainTables, PGLITE_STATISTICS_TARGET, startTableMaintenance } from './pglite-maintenance.ts';

for (const backend of BACKENDS) {
  describe(`table maintenance (${backend})`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(backend);
      await sql`create table maintenance_grown (id int primary key, v text)`.execute(store.db);
      await sql`create table maintenance_churned (id int primary key, v text)`.execute(store.db);
      await sql`create table maintenance_quiet (id int primary key, v text)`.execute(store.db);
    });
    after(() => store.close());

    /** Statistics reach pg_stat_user_tables when a backend reports them (PostgreSQL: at most once a second). */
    async function stats(table: string): Promise<{ modified: number; dead: number; analyzed: boolean; vacuumed: boolean }> {
      await sql`select pg_stat_force_next_flush()`.execute(store.db).catch(() => undefined);
      const { rows } = await sql<{ modified: string; dead: string; analyzed: boolean; vacuumed: boolean }>`
        select n_mod_since_analyze::text as modified, n_dead_tup::text as dead, (last_analyze is not null) as analyzed,
               (last_vacuum is not null) as vacuumed
          from pg_stat_user_tables where relname = ${table} and schemaname = current_schema()`.execute(store.db);
      const r = rows[0]!;
      return { modified: Number(r.modified), dead: Number(r.dead), analyzed: r.analyzed, vacuumed: r.vacuumed };
    }

    test('a grown table is analyzed, a churned one vacuumed, a quiet one left alone; the next pass does nothing to them', async () => {
      await sql`insert into maintenance_quiet select g, 'q' from generate_series(1, 20) g`.execute(store.db);
      await sql`insert into maintenance_churned select g, 'c' from generate_series(1, 1000) g`.execute(store.db);
      await maintainTables(store.db);
      await sql`insert into maintenance_grown select g, 'g' from generate_series(1, 1000) g`.execute(store.db);
      await sql`delete from maintenance_churned where id <= 600`.execute(store.db);
      assert.equal((await stats('maintenance_grown')).modified, 1000);
      assert.equal((await stats('maintenance_churned')).dead, 600);

      const first = await maintainTables(store.db);
      assert.ok(first.analyzed.includes('maintenance_grown'), JSON.stringify(first));
      assert.ok(first.vacuumed.includes('maintenance_churned'), JSON.stringify(first));
      assert.ok(!first.analyzed.includes('maintenance_quiet') && !first.vacuumed.includes('maintenance_quiet'), JSON.stringify(first));
      assert.deepEqual(await stats('maintenance_grown'), { modified: 0, dead: 0, analyzed: true, vacuumed: false });
      const churned = await stats('maintenance_churned');
      assert.deepEqual([churned.modified, churned.analyzed, churned.vacuumed], [0, true, true]);
      // On the shared PostgreSQL another session's snapshot may keep the dead rows from being reclaimed yet; PGlite has no other session.
      if (backend === 'pglite') assert.equal(churned.dead, 0);
      const estimate = await sql<{ reltuples: number }>`select reltuples from pg_class where oid = 'maintenance_grown'::regclass`.execute(store.db);
      assert.equal(estimate.rows[0]!.reltuples, 1000);

      const second = await maintainTables(store.db);
      const ours = (names: readonly string[]) => names.filter((n) => n.startsWith('maintenance_'));
      assert.deepEqual(ours(second.analyzed), []);
      // Dead rows another session's snapshot kept through the first vacuum (shared PostgreSQL only) are still past the
      // threshold: the churned table may be vacuumed again then, and nothing else.
      if (churned.dead > 0) assert.ok(ours(second.vacuumed).every((n) => n === 'maintenance_churned'), JSON.stringify(second));
      else assert.deepEqual(ours(second.vacuumed), []);
    });

    test('started: passes run on their own (bounded wait); on PostgreSQL they analyze but leave dead rows to autovacuum', async () => {
      await sql`create table maintenance_timed (id int primary key)`.execute(store.db);
      await sql`insert into maintenance_timed select g from generate_series(1, 500) g`.execute(store.db);
      const errors: unknown[] = [];
      const running = startTableMaintenance(store, (e) => errors.push(e), 50);
      try {
        let analyzed = false;
        for (let i = 0; i < 40 && !analyzed; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          analyzed = (await stats('maintenance_timed')).analyzed;
        }
        assert.equal(analyzed, true);
      } finally {
        await running.stop();
      }
      assert.deepEqual(errors, []);
    });

    // PGlite only: the target is the session's setting, and PGlite has one session (a pool's would reach one connection).
    if (backend === 'pglite') test('PGlite\'s pass analyzes at its lower statistics target, and leaves the session\'s target as it was', async () => {
      await sql`create table maintenance_target (id int primary key, v text)`.execute(store.db);
      await sql`insert into maintenance_target select g, md5(g::text) from generate_series(1, 2000) g`.execute(store.db);
      assert.equal((await stats('maintenance_target')).modified, 2000);
      const pass = await maintainTables(store.db, { statisticsTarget: PGLITE_STATISTICS_TARGET });
      assert.ok(pass.analyzed.includes('maintenance_target'), JSON.stringify(pass));
      // A histogram of n buckets has n + 1 bounds; at PostgreSQL's default target it would have 101.
      const { rows } = await sql<{ bounds: number }>`
        select array_length(histogram_bounds, 1) as bounds from pg_stats
         where schemaname = current_schema() and tablename = 'maintenance_target' and attname = 'v'`.execute(store.db);
      assert.equal(rows[0]!.bounds, PGLITE_STATISTICS_TARGET + 1);
      const setting = await sql<{ target: string }>`select current_setting('default_statistics_target') as target`.execute(store.db);
      assert.equal(setting.rows[0]!.target, '100');
      await assert.rejects(maintainTables(store.db, { statisticsTarget: 0 }), RangeError);
    });

    test('without vacuum (PostgreSQL\'s pass): a churned table is analyzed and its dead rows left', async () => {
      await sql`create table maintenance_analyze_only (id int primary key)`.execute(store.db);
      await sql`insert into maintenance_analyze_only select g from generate_series(1, 400) g`.execute(store.db);
      assert.equal((await stats('maintenance_analyze_only')).modified, 400);
      await maintainTables(store.db);
      await sql`delete from maintenance_analyze_only where id <= 300`.execute(store.db);
      assert.equal((await stats('maintenance_analyze_only')).modified, 300);
      const pass = await maintainTables(store.db, { vacuum: false });
      assert.ok(pass.analyzed.includes('maintenance_analyze_only') && !pass.vacuumed.includes('maintenance_analyze_only'), JSON.stringify(pass));
      assert.deepEqual(pass.vacuumed, []);
      const after = await stats('maintenance_analyze_only');
      assert.deepEqual([after.dead, after.vacuumed], [300, false]);
    });
  });
}
