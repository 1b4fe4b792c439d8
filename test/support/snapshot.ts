/**
 * "Failure changes nothing": snapshot whole tables before a failing call and
 * compare after. Rows are read in primary-key order.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Db } from '../../src/store/index.ts';

export const MONEY_AND_DOMAIN_TABLES = [
  'accounts', 'balances', 'ledger_entries', 'orders', 'order_items', 'domains',
  'contacts', 'hosts', 'nssets', 'folders', 'account_defaults', 'dns_zones', 'dns_records',
  'transfers', 'pushes', 'push_domains', 'outbox', 'settings', 'notifications', 'drop_requests',
] as const;

export async function snapshotTables(db: Db, tables: readonly string[] = MONEY_AND_DOMAIN_TABLES): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const res = await sql<Record<string, unknown>>`select * from ${sql.table(t)} order by 1, 2`.execute(db);
    out[t] = res.rows;
  }
  return out;
}

/** Runs `fn`, expects it to reject with `errorClass`, and checks that no table changed. */
export async function assertFailsAndChangesNothing(
  db: Db,
  fn: () => Promise<unknown>,
  errorClass: abstract new (...args: never[]) => Error,
  tables: readonly string[] = MONEY_AND_DOMAIN_TABLES,
): Promise<Error> {
  const before = await snapshotTables(db, tables);
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${errorClass.name}, but the call succeeded`);
  assert.ok(caught instanceof errorClass, `expected ${errorClass.name}, got ${(caught as Error)?.constructor?.name}: ${(caught as Error)?.message}`);
  const after = await snapshotTables(db, tables);
  assert.deepStrictEqual(after, before, 'a failed call changed stored data');
  return caught as Error;
}
