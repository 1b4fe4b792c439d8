/**
 * Foundation schema: settings, accounts, ledger and balances, orders, domains.
 * Uniqueness and money invariants are database constraints, not `if`s.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table accounts (
      id bigserial primary key,
      email text not null,
      password_hash text not null,
      first_name text not null default '',
      last_name text not null default '',
      organization text not null default '',
      address text not null default '',
      postcode text not null default '',
      city text not null default '',
      state text not null default '',
      country text not null default '',
      phone text not null default '',
      default_currency text not null default 'EUR' check (default_currency ~ '^[A-Z]{3}$'),
      status text not null default 'active' check (status in ('active', 'suspended')),
      level text not null default 'regular' check (level in ('regular', 'bulk', 'super_bulk', 'reseller')),
      api_key_hash text,
      api_key_hint text,
      wapi_secret text,
      push_username text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index accounts_email_key on accounts (lower(email));
    create unique index accounts_api_key_hash_key on accounts (api_key_hash) where api_key_hash is not null;
    create unique index accounts_push_username_key on accounts (lower(push_username)) where push_username is not null;

    -- Public order numbers: plain digits, as Dynadot OrderId and WEDOS num show them.
    create sequence order_numbers start 1000001;
    create table orders (
      id bigserial primary key,
      number text not null unique default nextval('order_numbers')::text,
      account_id bigint not null references accounts (id),
      kind text not null,
      status text not null check (status in ('processing', 'completed', 'failed', 'cancelled')),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null check (amount_minor >= 0),
      source text not null default 'core',
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index orders_account_idx on orders (account_id, created_at);

    create table order_items (
      id bigserial primary key,
      order_id bigint not null references orders (id) on delete cascade,
      position int not null,
      kind text not null,
      domain_name text,
      period_months int,
      amount_minor bigint not null check (amount_minor >= 0),
      status text not null check (status in ('processing', 'completed', 'failed', 'cancelled')),
      detail text not null default '',
      unique (order_id, position)
    );

    create table ledger_entries (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      kind text not null check (kind in ('deposit', 'charge', 'refund', 'hold', 'release')),
      amount_minor bigint not null check (amount_minor > 0),
      order_id bigint references orders (id),
      hold_id bigint references ledger_entries (id),
      memo text not null default '',
      created_at timestamptz not null,
      check (kind <> 'release' or hold_id is not null)
    );
    create index ledger_account_idx on ledger_entries (account_id, currency, id);
    -- a hold is released (or captured) at most once
    create unique index ledger_release_once on ledger_entries (hold_id) where kind = 'release';

    -- Running totals kept in the same transaction as each ledger entry; the
    -- ledger stays the source of truth (see store/ledger.ts verifyBalances).
    create table balances (
      account_id bigint not null references accounts (id),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      balance_minor bigint not null default 0,
      on_hold_minor bigint not null default 0 check (on_hold_minor >= 0),
      primary key (account_id, currency),
      check (balance_minor - on_hold_minor >= 0)
    );

    create table domains (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      name text not null,
      unicode_name text not null,
      tld text not null,
      domain_type text not null default 'PAID' check (domain_type in ('FREE', 'PAID')),
      created_at timestamptz not null,
      create_completes_at timestamptz,
      expires_at timestamptz not null,
      updated_at timestamptz not null,
      add_grace_ends_at timestamptz,
      deleted_at timestamptz,
      released_at timestamptz,
      period_months int not null,
      auto_renew boolean not null default true,
      renew_option text not null default 'auto' check (renew_option in ('auto', 'donot', 'reset')),
      privacy text not null default 'off' check (privacy in ('off', 'partial', 'full')),
      locked boolean not null default false,
      auth_code text not null,
      label text,
      note text not null default '',
      customer_id text,
      service_mode text not null default 'regd_dns'
        check (service_mode in ('regd_dns', 'custom_ns', 'forward', 'stealth', 'parking', 'hosting')),
      name_servers jsonb not null default '[]',
      forward_url text,
      forward_kind text check (forward_kind in ('permanent', 'temporary', 'cloak')),
      forward_title text,
      parking_with_ads boolean,
      hosting_type text,
      premium boolean not null default false,
      order_id bigint references orders (id)
    );
    -- One live registration per name: a released row keeps its history.
    create unique index domains_live_name_key on domains (name) where released_at is null;
    create index domains_account_idx on domains (account_id, name);
    create index domains_expiry_idx on domains (expires_at) where released_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table domains; drop table balances; drop table ledger_entries;
    drop table order_items; drop table orders; drop sequence order_numbers; drop table accounts; drop table settings;
  `.execute(db);
}
