/**
 * The DNS server's IXFR journal (RFC 1995), kept across restarts: one row
 * per published zone version, with the records that left and came, so a
 * secondary that asks for the difference from a recent serial after a
 * restart still gets an IXFR, and the serial of each zone never goes back.
 * `to_digest` is an order-independent hash of the zone's content at
 * `to_serial`: at start-up the rebuilt zone is compared with it to know
 * whether the journal still leads to what is served. The server keeps a
 * bounded number of rows per zone.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dns_journal (
      id bigserial primary key,
      zone text not null,
      from_serial bigint not null,
      to_serial bigint not null,
      to_digest bigint not null,
      from_soa text not null,
      to_soa text not null,
      removed jsonb not null,
      added jsonb not null,
      created_at timestamptz not null default now()
    );
    create index dns_journal_zone_idx on dns_journal (zone, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table dns_journal`.execute(db);
}
