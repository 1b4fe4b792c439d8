/**
 * The DNS server polls for changed rows every few tens of milliseconds
 * (`updated_at > $since` on domains, dns_zones, hosts and nssets); these
 * indexes keep each poll a short range scan instead of a table scan, which
 * with the embedded PGlite would run on the DNS server's own thread.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index domains_updated_idx on domains (updated_at);
    create index dns_zones_updated_idx on dns_zones (updated_at);
    create index hosts_updated_idx on hosts (updated_at);
    create index nssets_updated_idx on nssets (updated_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index domains_updated_idx; drop index dns_zones_updated_idx; drop index hosts_updated_idx; drop index nssets_updated_idx`.execute(db);
}
