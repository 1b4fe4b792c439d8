/**
 * The one description of the database's tables for the typed query builder.
 * `Generated<>` marks columns the database fills; row types for reads and
 * writes are derived with Selectable/Insertable/Updateable where needed.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

/** bigint columns are parsed to JS numbers (see database.ts); ids and minor units stay below 2^53. */
type Id = Generated<number>;
type Json<T> = ColumnType<T, string, string>;
/** A JSON column with a database default: optional on insert. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

export interface AccountsTable {
  id: Id;
  email: string;
  password_hash: string;
  first_name: Generated<string>;
  last_name: Generated<string>;
  organization: Generated<string>;
  address: Generated<string>;
  postcode: Generated<string>;
  city: Generated<string>;
  state: Generated<string>;
  country: Generated<string>;
  phone: Generated<string>;
  default_currency: Generated<string>;
  status: Generated<'active' | 'suspended'>;
  level: Generated<'regular' | 'bulk' | 'super_bulk' | 'reseller'>;
  api_key_hash: string | null;
  api_key_hint: string | null;
  wapi_secret: string | null;
  push_username: string | null;
  created_at: Date;
  updated_at: Date;
}

export type OrderStatus = 'processing' | 'completed' | 'failed' | 'cancelled';

export interface OrdersTable {
  id: Id;
  number: Generated<string>;
  account_id: number;
  kind: string;
  status: OrderStatus;
  currency: string;
  amount_minor: number;
  source: Generated<string>;
  created_at: Date;
  updated_at: Date;
}

export interface OrderItemsTable {
  id: Id;
  order_id: number;
  position: number;
  kind: string;
  domain_name: string | null;
  period_months: number | null;
  amount_minor: number;
  status: OrderStatus;
  detail: Generated<string>;
}

/** `credit`: proceeds of a sale paid by another account's charge (migration 0020). */
export type LedgerKind = 'deposit' | 'charge' | 'refund' | 'hold' | 'release' | 'credit';

export interface LedgerEntriesTable {
  id: Id;
  account_id: number;
  currency: string;
  kind: LedgerKind;
  amount_minor: number;
  order_id: number | null;
  hold_id: number | null;
  memo: Generated<string>;
  created_at: Date;
}

export interface BalancesTable {
  account_id: number;
  currency: string;
  balance_minor: Generated<number>;
  on_hold_minor: Generated<number>;
}

export type ServiceMode = 'regd_dns' | 'custom_ns' | 'forward' | 'stealth' | 'parking' | 'hosting';
export type ForwardKind = 'permanent' | 'temporary' | 'cloak';
export type RenewOption = 'auto' | 'donot' | 'reset';
export type Privacy = 'off' | 'partial' | 'full';

