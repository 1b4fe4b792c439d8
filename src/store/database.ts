/**
 * Opens the store: PGlite (embedded, a data directory on disk or in memory)
 * by default, a PostgreSQL server when a URL is given. Both speak the same SQL
 * through Kysely's PostgresDialect.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGlitePool } from './pglite-pool.ts';
import { PreparedStatementPool } from './prepared-pool.ts';
import { OwnerOnlyNodeFS, restrictTreeToOwner } from './owner-only-fs.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type StoreKind = 'pglite' | 'postgres';

export interface StoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in memory. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  readonly schema?: string | undefined;
  readonly poolSize?: number | undefined;
  readonly migrate?: boolean;
  /** An in-memory PGlite starts as a copy of this data directory (a dumpDataDir() tarball) instead of an empty cluster. */
  readonly loadDataDir?: Blob | undefined;
}

export interface Store {
  readonly db: Db;
  readonly kind: StoreKind;
  /** PGlite only: the whole data directory as a tarball (loadable with `loadDataDir`). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/** Resolves when the database answers a trivial query (the health check's probe). */
export async function pingStore(store: Pick<Store, 'db'>): Promise<void> {
  await sql`select 1`.execute(store.db);
}

const INT8 = 20;

function toSafeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint value out of safe range: ${value}`);
  return n;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  let db: Db;
  let kind: StoreKind;
  let dumpDataDir: (() => Promise<Blob>) | undefined;
  let endPglite: (() => Promise<void>) | undefined;
  if (options.databaseUrl) {
    kind = 'postgres';
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8 ? toSafeNumber : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
      } finally {
        client.release();
      }
    }
    // Each statement text is parsed (and planned) once per connection: prepared-pool.ts.
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) as unknown as pg.Pool }) });
  } else {
    kind = 'pglite';
    const parsers = { [INT8]: toSafeNumber };
    let pglite: PGlite;
    if (options.dataDir) {
      // Owner only: the files hold every secret (see owner-only-fs.ts); a directory written before is repaired first.
      restrictTreeToOwner(options.dataDir);
      pglite = await PGlite.create({ fs: new OwnerOnlyNodeFS(options.dataDir), parsers });
    } else {
      pglite = await PGlite.create('memory://', { parsers, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
    }
    dumpDataDir = () => pglite.dumpDataDir('none');
    const pglitePool = new PGlitePool(pglite);
    // Kysely ends a pool only if a query ever ran; a store closed unused must still close PGlite (or the process stays alive).
    endPglite = () => pglitePool.end();
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: pglitePool as unknown as pg.Pool }),
    });
  }
  if (options.migrate !== false) await migrateWithRetry(db, options.schema);
  return {
    db,
    kind,
    ...(dumpDataDir ? { dumpDataDir } : {}),
    async close() {
      await db.destroy();
      await endPglite?.();
    },
  };
}

/**
 * Kysely's migrator introspects the tables of every schema; when another
 * process drops a schema at that moment (parallel test files on one server),
 * the catalog query fails with "schema … does not exist" (3F000) or
 * "relation … does not exist" (42P01). The migration itself is idempotent
 * (it runs under Kysely's migration lock), so it is simply tried again.
 */
async function migrateWithRetry(db: Db, schema: string | undefined): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db, schema);
      return;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 5 || (code !== '3F000' && code !== '42P01')) throw e;
    }
  }
}
