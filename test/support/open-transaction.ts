/** A transaction held open after `write` until commit() (PostgreSQL: its own pooled connection), for tests of late commits. */
import { sql } from 'kysely';
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

/** PostgreSQL: until a statement whose text contains `text` waits on a lock (bounded: 5 s, then on regardless). */
export async function untilWaitingOnLock(db: Db, text: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and strpos(query, ${text}) > 0`.execute(db);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
