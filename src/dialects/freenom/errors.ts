/**
 * Freenom errors: `{"status":"error","error":"<message>"}` (XML: the same
 * two elements), one message for the first error found. Core errors are
 * mapped by code to a message template through the kit's error table
 * (a command's override, the concrete code, the category); placeholders are filled from the error's details, with core
 * parameter names translated to Freenom's. The README's error table is this
 * table (a test keeps them equal).
 */
import { isRegdError, type ErrorCategory, type ErrorCode, type RegdError } from '../../core/index.ts';
import { defineErrorTable } from '../kit/index.ts';

/** A wire-level refusal (unknown function, malformed body, bad parameter form), already in Freenom words. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** Core parameter names (details.param) → Freenom parameter names. */
const PARAM_NAMES: Readonly<Record<string, string>> = {
  domain: 'domainname',
  name: 'domainname',
  nameserver: 'nameserver',
  forward_url: 'forward_url',
  forward_mode: 'forward_mode',
  privacy: 'idshield',
  auto_renew: 'autorenew',
  autorenew: 'autorenew',
  registrant: 'owner_id',
  registrant_contact: 'owner_id',
  contacts: 'owner_id',
  admin: 'admin_id',
  tech: 'tech_id',
  billing: 'billing_id',
  contact_id: 'contact_id',
  title: 'contact_title',
  first_name: 'contact_firstname',
  middle_name: 'contact_middlename',
  last_name: 'contact_lastname',
  organization: 'contact_organization',
  address1: 'contact_address',
  city: 'contact_city',
  postcode: 'contact_zipcode',
  state: 'contact_statecode',
  country: 'contact_countrycode',
  phone: 'contact_phone',
  fax: 'contact_fax',
  email: 'contact_email',
  auth_code: 'authcode',
  host: 'hostname',
  ip: 'ipaddress',
  limit: 'results_per_page',
  offset: 'pagenr',
};

export function freenomParam(core: string): string {
  return PARAM_NAMES[core] ?? core;
}

/**
 * Message templates by core error code. `{param}` is the Freenom parameter
 * name; other placeholders are details of the error (see `placeholders`).
 */
export const ERROR_MESSAGES: { readonly [C in ErrorCode]?: string } = {
  // credentials and accounts
  INVALID_CREDENTIALS: 'Login credentials do not match any account',
  ACCOUNT_NOT_FOUND: 'Login credentials do not match any account',
  ACCOUNT_SUSPENDED: 'Account is suspended',
  LOGIN_LOCKED: 'Too many failed login attempts: try again in {retryAfterSeconds} seconds',
  NOT_AUTHORIZED_OPERATION: 'Not authorized',
  ACCOUNT_LEVEL_REQUIRED: 'Not authorized: this function requires a {required} account',
  // invalid data
  MISSING_PARAMETER: 'Missing parameter: {param}',
  INVALID_VALUE: 'Invalid value for {param}: {reason}',
  INVALID_DOMAIN_NAME: 'Invalid value for {param}: {reason}',
  UNSUPPORTED_TLD: 'Invalid value for {param}: the extension .{tld} is not supported',
  INVALID_PERIOD: 'Invalid value for {param}: {period} is not allowed (allowed: {allowed})',
  CURRENCY_NOT_SUPPORTED: 'Currency {currency} is not supported',
  INVALID_HOST_NAME: 'Invalid value for {param}: {reason}',
  INVALID_NAME_SERVER_COUNT: 'Between {min} and {max} nameservers are required; {count} given',
  CONFLICTING_PARAMETERS: '{param} and {other} are mutually exclusive',
  // domains
  DOMAIN_NOT_AVAILABLE: 'Domain {name} is not available',
  DOMAIN_RESERVED: 'Domain {name} is not available',
  DOMAIN_BLOCKED: 'Domain {name} is not available',
  DOMAIN_QUARANTINED: 'Domain {name} is not available',
  DOMAIN_NOT_FOUND: 'Domain {name} not found',
  PREMIUM_CONSENT_REQUIRED: 'Domain {name} is a premium domain and cannot be registered through this API',
  PRICE_MISMATCH: 'The price has changed',
  INSUFFICIENT_FUNDS: 'Insufficient funds',
  DOMAIN_LOCKED: 'Domain {name} is locked',
  DOMAIN_STATUS_PROHIBITS: 'Domain {name} is {status}: {operation} is not allowed',
  DELETE_NOT_ALLOWED: 'Domain {name} cannot be deleted',
  RESTORE_NOT_ALLOWED: 'Domain {name} cannot be restored',
  RENEW_NOT_ALLOWED: 'Domain {name} cannot be renewed: {reason}',
  NOT_UPGRADABLE: 'Domain {name} is not a free domain',
  AUTH_CODE_MISMATCH: 'Invalid authorization code',
  // contacts
  CONTACT_NOT_FOUND: 'Contact {ref} not found ({param})',
  CONTACT_IN_USE: 'Contact is linked to a domain and cannot be deleted',
  // name servers
  HOST_ALREADY_EXISTS: 'Nameserver {host} already exists',
  HOST_NOT_FOUND: 'Nameserver {ref} not found',
  HOST_PARENT_NOT_OWNED: 'Nameserver {host} lies under {domain}, which is not a domain of this account',
  GLUE_REQUIRED: 'Nameserver {host} needs a glue record: register it with nameserver/register first',
  GLUE_NOT_ALLOWED: 'Nameserver {host} is not under a domain of this registry: no glue record is accepted',
  HOST_IN_USE: 'Nameserver {host} is in use by a domain and cannot be deleted',
  NSSET_NOT_FOUND: 'NSSET {handle} not found',
  // the account's default DNS records, applied to a new registration
  INVALID_RECORD_TYPE: 'The account default DNS records cannot be applied: {message}',
  INVALID_RECORD_NAME: 'The account default DNS records cannot be applied: {message}',
  INVALID_RECORD_VALUE: 'The account default DNS records cannot be applied: {message}',
  INVALID_RECORD_TTL: 'The account default DNS records cannot be applied: {message}',
  CNAME_CONFLICT: 'The account default DNS records cannot be applied: {message}',
  DNS_RECORD_EXISTS: 'The account default DNS records cannot be applied: {message}',
  DNS_ZONE_LIMIT_EXCEEDED: 'The account default DNS records cannot be applied: {message}',
  // transfers
  TRANSFER_NOT_POSSIBLE: 'Domain {name} cannot be transferred: {reason}',
  TRANSFER_TO_SELF: 'Domain {name} is already in this account',
  TRANSFER_TOO_SOON: 'Domain {name} cannot be transferred yet: its transfer lock ends on {allowedDate}',
  TRANSFER_ALREADY_PENDING: 'A transfer of {name} is already pending',
  PUSH_ALREADY_PENDING: 'Domain {name} is waiting in a push and cannot be transferred',
  TRANSFER_NOT_FOUND: 'No pending transfer found for {ref}',
  TRANSFER_NOT_PENDING: 'Transfer is no longer pending',
  PENDING_TRANSFER_PROHIBITS: 'Domain {name} has a pending transfer: {operation} is not allowed',
  NAME_SERVER_AWAITS_TRANSFER: 'Nameserver {host} lies under {domain}, whose transfer is pending: set it once the domain has arrived',
};

