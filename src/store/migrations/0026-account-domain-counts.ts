/**
 * Issue 15: an account's live domain count is stored, not counted.
 *
 * getAccount and getDomainExtras (KifDom's `meta.total` on every answer,
 * WAPI's and Freenom's account blocks) counted the account's live domains
 * (not released, not deleted) on each call: a scan of all of them, so the
 * read of ONE domain cost as much as the account had domains. The table
 * account_domain_counts keeps that number, one row per account that ever
 * had a live domain, kept by triggers on domains in the writing
 * transaction (a flow reading the count after its own writes sees them):
 *
 * - inserts and deletes: statement triggers with transition tables, one
 *   upsert per account a statement touched (a bulk insert of 100,000 rows
 *   is one statement, not 100,000);
 * - updates: a row trigger that runs only when a row's account or its
 *   liveness changes (a transfer, a delete, a release), not on the many
 *   updates that change neither (renewals, settings);
 * - truncate: the counts go with the rows.
 *
 * The count of an account is the sum of up to 16 rows (`shard`, chosen by
 * the writing connection's backend process): each write adds its change
 * to its own connection's row, so concurrent registrations of one account
 * (a reseller's bulk run, free domains that charge no balance row) do not
 * queue on one row lock held to their commits. Measured with pgbench, 10
 * connections registering free names for one account: one row ~290–400
 * registrations/s, 16 rows ~710–1,150/s (the ~970–1,400/s without a stored
 * count). A row may go negative (a delete counted on another connection's
 * row); the sum is exact.
 *
 * The table is derived: an export leaves it out and an import rebuilds it
 * through the same triggers as it inserts the domains (dump-format.ts).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table account_domain_counts (
      account_id bigint not null references accounts (id),
      shard smallint not null check (shard between 0 and 15),
      live bigint not null default 0,
      primary key (account_id, shard)
    );
    insert into account_domain_counts (account_id, shard, live)
      select account_id, 0, count(*) from domains where released_at is null and deleted_at is null group by account_id;

    create function regd_account_domain_counts_rows() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        insert into account_domain_counts as c (account_id, shard, live)
          select account_id, pg_backend_pid() % 16, -count(*) from old_rows where released_at is null and deleted_at is null group by account_id
          on conflict (account_id, shard) do update set live = c.live + excluded.live;
      end if;
      if tg_op = 'INSERT' then
        insert into account_domain_counts as c (account_id, shard, live)
          select account_id, pg_backend_pid() % 16, count(*) from new_rows where released_at is null and deleted_at is null group by account_id
          on conflict (account_id, shard) do update set live = c.live + excluded.live;
      end if;
      return null;
    end $$;
    create trigger account_domain_counts_insert after insert on domains
      referencing new table as new_rows for each statement execute function regd_account_domain_counts_rows();
    create trigger account_domain_counts_delete after delete on domains
      referencing old table as old_rows for each statement execute function regd_account_domain_counts_rows();

    create function regd_account_domain_counts_row() returns trigger language plpgsql as $$
    begin
      if old.released_at is null and old.deleted_at is null then
        insert into account_domain_counts as c (account_id, shard, live) values (old.account_id, pg_backend_pid() % 16, -1)
          on conflict (account_id, shard) do update set live = c.live - 1;
      end if;
      if new.released_at is null and new.deleted_at is null then
        insert into account_domain_counts as c (account_id, shard, live) values (new.account_id, pg_backend_pid() % 16, 1)
          on conflict (account_id, shard) do update set live = c.live + 1;
      end if;
      return null;
    end $$;
    create trigger account_domain_counts_update after update on domains for each row
      when (old.account_id is distinct from new.account_id
        or (old.released_at is null and old.deleted_at is null) is distinct from (new.released_at is null and new.deleted_at is null))
      execute function regd_account_domain_counts_row();

    create function regd_account_domain_counts_truncate() returns trigger language plpgsql as $$
    begin
      delete from account_domain_counts;
      return null;
    end $$;
    create trigger account_domain_counts_truncate after truncate on domains
      for each statement execute function regd_account_domain_counts_truncate();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger account_domain_counts_truncate on domains;
    drop trigger account_domain_counts_update on domains;
    drop trigger account_domain_counts_delete on domains;
    drop trigger account_domain_counts_insert on domains;
    drop function regd_account_domain_counts_truncate();
    drop function regd_account_domain_counts_row();
    drop function regd_account_domain_counts_rows();
    drop table account_domain_counts;
  `.execute(db);
}
