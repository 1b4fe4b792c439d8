/**
 * Issue 16: per-record work independent of the zone's size, and caps.
 *
 * - The staged updates of a zone have an index of their own: a one-record
 *   change checks the zone rules on the rows at its owner names (index
 *   (domain_id, name, type)) and the staged updates, not the whole zone.
 * - dns_zones keeps its zone's totals: `record_count` (every row of the
 *   zone, staged ones included) and `rdata_bytes` (the octets of their
 *   `data`), kept by statement triggers on dns_records in the writing
 *   transaction, so a flow checks the caps (dns.maxRecordsPerZone,
 *   dns.maxZoneBytes) by reading one row instead of counting the zone.
 * - The DNS change log (migration 0014) tells apart what changed in a
 *   hosted zone:
 *     kind 's'  its dns_zones row (serial, default TTL): reread that row;
 *     kind 'y'  a few of its records (ref: the domain id), each also
 *               logged as kind 'r' (ref: dns_records.id): a server that
 *               keeps the zone's records patches just those;
 *     kind 'z'  many of its records at once (an import: more than
 *               RECORD_ROWS_LOGGED rows in one statement): reread them all.
 *   Before, every record change and every serial bump logged 'z', and the
 *   server reread and rebuilt the whole zone.
 */
import { sql, type Kysely } from 'kysely';

/** Statements changing at most this many rows log each row ('r'); larger ones log their zones ('z'). */
export const RECORD_ROWS_LOGGED = 64;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table dns_zones add column record_count integer not null default 0;
    alter table dns_zones add column rdata_bytes integer not null default 0;
    -- The zone rules of a one-record change read the rows at its owners and the zone's staged updates (loadOwnerRows).
    create index dns_records_staged_update_idx on dns_records (domain_id) where state = 'staged_update';
    update dns_zones z set record_count = t.n, rdata_bytes = t.b
      from (select domain_id, count(*)::int as n, coalesce(sum(octet_length(data)), 0)::int as b from dns_records group by domain_id) t
      where z.domain_id = t.domain_id;
    -- Records of a zone without its dns_zones row (none is written that way; a hand-made one): the row, with the totals.
    insert into dns_zones (domain_id, serial, auto_commit_at, record_count, rdata_bytes)
      select r.domain_id, to_char(d.created_at at time zone 'UTC', 'YYYYMMDD')::bigint * 100, null, count(*)::int, coalesce(sum(octet_length(r.data)), 0)::int
      from dns_records r join domains d on d.id = r.domain_id
      where not exists (select 1 from dns_zones z where z.domain_id = r.domain_id)
      group by r.domain_id, d.created_at;

    create function regd_dns_zone_totals() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        update dns_zones z set record_count = z.record_count - o.n, rdata_bytes = z.rdata_bytes - o.b
          from (select domain_id, count(*)::int as n, coalesce(sum(octet_length(data)), 0)::int as b from old_rows group by domain_id) o
          where z.domain_id = o.domain_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        update dns_zones z set record_count = z.record_count + o.n, rdata_bytes = z.rdata_bytes + o.b
          from (select domain_id, count(*)::int as n, coalesce(sum(octet_length(data)), 0)::int as b from new_rows group by domain_id) o
          where z.domain_id = o.domain_id;
      end if;
      return null;
    end $$;
    create trigger dns_zone_totals_insert after insert on dns_records
      referencing new table as new_rows for each statement execute function regd_dns_zone_totals();
    create trigger dns_zone_totals_update after update on dns_records
      referencing old table as old_rows new table as new_rows for each statement execute function regd_dns_zone_totals();
    create trigger dns_zone_totals_delete after delete on dns_records
      referencing old table as old_rows for each statement execute function regd_dns_zone_totals();

    create or replace function regd_dns_change_zone() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then insert into dns_changes (kind, ref) values ('s', old.domain_id); end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.domain_id <> old.domain_id) then
        insert into dns_changes (kind, ref) values ('s', new.domain_id);
      end if;
      return null;
    end $$;
    create or replace function regd_dns_change_records() returns trigger language plpgsql as $$
    declare
      changed bigint;
    begin
      if tg_op = 'DELETE' then select count(*) into changed from old_rows; else select count(*) into changed from new_rows; end if;
      if changed > ${sql.raw(String(RECORD_ROWS_LOGGED))} then
        if tg_op in ('DELETE', 'UPDATE') then insert into dns_changes (kind, ref) select distinct 'z', domain_id from old_rows; end if;
        if tg_op in ('INSERT', 'UPDATE') then insert into dns_changes (kind, ref) select distinct 'z', domain_id from new_rows; end if;
      else
        if tg_op in ('DELETE', 'UPDATE') then
          insert into dns_changes (kind, ref) select distinct 'y', domain_id from old_rows;
          insert into dns_changes (kind, ref) select 'r', id from old_rows;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into dns_changes (kind, ref) select distinct 'y', domain_id from new_rows;
          insert into dns_changes (kind, ref) select 'r', id from new_rows;
        end if;
      end if;
      return null;
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger dns_zone_totals_insert on dns_records;
    drop trigger dns_zone_totals_update on dns_records;
    drop trigger dns_zone_totals_delete on dns_records;
    drop function regd_dns_zone_totals();
    drop index dns_records_staged_update_idx;
    alter table dns_zones drop column record_count;
    alter table dns_zones drop column rdata_bytes;
    create or replace function regd_dns_change_zone() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then insert into dns_changes (kind, ref) values ('z', old.domain_id); end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.domain_id <> old.domain_id) then
        insert into dns_changes (kind, ref) values ('z', new.domain_id);
      end if;
      return null;
    end $$;
    create or replace function regd_dns_change_records() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into dns_changes (kind, ref) select distinct 'z', domain_id from new_rows;
      elsif tg_op = 'DELETE' then
        insert into dns_changes (kind, ref) select distinct 'z', domain_id from old_rows;
      else
        insert into dns_changes (kind, ref) select 'z', domain_id from old_rows union select 'z', domain_id from new_rows;
      end if;
      return null;
    end $$;
  `.execute(db);
}
