/**
 * What PostgreSQL's autovacuum does, for the embedded PGlite database, which
 * has none: a served PGlite store would otherwise never refresh its planner
 * statistics nor reclaim dead rows. On PostgreSQL, the ANALYZE part only,
 * sooner than autovacuum gets to it (see startTableMaintenance).
 *
 * Why it matters (issue 15, measured): a cached plan is made from the
 * statistics of its moment and kept until the table is analyzed again. A
 * foreign-key check (`select 1 from orders where id = $1 for key share`,
 * one per registration and per table it refers to) planned while `orders`
 * was a page or two is a sequential scan, and stays one as the table grows:
 * in bench:api on PGlite a registration cost 860 µs of database time at the
 * start of the registration rows and 3,000 µs forty seconds (~10,000
 * registrations) later, and Dynadot `register` measured 0.08 × its
 * reference as the fourth registration row against 0.15 × run alone. With
 * this pass every ten seconds it stays at 620–1,000 µs (0.29 × in the same
 * position).
 *
 * Every MAINTENANCE_INTERVAL_MS, one read of pg_stat_user_tables, and then
 * autovacuum's own rule per table (its default thresholds): ANALYZE when
 * the rows changed since the last analyze exceed 50 + 10 % of the table's
 * rows, VACUUM when the dead rows exceed 50 + 20 %. A PGlite statement runs
 * alone, so each is one short statement per table that needs it, not a
 * sweep of the whole database; a pass with nothing to do is one read.
 */
import { sql } from 'kysely';
import type { Db, Store } from './database.ts';

export const MAINTENANCE_INTERVAL_MS = 10_000;

const ANALYZE_BASE = 50;
const ANALYZE_SCALE = 0.1;
const VACUUM_BASE = 50;
const VACUUM_SCALE = 0.2;

export interface Maintained {
  readonly analyzed: readonly string[];
  readonly vacuumed: readonly string[];
}

/**
 * One pass: the tables of the current schema that autovacuum's thresholds
 * say need it, analyzed or (with `vacuum`) vacuumed and analyzed. A table
 * this role may not analyze (not its owner, on a shared PostgreSQL) is
 * left to autovacuum.
 */
export async function maintainTables(db: Db, options: { vacuum?: boolean } = {}): Promise<Maintained> {
  const vacuum = options.vacuum ?? true;
  const { rows } = await sql<{ relname: string; live: string; dead: string; modified: string; reltuples: number }>`
    select s.relname, s.n_live_tup::text as live, s.n_dead_tup::text as dead, s.n_mod_since_analyze::text as modified, c.reltuples
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
     where s.schemaname = current_schema()
     order by s.relname`.execute(db);
  const analyzed: string[] = [];
  const vacuumed: string[] = [];
  for (const r of rows) {
    const tuples = Math.max(r.reltuples, Number(r.live), 0);
    try {
      if (vacuum && Number(r.dead) > VACUUM_BASE + VACUUM_SCALE * tuples) {
        await sql`vacuum (analyze) ${sql.table(r.relname)}`.execute(db);
        vacuumed.push(r.relname);
      } else if (Number(r.modified) > ANALYZE_BASE + ANALYZE_SCALE * tuples) {
        await sql`analyze ${sql.table(r.relname)}`.execute(db);
        analyzed.push(r.relname);
      }
    } catch (e) {
      // 42501 insufficient_privilege: not this role's table.
      if ((e as { code?: unknown }).code !== '42501') throw e;
    }
  }
  return { analyzed, vacuumed };
}

/**
 * maintainTables every `intervalMs` until stop(), which waits for a pass in
 * progress. On PostgreSQL only the ANALYZE part: autovacuum does both, but
 * wakes at most once a minute per database, and a table that grows from
 * empty by thousands of rows within that minute is checked by sequential
 * scans meanwhile (bench:api's Dynadot registrations on PostgreSQL as its
 * last row: 406 req/s without, 1,392 with); VACUUM stays autovacuum's.
 */
export function startTableMaintenance(store: Pick<Store, 'db' | 'kind'>, onError: (err: unknown) => void, intervalMs = MAINTENANCE_INTERVAL_MS): { stop(): Promise<void> } {
  const db = store.db;
  const vacuum = store.kind === 'pglite';
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => maintainTables(db, { vacuum })).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
