/**
 * Lifecycle: per-account notifications (WAPI poll queue, status queries),
 * drop-catch requests (KifDom preorders, Dynadot backorders), auto-renew
 * retry bookkeeping, and the contacts a pending transfer will apply.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      kind text not null,
      domain_name text,
      message text not null,
      payload jsonb not null default '{}',
      -- the sweeper announces each event once: a repeated sweep hits this key
      dedupe_key text unique,
      created_at timestamptz not null,
      acked_at timestamptz
    );
    create index notifications_queue_idx on notifications (account_id, id) where acked_at is null;

    create table drop_requests (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      kind text not null check (kind in ('preorder', 'backorder')),
      domain_name text not null,
      unicode_name text not null,
      tld text not null,
      status text not null check (status in ('pending', 'fulfilled', 'failed', 'cancelled')),
      currency text not null,
      amount_minor bigint not null check (amount_minor >= 0),
      hold_id bigint references ledger_entries (id),
      domain_id bigint references domains (id),
      failure_reason text not null default '',
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index drop_requests_one_pending on drop_requests (account_id, kind, domain_name) where status = 'pending';
    create index drop_requests_name_idx on drop_requests (domain_name, created_at, id) where status = 'pending';

    alter table domains add column auto_renew_retry_at timestamptz;
    alter table transfers add column contacts jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table transfers drop column contacts;
    alter table domains drop column auto_renew_retry_at;
    drop table drop_requests; drop table notifications;
  `.execute(db);
}
