/**
 * At most one holder per database of a named lock, whatever the number of
 * processes (the lifecycle sweeper takes one). A store concern: how to hold
 * it depends on the connection kind.
 *
 * PostgreSQL: a session advisory lock, taken on one dedicated pooled
 * connection for the whole of `fn` (flows run on other connections) and
 * released at the end; if the process dies, the server drops the lock with
 * the connection. The lock is keyed by its class and the schema, so schemas
 * sharing one server (the test suites) do not exclude each other.
 *
 * PGlite: one process owns a data directory and PGlite has a single
 * connection, which flows need; the lock is an in-process mutex instead,
 * and no connection is held while `fn` runs.
 */
import { sql } from 'kysely';
import type { Store } from './database.ts';

export type Locked<T> = { readonly acquired: true; readonly value: T } | { readonly acquired: false };

export interface LockOptions {
  /** Wait for the holder to finish instead of giving up at once. */
  readonly wait?: boolean;
}

/** Runs `fn` holding the lock of class `lockClass` (an int4); `{ acquired: false }` when another holder has it and `wait` is not set. */
export async function withExclusiveLock<T>(store: Store, lockClass: number, options: LockOptions, fn: () => Promise<T>): Promise<Locked<T>> {
  return store.kind === 'postgres' ? withAdvisoryLock(store, lockClass, options, fn) : withProcessMutex(store, lockClass, options, fn);
}

async function withAdvisoryLock<T>(store: Store, lockClass: number, options: LockOptions, fn: () => Promise<T>): Promise<Locked<T>> {
  return store.db.connection().execute(async (conn) => {
    if (options.wait) {
      await sql`select pg_advisory_lock(${lockClass}::int4, hashtext(current_schema()))`.execute(conn);
    } else {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${lockClass}::int4, hashtext(current_schema())) as ok`.execute(conn);
      if (got.rows[0]?.ok !== true) return { acquired: false } as const;
    }
    try {
      return { acquired: true, value: await fn() } as const;
    } finally {
      await sql`select pg_advisory_unlock(${lockClass}::int4, hashtext(current_schema()))`.execute(conn);
    }
  });
}

/** The holder in progress per embedded database and lock class. */
const running = new WeakMap<object, Map<number, Promise<unknown>>>();

async function withProcessMutex<T>(store: Store, lockClass: number, options: LockOptions, fn: () => Promise<T>): Promise<Locked<T>> {
  let holders = running.get(store.db);
  if (holders === undefined) running.set(store.db, (holders = new Map()));
  for (;;) {
    const current = holders.get(lockClass);
    if (current === undefined) break;
    if (!options.wait) return { acquired: false };
    await current.catch(() => undefined);
  }
  const mine = fn();
  holders.set(lockClass, mine);
  try {
    return { acquired: true, value: await mine };
  } finally {
    holders.delete(lockClass);
  }
}
