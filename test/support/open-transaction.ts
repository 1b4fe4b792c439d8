/** A transaction held open after `write` until commit() (PostgreSQL: its own pooled connection), for tests of late commits. */
import type { Db } from '../../src/store/index.ts';

export function openTransaction(db: Db, write: (trx: Db) => Promise<unknown>): { written: Promise<void>; commit(): Promise<void> } {
  let release!: () => void;
  let wrote!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const written = new Promise<void>((r) => (wrote = r));
  const done = db.transaction().execute(async (trx) => {
    await write(trx);
    wrote();
    await gate;
  });
  return { written, commit: () => (release(), done) };
}
