/**
 * Issue 15: a registration statement prunes the account's expired
 * idempotency keys only when its caller asks (`"prune": true` in an item's
 * `request`), no longer in every statement with a request.
 *
 * The prune is garbage collection (a key older than the window is never
 * replayed and is taken over by a new request with the same key), and run
 * in every statement it walked the account's age index past every key the
 * prunes before it had deleted, until the table was vacuumed: that walk grew
 * to more than the registration's own work. The engine now asks for it at
 * most once a second per account and process (core/prune-schedule.ts), as
 * claimRequest does for the other idempotent requests.
 *
 * regd_register_domains is otherwise 0028's (createRequestsBatchFunction).
 */
import type { Kysely } from 'kysely';
import { createRequestsBatchFunction } from './0028-register-domains-requests.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createRequestsBatchFunction(db, 'asked');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createRequestsBatchFunction(db, 'every');
}
