/**
 * DNSSEC data of a domain (issue 14, Dynadot set_domain_dnssec): the DS
 * records (key tag, algorithm, digest type, digest) or DNSKEY records
 * (flags, protocol, algorithm, public key) the registrar sends to the
 * registry for a domain signed by its operator. One row per record, in
 * the order given; the set is replaced as a whole
 * (src/core/flows/domains/dnssec.ts). Released with the domain row.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dnssec_keys (
      id bigserial primary key,
      domain_id bigint not null references domains (id) on delete cascade,
      kind text not null check (kind in ('ds', 'dnskey')),
      algorithm integer not null check (algorithm between 0 and 255),
      key_tag integer check (key_tag between 0 and 65535),
      digest_type integer check (digest_type between 0 and 255),
      digest text,
      flags integer check (flags between 0 and 65535),
      protocol integer check (protocol between 0 and 255),
      public_key text,
      created_at timestamptz not null,
      check (kind <> 'ds' or (key_tag is not null and digest_type is not null and digest is not null)),
      check (kind <> 'dnskey' or (flags is not null and protocol is not null and public_key is not null))
    );
    create index dnssec_keys_domain_idx on dnssec_keys (domain_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table dnssec_keys`.execute(db);
}