export interface DomainsTable {
  id: Id;
  account_id: number;
  name: string;
  unicode_name: string;
  tld: string;
  domain_type: 'FREE' | 'PAID';
  created_at: Date;
  create_completes_at: Date | null;
  expires_at: Date;
  updated_at: Date;
  add_grace_ends_at: Date | null;
  deleted_at: Date | null;
  released_at: Date | null;
  period_months: number;
  auto_renew: boolean;
  renew_option: RenewOption;
  privacy: Privacy;
  locked: boolean;
  auth_code: string;
  label: string | null;
  note: Generated<string>;
  customer_id: string | null;
  service_mode: ServiceMode;
  name_servers: Json<string[]>;
  forward_url: string | null;
  forward_kind: ForwardKind | null;
  forward_title: string | null;
  parking_with_ads: boolean | null;
  hosting_type: string | null;
  premium: boolean;
  order_id: number | null;
  registrant_contact_id: ColumnType<number | null, number | null | undefined, number | null>;
  admin_contact_id: ColumnType<number | null, number | null | undefined, number | null>;
  tech_contact_id: ColumnType<number | null, number | null | undefined, number | null>;
  billing_contact_id: ColumnType<number | null, number | null | undefined, number | null>;
  folder_id: ColumnType<number | null, number | null | undefined, number | null>;
  nsset_id: ColumnType<number | null, number | null | undefined, number | null>;
  email_forward: JsonDefault<EmailForward>;
  transferred_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** After a failed auto-renew (no funds), the sweeper tries again from this instant. */
  auto_renew_retry_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** E-mail forwarding of a domain: none, MX hosts, or aliases forwarded to addresses. */
export type EmailForward =
  | { readonly type: 'donot' }
  | { readonly type: 'mx'; readonly mx: readonly { readonly host: string; readonly distance: number }[] }
  | { readonly type: 'forward'; readonly aliases: readonly { readonly user: string; readonly to: string }[] };

export type CnAuditStatus = 'none' | 'processing' | 'pass' | 'failed';

export interface ContactsTable {
  id: Id;
  account_id: number;
  number: Generated<number>;
  handle: string;
  title: Generated<string>;
  first_name: Generated<string>;
  middle_name: Generated<string>;
  last_name: Generated<string>;
  organization: Generated<string>;
  address1: Generated<string>;
  address2: Generated<string>;
  address3: Generated<string>;
  city: Generated<string>;
  state: Generated<string>;
  postcode: Generated<string>;
  country: Generated<string>;
  phone: Generated<string>;
  fax: Generated<string>;
  email: Generated<string>;
  email2: Generated<string>;
  notify_email: Generated<string>;
  company_number: Generated<string>;
  vat_number: Generated<string>;
  ident_type: Generated<string>;
  ident_value: Generated<string>;
  eu_citizenship: string | null;
  lv_registration_number: string | null;
  lv_vat_number: string | null;
  cn_audit: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  cn_audit_status: Generated<CnAuditStatus>;
  cn_audit_failed_reason: Generated<string>;
  created_at: Date;
  updated_at: Date;
}

export interface HostsTable {
  id: Id;
  account_id: number;
  number: Generated<number>;
  name: string;
  /** IPv4 and IPv6 addresses, canonical text. */
  addresses: JsonDefault<string[]>;
  created_at: Date;
}

export interface NssetHost {
  readonly name: string;
  readonly addresses: readonly string[];
}

export interface NssetsTable {
  id: Id;
  account_id: number;
  handle: string;
  hosts: JsonDefault<NssetHost[]>;
  tech_contact_id: number | null;
  created_at: Date;
  updated_at: Date;
}

/** Settings applied to domains: the account defaults and each folder carry one. See core/flows/folders. */
export type SettingsTemplate = Readonly<Record<string, unknown>>;

export interface FoldersTable {
  id: Id;
  account_id: number;
  number: Generated<number>;
  name: string;
  template: JsonDefault<SettingsTemplate>;
  /** Per setting: apply to domains moved into the folder later. */
  enabled: JsonDefault<Readonly<Record<string, boolean>>>;
  created_at: Date;
  updated_at: Date;
}

export interface AccountDefaultsTable {
  account_id: number;
  template: JsonDefault<SettingsTemplate>;
  updated_at: Date;
}

/** An account's live (not released, not deleted) domains, kept by triggers on domains (migration 0026); derived, not exported. */
export interface AccountDomainCountsTable {
  account_id: number;
  /** One of 16 rows per account (the writing connection's backend pid % 16): the count is their sum. */
  shard: number;
  /** bigint: read as a string; one row may be negative, the sum is exact. */
  live: Generated<number | string>;
}

export interface DnsZonesTable {
  domain_id: number;
  serial: number;
  default_ttl: Generated<number>;
  auto_commit_at: Date | null;
  /** The zone's dns_records rows (staged ones included) and the octets of their data, kept by triggers (migration 0023). */
  record_count: Generated<number>;
  rdata_bytes: Generated<number>;
}

export type DnsRecordState = 'live' | 'staged_add' | 'staged_update' | 'staged_delete';

export interface DnsRecordsTable {
  id: Id;
  domain_id: number;
  /** Owner relative to the zone apex: '@' for the apex, 'www', '*.dev'… */
  name: string;
  type: string;
  ttl: number;
  priority: number | null;
  weight: number | null;
  port: number | null;
  flags: number | null;
  tag: string | null;
  data: string;
  state: Generated<DnsRecordState>;
  staged: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** The author's comment (WEDOS `auth_comment`), '' when none. */
  comment: Generated<string>;
  created_at: Date;
  updated_at: Date;
}

export type TransferStatus = 'pending' | 'completed' | 'declined' | 'cancelled' | 'failed';

export interface TransfersTable {
  id: Id;
  number: Generated<string>;
  domain_id: number;
  domain_name: string;
  gaining_account_id: number;
  losing_account_id: number;
  status: TransferStatus;
  requested_at: Date;
  auto_approve_at: Date;
  decided_at: Date | null;
  decided_by: 'losing' | 'gaining' | 'auto' | 'operator' | null;
  reason: Generated<string>;
  currency: string;
  amount_minor: number;
  period_months: Generated<number>;
  order_id: number | null;
  hold_id: number | null;
  updated_at: Date;
  /** Contacts (public numbers) to apply when a pending transfer completes. */
  contacts: ColumnType<Record<string, number | null> | null, string | null | undefined, string | null>;
  /** Name servers to set when it completes: null keeps the domain's, [] means regd's own. */
  name_servers: ColumnType<string[] | null, string | null | undefined, string | null>;
}

export type PushStatus = 'pending' | 'accepted' | 'declined' | 'cancelled' | 'expired';

export interface PushesTable {
  id: Id;
  sender_account_id: number;
  receiver_account_id: number;
  status: PushStatus;
  created_at: Date;
  expires_at: Date;
  decided_at: Date | null;
}

export interface PushDomainsTable {
  push_id: number;
  domain_id: number;
  domain_name: string;
  open: Generated<boolean>;
}

export interface NotificationsTable {
  id: Id;
  account_id: number;
  kind: string;
  domain_name: string | null;
  message: string;
  payload: JsonDefault<Record<string, unknown>>;
  dedupe_key: string | null;
  created_at: Date;
  acked_at: Date | null;
}

/** `auctioned`: several accounts backordered the name; a backorder auction decides (migration 0020). */
export type DropRequestStatus = 'pending' | 'fulfilled' | 'failed' | 'cancelled' | 'auctioned';

export interface DropRequestsTable {
  id: Id;
  account_id: number;
  kind: 'preorder' | 'backorder';
  domain_name: string;
  unicode_name: string;
  tld: string;
  status: DropRequestStatus;
  currency: string;
  amount_minor: number;
  hold_id: number | null;
  domain_id: number | null;
  failure_reason: Generated<string>;
  created_at: Date;
  updated_at: Date;
}

export interface OutboxTable {
  id: Id;
  account_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  kind: string;
  created_at: Date;
  /** Delivery (migration 0022): pending until sent, failed after the last retry. */
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: Generated<number>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  last_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  next_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** KifDom API tokens revoked before their expiry (logout, refresh). */
export interface KifdomRevokedTokensTable {
  jti: string;
  account_id: number;
  expires_at: Date;
  revoked_at: Date;
}

/** Freenom API v2: the first response of each POST action, replayed for 30 seconds. */
export interface FreenomIdempotencyTable {
  account_id: number;
  function: string;
  params_hash: string;
  /** The rendered response data (JSON text: key order matters on the wire). */
  response: string;
  created_at: Date;
}

/** Failed logins per kind of secret and login name (migration 0012). */
export interface LoginFailuresTable {
  kind: 'password' | 'wapi';
  /** SHA-256 (hex) of the login, lower case and trimmed. */
  login_hash: string;
  failures: number;
  window_start: Date;
  locked_until: Date | null;
}

/** A DS or DNSKEY record of a domain's DNSSEC data (Dynadot set_domain_dnssec); DS fields or DNSKEY fields by kind. */
export interface DnssecKeysTable {
  id: Generated<number>;
  domain_id: number;
  kind: 'ds' | 'dnskey';
  algorithm: number;
  key_tag: number | null;
  digest_type: number | null;
  digest: string | null;
  flags: number | null;
  protocol: number | null;
  public_key: string | null;
  created_at: Date;
}

/** A reseller's hold on one of its domains (Dynadot set_reseller_hold_status); counts while `account_id` owns the domain. */
export interface ResellerHoldsTable {
  domain_id: number;
  account_id: number;
  held_at: Date;
}

/** Lookups of a domain's registration data per UTC day (Dynadot get_whois_stats). */
export interface WhoisLookupsTable {
  domain_id: number;
  /** The UTC day, 'YYYY-MM-DD'. */
  day: string;
  lookups: number;
}

/** WEDOS WAPI: networks an account may call WAPI from (none: anywhere). */
export interface WapiIpAllowTable {
  account_id: number;
  /** Canonical CIDR ("192.0.2.0/24", "2001:db8::/32"). */
  cidr: string;
  created_at: Date;
}

/** The DNS server's IXFR journal (migration 0009): records are base64 wire-format resource records. */
export interface DnsJournalTable {
  id: Generated<number>;
  zone: string;
  from_serial: number;
  to_serial: number;
  to_digest: number;
  from_soa: string;
  to_soa: string;
  removed: ColumnType<string[], string, string>;
  added: ColumnType<string[], string, string>;
  created_at: Generated<Date>;
}

/** Appended by triggers (migration 0014) when a row the DNS server reads changes; read by src/core/publication/change-feed.ts. */
export interface DnsChangesTable {
  seq: Generated<number>;
  /** The writing transaction's id (xid8, as text). */
  xid: Generated<string>;
  /** 'd' domain, 'z' hosted zone (ref: domain id), 'h' host, 'n' NSSET, '*' a truncated table. */
  kind: string;
  ref: number;
}

/** One row: log rows of transactions below `below` may have been pruned. */
export interface DnsChangesPrunedTable {
  below: string;
}

/** Auctions (migration 0019; core flows/auctions): status is Dynadot's AuctionStatusId (0 open … 5 closed by a transfer away). */
export type AuctionKind = 'expired' | 'user' | 'backorder' | 'registry_expired';
export type AuctionStatusId = 0 | 1 | 2 | 3 | 4 | 5;

export interface AuctionsTable {
  id: Id;
  kind: AuctionKind;
  domain_name: string;
  unicode_name: string;
  tld: string;
  domain_id: number | null;
  lot_expires_at: Date | null;
  seller_account_id: number | null;
  restricted: Generated<boolean>;
  status: ColumnType<AuctionStatusId, AuctionStatusId | undefined, AuctionStatusId>;
  currency: string;
  start_price_minor: number;
  current_price_minor: number;
  leader_account_id: number | null;
  bid_count: Generated<number>;
  starts_at: Date;
  ends_at: Date;
  closed_at: Date | null;
  winner_account_id: number | null;
  final_price_minor: number | null;
  close_note: Generated<string>;
  created_at: Date;
}

export interface AuctionParticipantsTable {
  auction_id: number;
  account_id: number;
}

export interface AuctionBidsTable {
  id: Id;
  auction_id: number;
  account_id: number;
  price_minor: number;
  max_minor: number;
  is_proxy_auto: Generated<boolean>;
  created_at: Date;
}

export interface AuctionProxiesTable {
  auction_id: number;
  account_id: number;
  max_minor: number;
  placed_seq: number;
  hold_id: number | null;
  updated_at: Date;
}

/** A domain its holder offers at a fixed price (migration 0020; Dynadot set_for_sale / buy_it_now); counts while `account_id` holds the domain. */
export interface MarketplaceListingsTable {
  id: Id;
  domain_id: number;
  account_id: number;
  status: 'active' | 'sold' | 'withdrawn';
  currency: string;
  price_minor: number;
  afternic_action: 'confirm_afternic' | 'delete_from_afternic' | null;
  sedo_action: 'confirm_sedo' | 'delete_from_sedo' | null;
  buyer_account_id: number | null;
  order_id: number | null;
  created_at: Date;
  updated_at: Date;
}

/** An expired registration offered at a decaying price (migration 0020; core flows/closeouts). */
export interface CloseoutsTable {
  id: Id;
  domain_id: number;
  domain_name: string;
  unicode_name: string;
  tld: string;
  holder_account_id: number;
  expires_at: Date;
  status: 'open' | 'sold' | 'ended';
  started_at: Date;
  ends_at: Date;
  buyer_account_id: number | null;
  order_id: number | null;
  currency: string | null;
  price_minor: number | null;
  sold_at: Date | null;
}

export interface Database {
  settings: SettingsTable;
  accounts: AccountsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  ledger_entries: LedgerEntriesTable;
  balances: BalancesTable;
  domains: DomainsTable;
  account_domain_counts: AccountDomainCountsTable;
  contacts: ContactsTable;
  hosts: HostsTable;
  nssets: NssetsTable;
  folders: FoldersTable;
  account_defaults: AccountDefaultsTable;
  dns_zones: DnsZonesTable;
  dns_records: DnsRecordsTable;
  transfers: TransfersTable;
  pushes: PushesTable;
  push_domains: PushDomainsTable;
  outbox: OutboxTable;
  notifications: NotificationsTable;
  drop_requests: DropRequestsTable;
  kifdom_revoked_tokens: KifdomRevokedTokensTable;
  freenom_idempotency: FreenomIdempotencyTable;
  wapi_ip_allow: WapiIpAllowTable;
  dns_journal: DnsJournalTable;
  dns_changes: DnsChangesTable;
  dns_changes_pruned: DnsChangesPrunedTable;
  login_failures: LoginFailuresTable;
  reseller_holds: ResellerHoldsTable;
  whois_lookups: WhoisLookupsTable;
  dnssec_keys: DnssecKeysTable;
  marketplace_listings: MarketplaceListingsTable;
  closeouts: CloseoutsTable;
  auctions: AuctionsTable;
  auction_participants: AuctionParticipantsTable;
  auction_bids: AuctionBidsTable;
  auction_proxies: AuctionProxiesTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type DomainRow = Selectable<DomainsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;
export type ContactRow = Selectable<ContactsTable>;
export type HostRow = Selectable<HostsTable>;
export type NssetRow = Selectable<NssetsTable>;
export type FolderRow = Selectable<FoldersTable>;
export type DnsRecordRow = Selectable<DnsRecordsTable>;
export type DnsZoneRow = Selectable<DnsZonesTable>;
export type TransferRow = Selectable<TransfersTable>;
export type PushRow = Selectable<PushesTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type DropRequestRow = Selectable<DropRequestsTable>;
export type MarketplaceListingRow = Selectable<MarketplaceListingsTable>;
export type CloseoutRow = Selectable<CloseoutsTable>;
export type AuctionRow = Selectable<AuctionsTable>;
export type AuctionBidRow = Selectable<AuctionBidsTable>;
export type AuctionProxyRow = Selectable<AuctionProxiesTable>;
