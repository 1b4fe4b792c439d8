/**
 * The auction engine (issue 19; core src/core/flows/auctions/):
 *
 * - `auctions`: one auction of a name. `kind` expired (a registration past
 *   its expiry, opened by the sweeper when its TLD policy says so), user (an
 *   owner's domain, opened by an operator), backorder (a released name among
 *   the backorder requesters named in `auction_participants`), or
 *   registry_expired (a name no one holds, opened by an operator).
 *   `status` is Dynadot's AuctionStatusId: 0 open, 1 closed by the user,
 *   2 by an admin, 3 by renewal, 4 by timeout (completed), 5 by a transfer
 *   away. At most one open auction per name (a partial unique index).
 *   `domain_id` is the live registration being sold (null: a name no one
 *   holds, registered to the winner at close); `lot_expires_at` is its
 *   expiry when the auction opened, so one expiry opens at most one
 *   expired auction. Money in integer minor units of `currency` (USD).
 * - `auction_proxies`: each bidder's maximum (proxy bid), one row per
 *   auction and account; `hold_id` is the ledger hold of that maximum while
 *   the bidder leads (only the leader's maximum is held). `placed_seq` is
 *   the bid that set the maximum: ties go to the earlier one.
 * - `auction_bids`: the bid history (visible prices, automatic proxy raises).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table auctions (
      id bigserial primary key,
      kind text not null check (kind in ('expired', 'user', 'backorder', 'registry_expired')),
      domain_name text not null,
      unicode_name text not null,
      tld text not null,
      domain_id bigint references domains (id) on delete set null,
      lot_expires_at timestamptz,
      seller_account_id bigint references accounts (id),
      restricted boolean not null default false,
      status smallint not null default 0 check (status between 0 and 5),
      currency text not null,
      start_price_minor bigint not null check (start_price_minor > 0),
      current_price_minor bigint not null check (current_price_minor >= start_price_minor),
      leader_account_id bigint references accounts (id),
      bid_count integer not null default 0 check (bid_count >= 0),
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      closed_at timestamptz,
      winner_account_id bigint references accounts (id),
      final_price_minor bigint,
      close_note text not null default '',
      created_at timestamptz not null,
      check ((status = 0) = (closed_at is null)),
      check (winner_account_id is null or status = 4)
    );
    create unique index auctions_one_open_per_name on auctions (domain_name) where status = 0;
    create unique index auctions_one_per_expiry on auctions (domain_id, lot_expires_at) where kind = 'expired';
    create index auctions_open_ends on auctions (ends_at) where status = 0;
    create index auctions_closed_at on auctions (closed_at) where status <> 0;

    create table auction_participants (
      auction_id bigint not null references auctions (id) on delete cascade,
      account_id bigint not null references accounts (id),
      primary key (auction_id, account_id)
    );

    create table auction_bids (
      id bigserial primary key,
      auction_id bigint not null references auctions (id) on delete cascade,
      account_id bigint not null references accounts (id),
      price_minor bigint not null check (price_minor > 0),
      max_minor bigint not null check (max_minor >= price_minor),
      is_proxy_auto boolean not null default false,
      created_at timestamptz not null
    );
    create index auction_bids_auction on auction_bids (auction_id, id);
    create index auction_bids_account on auction_bids (account_id, auction_id);

    create table auction_proxies (
      auction_id bigint not null references auctions (id) on delete cascade,
      account_id bigint not null references accounts (id),
      max_minor bigint not null check (max_minor > 0),
      placed_seq bigint not null,
      hold_id bigint references ledger_entries (id),
      updated_at timestamptz not null,
      primary key (auction_id, account_id)
    );
    create unique index auction_proxies_one_hold on auction_proxies (auction_id) where hold_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table auction_proxies; drop table auction_bids; drop table auction_participants; drop table auctions`.execute(db);
}
