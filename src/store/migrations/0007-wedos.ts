/**
 * WEDOS WAPI: an optional per-account allowlist of client addresses. An
 * account without rows may call WAPI from anywhere; with rows, only from an
 * address inside one of its networks (answer 2051 otherwise). Networks are
 * stored in canonical CIDR form ("192.0.2.0/24", "2001:db8::/32"; a single
 * address as /32 or /128).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table wapi_ip_allow (
      account_id bigint not null references accounts (id) on delete cascade,
      cidr text not null check (cidr ~ '^[0-9a-f.:]+/[0-9]{1,3}$'),
      created_at timestamptz not null,
      primary key (account_id, cidr)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table wapi_ip_allow`.execute(db);
}
