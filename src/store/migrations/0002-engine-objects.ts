/**
 * Engine objects: contacts, name server hosts, NSSETs, folders and account
 * defaults, DNS zones and records, transfers, pushes, the mail outbox.
 * Every public id a dialect shows (contact numbers, WEDOS handles, server
 * and folder ids, transfer numbers) is a stored column, never recomputed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence contact_numbers start 100001;
    create table contacts (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      number bigint not null unique default nextval('contact_numbers'),
      handle text not null unique,
      title text not null default '',
      first_name text not null default '',
      middle_name text not null default '',
      last_name text not null default '',
      organization text not null default '',
      address1 text not null default '',
      address2 text not null default '',
      address3 text not null default '',
      city text not null default '',
      state text not null default '',
      postcode text not null default '',
      country text not null default '',
      phone text not null default '',
      fax text not null default '',
      email text not null default '',
      email2 text not null default '',
      notify_email text not null default '',
      company_number text not null default '',
      vat_number text not null default '',
      ident_type text not null default '',
      ident_value text not null default '',
      eu_citizenship text,
      lv_registration_number text,
      lv_vat_number text,
      cn_audit jsonb,
      cn_audit_status text not null default 'none' check (cn_audit_status in ('none', 'processing', 'pass', 'failed')),
      cn_audit_failed_reason text not null default '',
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index contacts_account_idx on contacts (account_id, id);

    create sequence host_numbers start 1001;
    create table hosts (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      number bigint not null unique default nextval('host_numbers'),
      name text not null,
      addresses jsonb not null default '[]',
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    -- a host name is one object in the registry
    create unique index hosts_name_key on hosts (name);
    create index hosts_account_idx on hosts (account_id, name);

    create table nssets (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      handle text not null unique,
      hosts jsonb not null default '[]',
      tech_contact_id bigint references contacts (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    create sequence folder_numbers start 1;
    create table folders (
      id bigserial primary key,
      account_id bigint not null references accounts (id),
      number bigint not null unique default nextval('folder_numbers'),
      name text not null,
      template jsonb not null default '{}',
      enabled jsonb not null default '{}',
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (account_id, name)
    );

    create table account_defaults (
      account_id bigint primary key references accounts (id),
      template jsonb not null default '{}',
      updated_at timestamptz not null
    );

    alter table domains
      add column registrant_contact_id bigint references contacts (id),
      add column admin_contact_id bigint references contacts (id),
      add column tech_contact_id bigint references contacts (id),
      add column billing_contact_id bigint references contacts (id),
      add column folder_id bigint references folders (id),
      add column nsset_id bigint references nssets (id),
      add column email_forward jsonb not null default '{"type":"donot"}',
      add column transferred_at timestamptz;

    create table dns_zones (
      domain_id bigint primary key references domains (id),
      serial bigint not null,
      default_ttl int not null default 3600,
      auto_commit_at timestamptz,
      updated_at timestamptz not null
    );

    -- state: live = published; staged_* = waiting for a commit (WAPI
    -- dns-domain-commit or the auto-commit delay). staged holds the new
    -- values of a staged update.
    create table dns_records (
      id bigserial primary key,
      domain_id bigint not null references domains (id),
      name text not null,
      type text not null,
      ttl int not null,
      priority int,
      weight int,
      port int,
      flags int,
      tag text,
      data text not null,
      state text not null default 'live' check (state in ('live', 'staged_add', 'staged_update', 'staged_delete')),
      staged jsonb,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index dns_records_domain_idx on dns_records (domain_id, name, type);

    create sequence transfer_numbers start 5000001;
    create table transfers (
      id bigserial primary key,
      number text not null unique default nextval('transfer_numbers')::text,
      domain_id bigint not null references domains (id),
      domain_name text not null,
      gaining_account_id bigint not null references accounts (id),
      losing_account_id bigint not null references accounts (id),
      status text not null check (status in ('pending', 'completed', 'declined', 'cancelled', 'failed')),
      requested_at timestamptz not null,
      auto_approve_at timestamptz not null,
      decided_at timestamptz,
      decided_by text check (decided_by in ('losing', 'gaining', 'auto', 'operator')),
      reason text not null default '',
      currency text not null,
      amount_minor bigint not null check (amount_minor >= 0),
      period_months int not null default 0,
      order_id bigint references orders (id),
      hold_id bigint references ledger_entries (id),
      updated_at timestamptz not null
    );
    -- at most one transfer in flight per domain
    create unique index transfers_one_pending on transfers (domain_id) where status = 'pending';
    create index transfers_gaining_idx on transfers (gaining_account_id, updated_at);
    create index transfers_losing_idx on transfers (losing_account_id, updated_at);

    create table pushes (
      id bigserial primary key,
      sender_account_id bigint not null references accounts (id),
      receiver_account_id bigint not null references accounts (id),
      status text not null check (status in ('pending', 'accepted', 'declined', 'cancelled', 'expired')),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      decided_at timestamptz
    );
    create table push_domains (
      push_id bigint not null references pushes (id),
      domain_id bigint not null references domains (id),
      domain_name text not null,
      -- true while the push waits for an answer: a domain is in one open push at a time
      open boolean not null default true,
      primary key (push_id, domain_id)
    );
    create unique index push_domains_one_open on push_domains (domain_id) where open;

    create table outbox (
      id bigserial primary key,
      account_id bigint references accounts (id),
      to_address text not null,
      subject text not null,
      body text not null,
      kind text not null,
      created_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table outbox; drop table push_domains; drop table pushes; drop table transfers; drop sequence transfer_numbers;
    drop table dns_records; drop table dns_zones;
    alter table domains drop column registrant_contact_id, drop column admin_contact_id, drop column tech_contact_id,
      drop column billing_contact_id, drop column folder_id, drop column nsset_id, drop column email_forward, drop column transferred_at;
    drop table account_defaults; drop table folders; drop sequence folder_numbers; drop table nssets;
    drop table hosts; drop sequence host_numbers; drop table contacts; drop sequence contact_numbers;
  `.execute(db);
}
