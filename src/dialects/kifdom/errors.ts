/**
 * Core error → KifDom wire error. KifDom shows three statuses (200, 400,
 * 401; regd adds 429 for a login over the failed-login limits); every
 * other refused request is a 400 with a message in the document's
 * style ("The `renew` parameter should be an integer.", "This DNS record
 * doesn't exists."), naming the parameter as the client sent it. Concrete
 * codes first; the category is the fallback. The README's error table
 * mirrors this one (a test keeps them in step).
 */
import { formatAmount, type ErrorCategory, type ErrorCode, type ErrorOf, type RegdError } from '../../core/index.ts';
import { defineErrorTable } from '../kit/index.ts';

/** Turns a parameter name of the core's vocabulary into the one this request used. */
export type ParamNamer = (coreParam: string) => string;

export interface WireErrorRule<E extends RegdError = RegdError> {
  readonly status: 400 | 401 | 429;
  message(err: E, param: ParamNamer): string;
}

/** One rule per core code, given the error of that code's class (so a rule reads only details its class has). */
export type KifdomErrorTable = { readonly [C in ErrorCode]?: WireErrorRule<ErrorOf<C>> };

/** A detail of the error as text; `key` must be one of its class's details. */
const d = <E extends RegdError>(err: E, key: keyof E['details'] & string): string => String(err.details[key] ?? '');
const paramOf = (err: RegdError, param: ParamNamer, fallback: string): string => param(d(err, 'param') || fallback);
export const bad = <E extends RegdError>(message: (err: E, param: ParamNamer) => string): WireErrorRule<E> => ({ status: 400, message });

/** "Provided `value` is not accurate for this `type` of DNS record." — the document's message, for each record field. */
const recordField = (fallback: string) => bad((e, p) => `Provided \`${paramOf(e, p, fallback)}\` is not accurate for this \`type\` of DNS record.`);

