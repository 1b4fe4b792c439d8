/**
 * The DNS change log: every insert, update and delete of a row that shapes
 * what the DNS server publishes appends a row to `dns_changes`, written by
 * triggers in the writing transaction itself, so no writer can forget it
 * (a flow, the registration function, an import, a hand-written UPDATE).
 * The server reads the log instead of guessing from `updated_at`.
 *
 *   kind 'd'  a domain row (ref: domains.id): the columns the DNS mirror
 *             reads (name, TLD, service mode, name servers, NSSET, e-mail
 *             forwarding, lifecycle timestamps, updated_at);
 *   kind 'z'  a hosted zone (ref: the domain id): its dns_zones row or any
 *             of its dns_records;
 *   kind 'h'  a host object (ref: hosts.id): its name or addresses;
 *   kind 'n'  an NSSET (ref: nssets.id): its hosts;
 *   kind '*'  one of those tables was truncated: reread everything.
 *
 * `xid` is the writing transaction's id. A reader takes the oldest
 * transaction still running (`pg_snapshot_xmin(pg_current_snapshot())`)
 * with each read and next time reads every row from that transaction id on:
 * a transaction that commits after a later one (its `seq` lower than rows
 * already read) is still at or above that mark, so it cannot be skipped.
 * The primary key (xid, seq) is the index of that read.
 *
 * Readers prune what is older than their retention (src/services/dns/
 * change-feed.ts) and raise `dns_changes_pruned.below`: a reader whose
 * mark is under it may have lost rows and rereads every table.
 *
 * The updated_at watermarks the server used to poll go: hosts.updated_at
 * and dns_zones.updated_at were written only for it (no API shows them)
 * and are dropped; the updated_at indexes of migration 0006 too.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dns_changes (
      seq bigserial not null,
      xid xid8 not null default pg_current_xact_id(),
      kind "char" not null,
      ref bigint not null,
      primary key (xid, seq)
    );
    create table dns_changes_pruned (below xid8 not null);
    insert into dns_changes_pruned (below) values ('0');

    create function regd_dns_change_domain() returns trigger language plpgsql as $$
    begin
      insert into dns_changes (kind, ref) values ('d', case when tg_op = 'DELETE' then old.id else new.id end);
      return null;
    end $$;
    create function regd_dns_change_host() returns trigger language plpgsql as $$
    begin
      insert into dns_changes (kind, ref) values ('h', case when tg_op = 'DELETE' then old.id else new.id end);
      return null;
    end $$;
    create function regd_dns_change_nsset() returns trigger language plpgsql as $$
    begin
      insert into dns_changes (kind, ref) values ('n', case when tg_op = 'DELETE' then old.id else new.id end);
      return null;
    end $$;
    create function regd_dns_change_zone() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then insert into dns_changes (kind, ref) values ('z', old.domain_id); end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.domain_id <> old.domain_id) then
        insert into dns_changes (kind, ref) values ('z', new.domain_id);
      end if;
      return null;
    end $$;
    -- Records come and go in bulk (a zone import): one row per zone and statement.
    create function regd_dns_change_records() returns trigger language plpgsql as $$
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
    create function regd_dns_change_truncate() returns trigger language plpgsql as $$
    begin
      insert into dns_changes (kind, ref) values ('*', 0);
      return null;
    end $$;

    -- The domains columns listed here are the ones the DNS mirror reads (src/services/dns/store-mirror.ts).
    create trigger dns_change_insert_delete after insert or delete on domains
      for each row execute function regd_dns_change_domain();
    create trigger dns_change_update after update on domains for each row
      when ((old.id, old.name, old.tld, old.service_mode, old.name_servers, old.nsset_id, old.email_forward, old.created_at,
             old.create_completes_at, old.expires_at, old.add_grace_ends_at, old.deleted_at, old.released_at, old.updated_at)
        is distinct from (new.id, new.name, new.tld, new.service_mode, new.name_servers, new.nsset_id, new.email_forward, new.created_at,
             new.create_completes_at, new.expires_at, new.add_grace_ends_at, new.deleted_at, new.released_at, new.updated_at))
      execute function regd_dns_change_domain();

    create trigger dns_change_insert_delete after insert or delete on hosts
      for each row execute function regd_dns_change_host();
    create trigger dns_change_update after update on hosts for each row
      when ((old.id, old.name, old.addresses) is distinct from (new.id, new.name, new.addresses))
      execute function regd_dns_change_host();

    create trigger dns_change_insert_delete after insert or delete on nssets
      for each row execute function regd_dns_change_nsset();
    create trigger dns_change_update after update on nssets for each row
      when ((old.id, old.hosts) is distinct from (new.id, new.hosts))
      execute function regd_dns_change_nsset();

    create trigger dns_change_insert_delete after insert or delete on dns_zones
      for each row execute function regd_dns_change_zone();
    create trigger dns_change_update after update on dns_zones for each row
      when ((old.domain_id, old.serial, old.default_ttl) is distinct from (new.domain_id, new.serial, new.default_ttl))
      execute function regd_dns_change_zone();

    create trigger dns_change_insert after insert on dns_records
      referencing new table as new_rows for each statement execute function regd_dns_change_records();
    create trigger dns_change_update after update on dns_records
      referencing old table as old_rows new table as new_rows for each statement execute function regd_dns_change_records();
    create trigger dns_change_delete after delete on dns_records
      referencing old table as old_rows for each statement execute function regd_dns_change_records();

    create trigger dns_change_truncate after truncate on domains for each statement execute function regd_dns_change_truncate();
    create trigger dns_change_truncate after truncate on hosts for each statement execute function regd_dns_change_truncate();
    create trigger dns_change_truncate after truncate on nssets for each statement execute function regd_dns_change_truncate();
    create trigger dns_change_truncate after truncate on dns_zones for each statement execute function regd_dns_change_truncate();
    create trigger dns_change_truncate after truncate on dns_records for each statement execute function regd_dns_change_truncate();

    drop index domains_updated_idx;
    drop index nssets_updated_idx;
    alter table hosts drop column updated_at;
    alter table dns_zones drop column updated_at;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table dns_zones add column updated_at timestamptz not null default now();
    alter table hosts add column updated_at timestamptz not null default now();
    create index domains_updated_idx on domains (updated_at);
    create index nssets_updated_idx on nssets (updated_at);
    create index dns_zones_updated_idx on dns_zones (updated_at);
    create index hosts_updated_idx on hosts (updated_at);
    drop trigger dns_change_insert_delete on domains;
    drop trigger dns_change_update on domains;
    drop trigger dns_change_truncate on domains;
    drop trigger dns_change_insert_delete on hosts;
    drop trigger dns_change_update on hosts;
    drop trigger dns_change_truncate on hosts;
    drop trigger dns_change_insert_delete on nssets;
    drop trigger dns_change_update on nssets;
    drop trigger dns_change_truncate on nssets;
    drop trigger dns_change_insert_delete on dns_zones;
    drop trigger dns_change_update on dns_zones;
    drop trigger dns_change_truncate on dns_zones;
    drop trigger dns_change_insert on dns_records;
    drop trigger dns_change_update on dns_records;
    drop trigger dns_change_delete on dns_records;
    drop trigger dns_change_truncate on dns_records;
    drop function regd_dns_change_domain();
    drop function regd_dns_change_host();
    drop function regd_dns_change_nsset();
    drop function regd_dns_change_zone();
    drop function regd_dns_change_records();
    drop function regd_dns_change_truncate();
    drop table dns_changes_pruned;
    drop table dns_changes;
  `.execute(db);
}
