/**
 * Failed logins per login name (src/core/flows/accounts/login-lockout.ts):
 * one row per kind of secret (`password`: the account password of KifDom
 * and Freenom; `wapi`: the WAPI password) and login, the login kept as the
 * SHA-256 of its normalized form (lower case, trimmed), so that the table
 * holds no e-mail address and a row for an unknown e-mail is as short as
 * any. `failures` counts the failures since `window_start`; `locked_until`
 * is set by the failure that reaches the limit. A successful login deletes
 * the row; rows whose window and lock are long over are pruned by the next
 * failure (`window_start` index).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_failures (
      kind text not null check (kind in ('password', 'wapi')),
      login_hash text not null,
      failures integer not null check (failures > 0),
      window_start timestamptz not null,
      locked_until timestamptz,
      primary key (kind, login_hash)
    );
    create index login_failures_window_idx on login_failures (window_start);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_failures`.execute(db);
}
