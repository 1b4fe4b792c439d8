/**
 * The marketplace beside the auctions (issue 19, part B):
 *
 * - `ledger_entries.kind` gains `credit`: money an account receives from
 *   another account's purchase (a marketplace sale's proceeds). A credit
 *   raises the balance like a deposit, but it is no deposit: the money
 *   comes out of the buyer's charge in the same transaction.
 * - `marketplace_listings`: a domain its holder offers for sale at a fixed
 *   price (Dynadot set_for_sale, buy_it_now). At most one active listing
 *   per domain; it counts only while the lister still holds the domain.
 *   The Afternic and Sedo confirmation actions of the listing are kept on
 *   it (set_afternic_confirm_action, set_sedo_confirm_action).
 * - `closeouts`: an expired registration offered at a price that decays on
 *   the engine clock (Dynadot get_expired_closeout_domains,
 *   buy_expired_closeout_domain), entered when its `expired` auction ends
 *   unsold or by the operator. `expires_at` is the registration's expiry
 *   when it entered: a renewal by its holder ends the closeout.
 * - `drop_requests.status` gains `auctioned`: the requests of a name that
 *   several accounts backordered, handed to a `backorder` auction.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table ledger_entries drop constraint ledger_entries_kind_check;
    alter table ledger_entries add constraint ledger_entries_kind_check
      check (kind in ('deposit', 'charge', 'refund', 'hold', 'release', 'credit'));

    alter table drop_requests drop constraint drop_requests_status_check;
    alter table drop_requests add constraint drop_requests_status_check
      check (status in ('pending', 'fulfilled', 'failed', 'cancelled', 'auctioned'));

    create table marketplace_listings (
      id bigserial primary key,
      domain_id bigint not null references domains (id) on delete cascade,
      account_id bigint not null references accounts (id),
      status text not null check (status in ('active', 'sold', 'withdrawn')),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      price_minor bigint not null check (price_minor > 0),
      afternic_action text check (afternic_action in ('confirm_afternic', 'delete_from_afternic')),
      sedo_action text check (sedo_action in ('confirm_sedo', 'delete_from_sedo')),
      buyer_account_id bigint references accounts (id),
      order_id bigint references orders (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index marketplace_listings_one_active on marketplace_listings (domain_id) where status = 'active';
    create index marketplace_listings_active_idx on marketplace_listings (currency, id) where status = 'active';

    create table closeouts (
      id bigserial primary key,
      domain_id bigint not null references domains (id) on delete cascade,
      domain_name text not null,
      unicode_name text not null,
      tld text not null,
      holder_account_id bigint not null references accounts (id),
      expires_at timestamptz not null,
      status text not null check (status in ('open', 'sold', 'ended')),
      started_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > started_at),
      buyer_account_id bigint references accounts (id),
      order_id bigint references orders (id),
      currency text check (currency ~ '^[A-Z]{3}$'),
      price_minor bigint check (price_minor > 0),
      sold_at timestamptz,
      check ((status = 'sold') = (buyer_account_id is not null and sold_at is not null))
    );
    create unique index closeouts_one_open on closeouts (domain_name) where status = 'open';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table closeouts;
    drop table marketplace_listings;
    update drop_requests set status = 'failed' where status = 'auctioned';
    alter table drop_requests drop constraint drop_requests_status_check;
    alter table drop_requests add constraint drop_requests_status_check check (status in ('pending', 'fulfilled', 'failed', 'cancelled'));
    delete from ledger_entries where kind = 'credit';
    alter table ledger_entries drop constraint ledger_entries_kind_check;
    alter table ledger_entries add constraint ledger_entries_kind_check check (kind in ('deposit', 'charge', 'refund', 'hold', 'release'));
  `.execute(db);
}
