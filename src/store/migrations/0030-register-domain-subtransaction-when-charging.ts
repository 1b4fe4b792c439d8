/**
 * Issue 15: regd_register_domain writes in a subtransaction only when it
 * charges the balance itself.
 *
 * The subtransaction (a block with an exception clause) exists for one
 * case: the call charges, and a concurrent charge took the funds between the
 * guard's read and the charge; the writes are then undone and the outcome
 * is insufficient_funds. An item of regd_register_domains (charged by the
 * batch, after all its items) and a free name charge nothing there, so
 * nothing can need undoing; their subtransaction only cost its start and
 * release (measured ~20 µs of the ~300 µs of database time an item of a
 * batch takes on PostgreSQL). Outcomes and writes are unchanged.
 *
 * The function is otherwise 0027's (createRegisterFunction).
 */
import type { Kysely } from 'kysely';
import { createRegisterFunction } from './0027-register-domains-batch.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createRegisterFunction(db, 'charging');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createRegisterFunction(db, 'always');
}
