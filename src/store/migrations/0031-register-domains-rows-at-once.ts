/**
 * Issue 15: a batch of registrations writes its items' domain rows in one
 * insert, after the items, instead of one insert per item.
 *
 * Each single-row insert into `domains` ran its own statement: the
 * executor's start, and the domain-count trigger (a statement trigger with
 * a transition table: account_domain_counts, migration 0026) once per row.
 * Measured on PostgreSQL (backend CPU, rows of ten, 150 statements, six
 * alternations): ~167 µs per row inserted one statement each from plpgsql,
 * ~78 µs per row in one insert.
 *
 * regd_register_domain takes two more parameters (defaulted, so every other
 * caller is unchanged): `p_defer` (the call does not charge: the row's id
 * is drawn and the row left to the caller) and `p_taken` (names an earlier
 * item of the caller's batch registered, their rows not written yet: such a
 * name answers `live_row`, at the same place in the guards as a name
 * already in the table). regd_register_domains passes both for the items of
 * a batch of two or more, and inserts the rows after the items, in the
 * order of their names, before the charges and the account's summary. A
 * lone registration is written as before. If the insert fails (a concurrent
 * writer took a name meanwhile), the statement fails as a whole, as one
 * item's insert failing did, and its caller sends the items again one at a
 * time.
 */
import { sql, type Kysely } from 'kysely';
import { createRegisterFunction } from './0027-register-domains-batch.ts';
import { createRequestsBatchFunction } from './0028-register-domains-requests.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb, boolean, boolean, jsonb)`.execute(db);
  await createRegisterFunction(db, 'deferred');
  await createRequestsBatchFunction(db, 'asked', true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function regd_register_domain(bigint, boolean, text, jsonb, bigint, text, text, text, timestamptz, jsonb, boolean, boolean, jsonb, jsonb, boolean)`.execute(db);
  await createRegisterFunction(db, 'charging');
  await createRequestsBatchFunction(db, 'asked');
}
