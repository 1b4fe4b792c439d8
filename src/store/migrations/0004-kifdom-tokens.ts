/**
 * KifDom API tokens: the revocation list (logout, and the old token of a
 * refresh). A token is a signed JWT that carries its own expiry; only
 * revocations need storing, and a row is useless once its token has expired
 * (the dialect prunes those). The signing secret lives in `settings`
 * under `kifdom.jwt_secret`.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kifdom_revoked_tokens (
      jti text primary key,
      account_id bigint not null references accounts (id),
      expires_at timestamptz not null,
      revoked_at timestamptz not null
    );
    create index kifdom_revoked_tokens_expiry_idx on kifdom_revoked_tokens (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table kifdom_revoked_tokens`.execute(db);
}
