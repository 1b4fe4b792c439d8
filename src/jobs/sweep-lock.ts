/**
 * Exactly one sweeper per database: the store's exclusive lock
 * (src/store/exclusive-lock.ts: a session advisory lock on PostgreSQL, an
 * in-process mutex on the embedded PGlite) of the sweeper's class.
 */
import { withExclusiveLock, type Locked, type LockOptions, type Store } from '../store/index.ts';

export type { Locked, LockOptions };

/** Advisory lock class of the sweeper ("regd" in ASCII). */
export const SWEEPER_LOCK_CLASS = 0x72656764;

export function withSweepLock<T>(store: Store, options: LockOptions, fn: () => Promise<T>): Promise<Locked<T>> {
  return withExclusiveLock(store, SWEEPER_LOCK_CLASS, options, fn);
}
