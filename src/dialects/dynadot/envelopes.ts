/**
 * The per-command envelope table of spec §4.4, as data: one row per served
 * command. A row names the XML root, header and content elements and the
 * command's envelope "generation"; the generation fixes the XML
 * declaration, the XML code element and how JSON writes the code.
 *
 * | variant | XML declaration | XML code element | JSON ResponseCode |
 * |---------|-----------------|------------------|-------------------|
 * | legacy  | none            | SuccessCode      | string "0"        |
 * | new     | yes             | ResponseCode     | number 0          |
 * | mixedA  | yes             | SuccessCode      | number 0          |
 * | mixedB  | yes             | SuccessCode      | string "0"        |
 * | mixedC  | yes             | ResponseCode     | string "0"        |
 * | other   | none            | ResponseCode     | number 0          |
 * | response| none            | ResponseCode     | string "0"        |
 *
 * `response` is the generic `Response`/`ResponseHeader` envelope: is_processing
 * and the request-level errors (bad key, unknown command; spec §17).
 *
 * Names are the examples' (the tag tables disagree in places; README
 * "Choices" lists each pick). test/dialects/dynadot/envelopes.test.ts
 * checks every row over HTTP in both formats.
 */

export type Variant = 'legacy' | 'new' | 'mixedA' | 'mixedB' | 'mixedC' | 'other' | 'response';

export interface VariantRule {
  readonly declaration: boolean;
  readonly xmlCode: 'SuccessCode' | 'ResponseCode';
  readonly jsonCode: 'string' | 'number';
}

export const VARIANTS: Readonly<Record<Variant, VariantRule>> = {
  legacy: { declaration: false, xmlCode: 'SuccessCode', jsonCode: 'string' },
  new: { declaration: true, xmlCode: 'ResponseCode', jsonCode: 'number' },
  mixedA: { declaration: true, xmlCode: 'SuccessCode', jsonCode: 'number' },
  mixedB: { declaration: true, xmlCode: 'SuccessCode', jsonCode: 'string' },
  mixedC: { declaration: true, xmlCode: 'ResponseCode', jsonCode: 'string' },
  other: { declaration: false, xmlCode: 'ResponseCode', jsonCode: 'number' },
  response: { declaration: false, xmlCode: 'ResponseCode', jsonCode: 'string' },
};

export interface Envelope {
  readonly variant: Variant;
  /** XML root and JSON top-level key. */
  readonly root: string;
  readonly header: string;
  /** The XML content element, when the command has content. */
  readonly content?: string;
  /** The JSON key of the code when it is not "ResponseCode" (set_contact_eu_setting's "ResponseCode: "). */
  readonly jsonCodeKey?: string;
  /** The command answers in the `.html`/`.csv` "CSV" format too (its examples show it). */
  readonly csv?: boolean;
  /**
   * The auction family's JSON (§4.3, §5): no root object and no code, a
   * lower-case `status` (and `error`), then the command's snake_case fields.
   */
  readonly jsonBare?: boolean;
}

const row = (variant: Variant, root: string, header: string, content?: string, extra: Partial<Envelope> = {}): Envelope =>
  ({ variant, root, header, ...(content !== undefined ? { content } : {}), ...extra });

/** Root `XResponse`, header `XHeader`, content `XContent`. */
const std = (variant: Variant, base: string, content = false, extra: Partial<Envelope> = {}): Envelope =>
  row(variant, `${base}Response`, `${base}Header`, content ? `${base}Content` : undefined, extra);

