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
 *
 * A PGlite statement runs alone, so every request waits for an ANALYZE in
 * progress: at the default statistics target (100) ANALYZE samples up to
 * 30,000 rows and sorts every column's values, and `domains` (45 columns)
 * took 80–90 ms at 17,000–20,000 rows, the whole pass ~180 ms: the slow
 * answers of bench:api's PGlite registration rows. PGlite's passes analyze
 * at PGLITE_STATISTICS_TARGET (20: up to 6,000 rows sampled, 20-bucket
 * histograms; 30 ms for the same table), ample for regd's queries, which
 * look rows up by key, account, name or instant.
 */
import { sql } from 'kysely';
import type { Db, Store } from './database.ts';

export const MAINTENANCE_INTERVAL_MS = 10_000;

/** The statistics target of PGlite's passes (PostgreSQL's default: 100). */
export const PGLITE_STATISTICS_TARGET = 20;

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
 * left to autovacuum. With `statisticsTarget`, the pass analyzes at that
 * target (the session's default_statistics_target for the pass, then
 * reset): for PGlite, whose one session runs every statement; on a pool the
 * setting would reach one connection only.
 */
export async function maintainTables(db: Db, options: { vacuum?: boolean; statisticsTarget?: number } = {}): Promise<Maintained> {
  const vacuum = options.vacuum ?? true;
  const target = options.statisticsTarget;
  if (target !== undefined && !(Number.isSafeInteger(target) && target >= 1 && target <= 10_000)) throw new RangeError(`statistics target must be 1–10000, got ${target}`);
  const { rows } = await sql<{ relname: string; live: string; dead: string; modified: string; reltuples: number }>`
    select s.relname, s.n_live_tup::text as live, s.n_dead_tup::text as dead, s.n_mod_since_analyze::text as modified, c.reltuples
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
     where s.schemaname = current_schema()
     order by s.relname`.execute(db);
  const analyzed: string[] = [];
  const vacuumed: string[] = [];
  const due = rows.flatMap((r) => {
    const tuples = Math.max(r.reltuples, Number(r.live), 0);
    if (vacuum && Number(r.dead) > VACUUM_BASE + VACUUM_SCALE * tuples) return [{ table: r.relname, vacuum: true }];
    if (Number(r.modified) > ANALYZE_BASE + ANALYZE_SCALE * tuples) return [{ table: r.relname, vacuum: false }];
    return [];
  });
  if (due.length === 0) return { analyzed, vacuumed };
  // The session's setting (PGlite has one session; VACUUM cannot run in a transaction, so not SET LOCAL): reset after the pass.
  if (target !== undefined) await sql`select set_config('default_statistics_target', ${String(target)}, false)`.execute(db);
  try {
    for (const d of due) {
      try {
        if (d.vacuum) {
          await sql`vacuum (analyze) ${sql.table(d.table)}`.execute(db);
          vacuumed.push(d.table);
        } else {
          await sql`analyze ${sql.table(d.table)}`.execute(db);
          analyzed.push(d.table);
        }
      } catch (e) {
        // 42501 insufficient_privilege: not this role's table.
        if ((e as { code?: unknown }).code !== '42501') throw e;
      }
    }
  } finally {
    if (target !== undefined) await sql`reset default_statistics_target`.execute(db);
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
  const options = store.kind === 'pglite' ? { vacuum: true, statisticsTarget: PGLITE_STATISTICS_TARGET } : { vacuum: false };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => maintainTables(db, options)).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
