/**
 * Freenom API v2: "POST actions are idempotent for 30 seconds". The first
 * successful response of a POST action is kept under its key (account,
 * function, hash of the canonical parameters) so that a repeat within the
 * window, from any process sharing this database, replays it instead of
 * acting again. The row is written in the same transaction as the action:
 * an action that fails or is rolled back (test_mode) leaves no key behind.
 * Rows older than the window are overwritten or pruned by the dialect.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table freenom_idempotency (
      account_id bigint not null references accounts (id),
      function text not null,
      params_hash text not null,
      response text not null,
      created_at timestamptz not null,
      primary key (account_id, function, params_hash)
    );
    create index freenom_idempotency_age_idx on freenom_idempotency (account_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table freenom_idempotency`.execute(db);
}