export const ENVELOPES: Readonly<Record<string, Envelope>> = {
  // domain
  search: row('legacy', 'SearchResponse', 'SearchHeader'),
  suggestion_search: std('legacy', 'SuggestionSearch', true),
  register: std('legacy', 'Register', true),
  delete: std('legacy', 'Delete'),
  renew: std('legacy', 'Renew', true),
  bulk_register: std('new', 'BulkRegister', true),
  domain_info: std('new', 'DomainInfo', true),
  list_domain: std('new', 'ListDomainInfo', true),
  lock_domain: std('legacy', 'LockDomain'),
  lock: std('legacy', 'LockDomain'),
  tld_price: row('mixedA', 'TldPriceResponse', 'TldPriceResponseHeader', 'TldPriceContent'),
  // settings
  set_whois: std('legacy', 'SetWhois'),
  set_ns: std('legacy', 'SetNs'),
  set_parking: std('legacy', 'SetParking'),
  set_forwarding: std('legacy', 'SetForwarding'),
  set_stealth: std('legacy', 'SetStealth'),
  set_hosting: std('legacy', 'SetHosting'),
  set_email_forward: std('legacy', 'SetEmailForwarding'),
  set_clear_domain_setting: std('legacy', 'SetClearDomainSetting'),
  set_folder: std('legacy', 'SetFolder'),
  set_renew_option: std('legacy', 'SetRenewOption'),
  set_note: std('legacy', 'SetNote'),
  set_privacy: std('legacy', 'SetPrivacy'),
  set_customer_id: std('other', 'SetCustomerId', true),
  // dns
  set_dns2: std('mixedA', 'SetDns'),
  get_dns: std('new', 'GetDns', true),
  set_domain_dnssec: std('mixedA', 'SetDomainDnssec'),
  // name servers
  get_ns: row('legacy', 'GetNsResponse', 'GetNsHeader', 'NsContent', { csv: true }),
  add_ns: std('legacy', 'AddNs', true),
  register_ns: std('legacy', 'RegisterNs', true),
  set_ns_ip: std('legacy', 'SetNsIp'),
  delete_ns: std('legacy', 'DeleteNs'),
  delete_ns_by_domain: std('legacy', 'DeleteNs'),
  server_list: std('new', 'ServerList', true),
  // contacts (§15.5)
  create_contact: std('legacy', 'CreateContact', true),
  edit_contact: std('mixedB', 'EditContact', true, { csv: true }),
  delete_contact: std('legacy', 'DeleteContact'),
  contact_list: std('new', 'ContactList', true),
  get_contact: std('new', 'GetContact', true),
  set_contact_eu_setting: std('mixedC', 'SetContactEUSetting', true, { jsonCodeKey: 'ResponseCode: ' }),
  set_contact_lv_setting: std('new', 'SetContactLvSetting', true, { csv: true }),
  create_cn_audit: std('legacy', 'CreateCnAudit'),
  get_cn_audit_status: std('mixedB', 'GetCnAuditStatus'),
  // transfers and pushes (§15.6)
  transfer: std('legacy', 'Transfer'),
  get_transfer_status: std('mixedA', 'GetTransferStatus', true),
  cancel_transfer: std('legacy', 'CancelTransfer'),
  set_transfer_auth_code: std('legacy', 'SetTransferAuthCode'),
  get_transfer_auth_code: std('legacy', 'GetTransferAuthCode'),
  authorize_transfer_away: std('legacy', 'AuthorizeTransferAway'),
  push: std('legacy', 'Push'),
  get_domain_push_request: std('new', 'GetDomainPushRequest', true),
  set_domain_push_request: std('new', 'SetDomainPushRequest', true),
  // account
  account_info: std('new', 'AccountInfo', true),
  get_account_balance: std('mixedA', 'GetAccountBalance', true),
  // orders and misc
  order_list: std('new', 'OrderList', true),
  get_order_status: std('new', 'GetOrderStatus', true),
  is_processing: row('response', 'Response', 'ResponseHeader', undefined, { csv: true }),
  get_whois_stats: std('new', 'GetWhoisStats', true),
  get_reseller_hold_status: std('new', 'GetResellerHoldStatus', true),
  set_reseller_hold_status: std('new', 'SetResellerHoldStatus'),
  // account defaults (§15.8): set_default_dns and _dns2 share SetDefaultDnsResponse (§16)
  set_default_whois: std('legacy', 'SetDefaultWhois'),
  set_default_ns: std('legacy', 'SetDefaultNs', true),
  set_default_parking: std('legacy', 'SetDefaultParking'),
  set_default_forwarding: std('legacy', 'SetDefaultForwarding'),
  set_default_stealth: std('legacy', 'SetDefaultStealth'),
  set_default_hosting: std('legacy', 'SetDefaultHosting'),
  set_default_dns: std('legacy', 'SetDefaultDns'),
  set_default_dns2: std('legacy', 'SetDefaultDns'),
  set_default_email_forward: std('legacy', 'SetDefaultEmailForwarding'),
  set_default_renew_option: std('legacy', 'SetDefaultRenewOption'),
  set_clear_default_setting: std('legacy', 'SetClearDefaultSetting'),
  // folders (§15.9): FolderCreateResponse (§16); set_folder_dns and _dns2 share SetFolderDnsResponse;
  // set_folder_renew_option as its example (the tag table's generic Response is a slip)
  create_folder: std('legacy', 'FolderCreate', true),
  delete_folder: std('legacy', 'DeleteFolder'),
  set_folder_name: std('legacy', 'SetFolderName'),
  folder_list: std('new', 'FolderList', true),
  set_folder_whois: std('legacy', 'SetFolderWhois'),
  set_folder_ns: std('legacy', 'SetFolderNs', true),
  set_folder_parking: std('legacy', 'SetFolderParking'),
  set_folder_forwarding: std('legacy', 'SetFolderForwarding'),
  set_folder_stealth: std('legacy', 'SetFolderStealth'),
  set_folder_hosting: std('legacy', 'SetFolderHosting'),
  set_folder_dns: std('legacy', 'SetFolderDns'),
  set_folder_dns2: std('legacy', 'SetFolderDns'),
  set_folder_email_forward: std('legacy', 'SetFolderEmailForwarding'),
  set_folder_renew_option: std('legacy', 'SetFolderRenewOption'),
  set_clear_folder_setting: std('legacy', 'SetClearFolderSetting'),
  // backorder requests (§15.10)
  add_backorder_request: std('legacy', 'AddBackorderRequest'),
  delete_backorder_request: std('legacy', 'DeleteBackorderRequest'),
  backorder_request_list: std('mixedA', 'BackorderRequestList', true, { csv: true }),
  // marketplace (§15.12): GetListingsItem… as the example (the tag table's GetListingItem… is a slip, §16);
  // set_for_sale and set_sedo_confirm_action are undocumented (README)
  get_listings: std('mixedA', 'GetListings', true),
  get_listing_item: std('mixedA', 'GetListingsItem', true),
  buy_it_now: std('legacy', 'BuyItNow'),
  set_for_sale: std('new', 'SetForSale'),
  set_afternic_confirm_action: std('mixedB', 'SetAfternicConfirmAction'),
  set_sedo_confirm_action: std('mixedB', 'SetSedoConfirmAction'),
  get_expired_closeout_domains: std('new', 'GetExpiredCloseoutDomains', true),
  buy_expired_closeout_domain: std('mixedC', 'BuyExpiredCloseoutDomain'),
  // auctions (§15.11): the first four answer envelope-less snake_case JSON; PlaceBakcorderAuctionBidResponse as printed (§16)
  get_open_auctions: std('legacy', 'GetOpenAuctions', true, { jsonBare: true, csv: true }),
  get_auction_details: std('mixedA', 'GetAuctionDetails', true, { jsonBare: true }),
  get_auction_bids: std('legacy', 'GetAuctionBids', true, { jsonBare: true }),
  place_auction_bid: std('legacy', 'PlaceAuctionBid', false, { jsonBare: true, csv: true }),
  get_closed_auctions: std('mixedA', 'GetClosedAuctions', true, { csv: true }),
  get_open_backorder_auctions: std('legacy', 'GetOpenBackorderAuctions', true, { csv: true }),
  get_backorder_auction_details: std('mixedA', 'GetBackorderAuctionDetails', true),
  place_backorder_auction_bid: row('legacy', 'PlaceBakcorderAuctionBidResponse', 'PlaceBackorderAuctionBidHeader', undefined, { csv: true }),
  get_closed_backorder_auctions: std('mixedA', 'GetClosedBackorderAuctions', true, { csv: true }),
};

/** The envelope of request-level errors (no key, bad key, unknown command). */
export const GENERIC_ENVELOPE: Envelope = row('response', 'Response', 'ResponseHeader');

export function envelopeOf(command: string): Envelope | undefined {
  return Object.prototype.hasOwnProperty.call(ENVELOPES, command) ? ENVELOPES[command] : undefined;
}
