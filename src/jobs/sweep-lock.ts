/**
 * Exactly one sweeper per database.
 *
 * PostgreSQL: a session advisory lock, taken on one dedicated pooled
 * connection for the whole sweep (flows run on other connections) and
 * released at the end; if the process dies, the server drops the lock with
 * the connection. The lock is keyed by a constant class and the schema, so
 * schemas sharing one server (the test suites) do not exclude each other.
 *
 * PGlite: one process owns a data directory and PGlite has a single
 * connection, which flows need; the lock is an in-process mutex instead,
 * and no connection is held while flows run.
 */
import { sql } from 'kysely';
import type { Store } from '../store/index.ts';

/** Advisory lock class of the sweeper ("regd" in ASCII). */
export const SWEEPER_LOCK_CLASS = 0x72656764;

export type Locked<T> = { readonly acquired: true; readonly value: T } | { readonly acquired: false };

export interface LockOptions {
  /** Wait for a running sweep to finish instead of giving up at once. */
  readonly wait?: boolean;
}

export async function withSweepLock<T>(store: Store, options: LockOptions, fn: () => Promise<T>): Promise<Locked<T>> {
  return store.kind === 'postgres' ? withAdvisoryLock(store, options, fn) : withProcessMutex(store, options, fn);
}

async function withAdvisoryLock<T>(store: Store, options: LockOptions, fn: () => Promise<T>): Promise<Locked<T>> {
  return store.db.connection().execute(async (conn) => {
    if (options.wait) {
      await sql`select pg_advisory_lock(${SWEEPER_LOCK_CLASS}::int4, hashtext(current_schema()))`.execute(conn);
    } else {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${SWEEPER_LOCK_CLASS}::int4, hashtext(current_schema())) as ok`.execute(conn);
      if (got.rows[0]?.ok !== true) return { acquired: false } as const;
    }
    try {
      return { acquired: true, value: await fn() } as const;
    } finally {
      await sql`select pg_advisory_unlock(${SWEEPER_LOCK_CLASS}::int4, hashtext(current_schema()))`.execute(conn);
    }
  });
}

/** The sweep in progress per embedded database. */
const running = new WeakMap<object, Promise<unknown>>();

async function withProcessMutex<T>(store: Store, options: LockOptions, fn: () => Promise<T>): Promise<Locked<T>> {
  for (;;) {
    const current = running.get(store.db);
    if (current === undefined) break;
    if (!options.wait) return { acquired: false };
    await current.catch(() => undefined);
  }
  const mine = fn();
  running.set(store.db, mine);
  try {
    return { acquired: true, value: await mine };
  } finally {
    running.delete(store.db);
  }
}
