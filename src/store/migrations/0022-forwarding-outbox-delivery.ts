/**
 * Issue 20: what regd now serves itself.
 *
 * - The DNS change log's domains trigger (migration 0014) also fires on the
 *   URL forwarding, stealth and parking settings (forward_url, forward_kind,
 *   forward_title, parking_with_ads): the forwarding HTTP service follows the
 *   same log as the DNS server, and a change of the target URL alone (same
 *   service mode, a writer that set no updated_at) must reach it too. The
 *   DNS mirror compares the content of what it reads, so it rebuilds
 *   nothing for these.
 * - The outbox records its delivery: status (pending, sent, failed: given up
 *   after the last retry), attempts, last error, when the last attempt was
 *   made, when the next is due (backoff) and when it was delivered.
 */
import { sql, type Kysely } from 'kysely';

const TRACKED = `id, name, tld, service_mode, name_servers, nsset_id, email_forward, created_at,
  create_completes_at, expires_at, add_grace_ends_at, deleted_at, released_at, updated_at`;
const FORWARDING = 'forward_url, forward_kind, forward_title, parking_with_ads';

function domainTrigger(columns: string): string {
  const cols = (prefix: string) => columns.split(',').map((c) => `${prefix}.${c.trim()}`).join(', ');
  return `
    drop trigger dns_change_update on domains;
    create trigger dns_change_update after update on domains for each row
      when ((${cols('old')}) is distinct from (${cols('new')}))
      execute function regd_dns_change_domain();`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(domainTrigger(`${TRACKED}, ${FORWARDING}`)).execute(db);
  await sql`
    alter table outbox
      add column status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      add column attempts integer not null default 0,
      add column last_error text,
      add column last_attempt_at timestamptz,
      add column next_attempt_at timestamptz,
      add column delivered_at timestamptz;
    create index outbox_pending_idx on outbox (next_attempt_at, id) where status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index outbox_pending_idx;
    alter table outbox drop column status, drop column attempts, drop column last_error,
      drop column last_attempt_at, drop column next_attempt_at, drop column delivered_at;
  `.execute(db);
  await sql.raw(domainTrigger(TRACKED)).execute(db);
}
