/**
 * Two small per-domain records of the Dynadot dialect's undocumented
 * commands (issue 14):
 *
 * - `reseller_holds`: a reseller account's hold on one of its domains
 *   (Dynadot get/set_reseller_hold_status: a reseller marks a customer's
 *   domain as held, e.g. until the customer pays). One row per held domain,
 *   naming the account that set it: a hold counts only while that account
 *   still owns the domain (a push or a transfer away ends it, and the next
 *   set replaces the row).
 * - `whois_lookups`: how often a domain's registration data was looked up,
 *   per UTC day (Dynadot get_whois_stats). Incremented by the WHOIS/RDAP
 *   services through core's recordWhoisLookup flow; read per domain.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reseller_holds (
      domain_id bigint primary key references domains (id) on delete cascade,
      account_id bigint not null references accounts (id),
      held_at timestamptz not null
    );
    create table whois_lookups (
      domain_id bigint not null references domains (id) on delete cascade,
      day date not null,
      lookups integer not null check (lookups > 0),
      primary key (domain_id, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table whois_lookups; drop table reseller_holds`.execute(db);
}