/** Used only for a code the table does not know (a new core error): its category decides. */
export const CATEGORY_MESSAGES: Readonly<Record<ErrorCategory, string>> = {
  NotFound: 'Not found: {message}',
  AlreadyExists: 'Already exists: {message}',
  StatusProhibits: 'Not allowed: {message}',
  PolicyViolation: 'Not allowed: {message}',
  InvalidParameter: 'Invalid data: {message}',
  NotAuthorized: 'Not authorized',
  InsufficientFunds: 'Insufficient funds',
  LimitExceeded: 'Limit exceeded: {message}',
};

/** The dialect's table: the code's template, else its category's. */
export const ERROR_TABLE = defineErrorTable<string>(ERROR_MESSAGES, CATEGORY_MESSAGES);

/** The Freenom message of any error a command or the engine throws (a command's `errors` first); undefined for an unexpected one. */
export function messageOf(err: unknown, overrides?: Readonly<Partial<Record<ErrorCode, string>>>): string | undefined {
  if (err instanceof WireError) return err.message;
  if (!isRegdError(err)) return undefined;
  return fill(ERROR_TABLE.lookup(err, overrides), placeholders(err));
}

function placeholders(err: RegdError): Record<string, string> {
  const d = err.details;
  const vars: Record<string, string> = { message: err.message.replace(/\.$/, '') };
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'string' || typeof v === 'number') vars[k] = String(v);
  }
  vars.param = freenomParam(String(d.param ?? ''));
  if (typeof d.other === 'string') vars.other = freenomParam(d.other);
  if (err.code === 'INVALID_PERIOD') {
    const allowed = Array.isArray(d.allowed) ? (d.allowed as number[]) : [];
    const inYears = allowed.length > 0 && allowed.every((m) => m % 12 === 0);
    const fmt = (m: number) => (inYears && m % 12 === 0 ? `${m / 12}Y` : `${m}M`);
    vars.period = typeof d.periodMonths === 'number' ? fmt(d.periodMonths) : '';
    vars.allowed = allowed.length > 0 ? allowed.map(fmt).join(', ') : 'none';
  }
  if (err.code === 'TRANSFER_TOO_SOON') {
    // The day only (YYYYMMDD, UTC): the instant would give away when the domain was registered or transferred.
    vars.allowedDate = String(d.allowedFrom ?? '').slice(0, 10).replaceAll('-', '');
  }
  if (err.code === 'INVALID_HOST_NAME' && vars.param === 'nameserver' && typeof d.host === 'string') {
    vars.reason = `"${d.host}": ${String(d.reason ?? '')}`;
  }
  return vars;
}

function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