export const KIFDOM_ERRORS: KifdomErrorTable = {
  INVALID_CREDENTIALS: { status: 401, message: () => 'Unauthorized.' },
  ACCOUNT_SUSPENDED: { status: 401, message: () => 'Your account is suspended.' },
  LOGIN_LOCKED: { status: 429, message: (e) => `Too many failed login attempts. Try again in ${d(e, 'retryAfterSeconds')} seconds.` },
  ACCOUNT_NOT_FOUND: bad(() => 'Your account could not be found.'),
  NOT_AUTHORIZED_OPERATION: bad(() => 'This operation is not allowed for your account.'),
  ACCOUNT_LEVEL_REQUIRED: bad((e) => `This operation requires a ${d(e, 'required')} account.`),

  MISSING_PARAMETER: bad((e, p) => `The \`${paramOf(e, p, 'name')}\` parameter is required.`),
  INVALID_VALUE: bad((e, p) => `The \`${paramOf(e, p, 'name')}\` parameter is invalid: ${d(e, 'reason')}.`),
  CONFLICTING_PARAMETERS: bad((e, p) => `The \`${p(d(e, 'param'))}\` and \`${p(d(e, 'other'))}\` parameters cannot be used together.`),
  INVALID_DOMAIN_NAME: bad((e, p) => `The \`${paramOf(e, p, 'domain')}\` parameter is not a valid domain name: ${d(e, 'reason')}.`),
  UNSUPPORTED_TLD: bad((e, p) => `The extension .${d(e, 'tld')} of the \`${paramOf(e, p, 'domain')}\` parameter is not offered.`),
  INVALID_PERIOD: bad(() => 'The registration period is not allowed for this extension.'),
  CURRENCY_NOT_SUPPORTED: bad(() => 'This extension is not sold in euros.'),

  DOMAIN_NOT_FOUND: bad((_e, p) => `None of your domain names matching this \`${p('domain')}\` has been found.`),
  DOMAIN_NOT_AVAILABLE: bad(() => 'This domain name is not available.'),
  DOMAIN_RESERVED: bad(() => 'This domain name is reserved by the registry.'),
  DOMAIN_BLOCKED: bad(() => 'This domain name is blocked by the registry.'),
  DOMAIN_QUARANTINED: bad(() => 'This domain name is in quarantine after its deletion and cannot be registered yet.'),
  PREMIUM_CONSENT_REQUIRED: bad(
    (e) => `This domain name is a premium name (${formatAmount(Number(e.details.priceMinor), d(e, 'currency'))} ${d(e, 'currency')}): send its price in cents in the \`price\` parameter to accept it.`,
  ),
  PRICE_MISMATCH: bad((e) => `The \`price\` parameter (${d(e, 'expectedMinor')}) is lower than the price of this domain name (${d(e, 'actualMinor')}).`),
  INSUFFICIENT_FUNDS: bad(() => 'Your credits balance is insufficient for this operation.'),
  DOMAIN_STATUS_PROHIBITS: bad((e) => `This domain name is ${d(e, 'status')}: this change is not allowed in its current status.`),

  INVALID_HOST_NAME: bad(() => 'Provided `value` is not accurate for this `type` of NS record.'),
  INVALID_NAME_SERVER_COUNT: bad((e, p) => `The \`${paramOf(e, p, 'nameserver')}\` parameter should list between ${d(e, 'min')} and ${d(e, 'max')} name servers.`),
  GLUE_REQUIRED: bad((e) => `The name server ${d(e, 'host')} lies under a domain of this registry and needs a glue record (an IP address) first.`),
  HOST_NOT_FOUND: bad(() => 'None of your nameservers matching this `id` has been found.'),

  // Only through the account's default settings (set with another dialect) applied to a new registration.
  CONTACT_NOT_FOUND: bad((e) => `The contact ${d(e, 'ref')} of your account defaults has not been found.`),
  NSSET_NOT_FOUND: bad((e) => `The NSSET ${d(e, 'handle')} of your account defaults has not been found.`),

  DNS_NOT_HOSTED: bad(() => 'This domain name does not use the KifDom name servers (`kifdns` is false).'),
  DNS_RECORD_NOT_FOUND: bad(() => "This DNS record doesn't exists."),
  DNS_RECORD_EXISTS: bad(() => 'This DNS record already exists.'),
  DNS_ZONE_LIMIT_EXCEEDED: bad((e) => e.message),
  CNAME_CONFLICT: bad(() => 'A CNAME record cannot share its `name` with other records, nor be set on the domain itself.'),
  INVALID_RECORD_TYPE: bad(() => 'The `type` parameter should be one of: A, AAAA, CNAME, MX, TXT.'),
  INVALID_RECORD_NAME: recordField('name'),
  INVALID_RECORD_VALUE: recordField('value'),
  INVALID_RECORD_TTL: bad((e, p) => `The \`${paramOf(e, p, 'ttl')}\` parameter should be an integer between ${d(e, 'min')} and ${d(e, 'max')}.`),

  DROP_REQUEST_EXISTS: bad(() => 'You already have preordered this domain name.'),
  DROP_NAME_AVAILABLE: bad(() => 'This domain name is available: register it with POST /api/v1/domains instead.'),
  DROP_NAME_OWNED: bad(() => 'This domain name is already yours.'),
};

/** When a flow throws a code this table does not name (a test keeps that from happening). */
export const CATEGORY_FALLBACK: Readonly<Record<ErrorCategory, WireErrorRule>> = {
  NotFound: bad(() => 'The requested object has not been found.'),
  AlreadyExists: bad(() => 'This object already exists.'),
  StatusProhibits: bad(() => 'This change is not allowed in the current status.'),
  PolicyViolation: bad((e) => e.message),
  InvalidParameter: bad((e, p) => `The \`${paramOf(e, p, 'name')}\` parameter is invalid.`),
  NotAuthorized: bad(() => 'This operation is not allowed for your account.'),
  InsufficientFunds: bad(() => 'Your credits balance is insufficient for this operation.'),
  LimitExceeded: bad(() => 'A limit of your account has been reached.'),
};

/** The dialect's table: the concrete code's rule, else its category's; a command's `errors` override both. */
export const KIFDOM_ERROR_TABLE = defineErrorTable<WireErrorRule>(KIFDOM_ERRORS, CATEGORY_FALLBACK);

/** Core parameter names that KifDom spells differently on every endpoint. */
const PARAM_NAMES: Readonly<Record<string, string>> = {
  nameserver: 'ns',
  record_id: 'dns_zone_id',
  auto_renew: 'renew',
  renew_option: 'renew',
};

/** A namer for one route: its own renames (e.g. domain → name) over the dialect-wide ones. */
export function paramNamer(routeNames: Readonly<Record<string, string>> = {}): ParamNamer {
  return (core) => {
    const base = core.replace(/\[\d+\]$/, '');
    return routeNames[base] ?? PARAM_NAMES[base] ?? base;
  };
}
