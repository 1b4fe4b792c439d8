/**
 * Dynadot's errors. Two kinds:
 *
 * - `DynadotError`: a refusal of the command itself, answered in that
 *   command's own envelope (its root and header, `SuccessCode`/`ResponseCode`
 *   `-1` unless stated, `Status` `error`, `Error` text). Parameter problems
 *   and every core error land here.
 * - `RequestError`: a refusal before any command is chosen (no key, a key
 *   that is not an account's, an unknown command, a malformed body, too many
 *   requests at once): the generic `Response` envelope the real service
 *   uses (spec §17).
 *
 * The table maps each core error code to its Dynadot text. The real service
 * documents only a handful of texts (§4.5, §17); these are taken where known
 * ("could not find domain in your account", "Please unlock your domain
 * firstly.", the premium text) and written in the same lower-case style
 * elsewhere (README "Error texts").
 */
import { formatAmount, type RegdError } from '../../core/index.ts';
import { defineErrorTable, type ErrorCode } from '../kit/index.ts';

/** A wire error: the text, and the code and status when they are not -1 / "error". */
export interface WireError {
  readonly message: string | ((e: RegdError) => string);
  readonly code?: number;
  readonly status?: string;
}

export class DynadotError extends Error {
  readonly code: number;
  readonly status: string;
  constructor(message: string, options: { code?: number; status?: string } = {}) {
    super(message);
    this.code = options.code ?? -1;
    this.status = options.status ?? 'error';
  }

  static missing(param: string): DynadotError {
    return new DynadotError(`missing ${param} param`);
  }

  static invalid(param: string, value: string): DynadotError {
    return new DynadotError(`invalid ${param}: ${JSON.stringify(value.slice(0, 100))}`);
  }

  static tooMany(param: string, max: number): DynadotError {
    return new DynadotError(`too many ${param} values: at most ${max} per request`);
  }
}

export class RequestError extends Error {}

const detail = (e: RegdError, key: string): string => String((e.details as Record<string, unknown>)[key] ?? '');
/** ContactInUse's display names ("Jack Slater, Jill Slater"). */
const namesOf = (e: RegdError): string => {
  const names = (e.details as Record<string, unknown>)['names'];
  return Array.isArray(names) ? names.join(', ') : detail(e, 'name');
};

export const ERROR_TABLE = defineErrorTable<WireError>(
  {
    // Documented or seen on the real service.
    DOMAIN_NOT_FOUND: { message: 'could not find domain in your account' },
    DOMAIN_LOCKED: { message: 'Please unlock your domain firstly.' },
    PREMIUM_CONSENT_REQUIRED: { message: 'this domain is a premium domain, please use premium option' },
    DOMAIN_NOT_AVAILABLE: { message: 'not_available', code: 1, status: 'not_available' },
    INSUFFICIENT_FUNDS: { message: 'insufficient_funds', code: -1, status: 'insufficient_funds' },
    DELETE_NOT_ALLOWED: { message: 'grace_expired', code: 1, status: 'grace_expired' },
    CONTACT_IN_USE: { message: (e) => `cannot delete these contacts (${namesOf(e)}). Because they are in use.` },
    // The same style for the rest.
    ACCOUNT_NOT_FOUND: { message: 'could not find the account' },
    ACCOUNT_SUSPENDED: { message: 'your account is locked' },
    ACCOUNT_LEVEL_REQUIRED: { message: 'this command is only available to reseller accounts' },
    INVALID_VALUE: { message: (e) => `invalid ${detail(e, 'param')}: ${detail(e, 'reason')}` },
    MISSING_PARAMETER: { message: (e) => `missing ${detail(e, 'param')} param` },
    CONFLICTING_PARAMETERS: { message: (e) => e.message },
    INVALID_DOMAIN_NAME: { message: (e) => `invalid domain name format: ${detail(e, 'name')}` },
    INVALID_HOST_NAME: { message: (e) => `invalid name server format: ${detail(e, 'host') || detail(e, 'name')}` },
    INVALID_PERIOD: { message: 'invalid duration' },
    INVALID_NAME_SERVER_COUNT: { message: 'invalid number of name servers' },
    UNSUPPORTED_TLD: { message: (e) => `the tld is not supported: ${detail(e, 'tld') || detail(e, 'name')}` },
    CURRENCY_NOT_SUPPORTED: { message: (e) => `invalid currency: ${detail(e, 'currency')}` },
    DOMAIN_RESERVED: { message: 'this domain is reserved' },
    DOMAIN_BLOCKED: { message: 'this domain is blocked' },
    DOMAIN_QUARANTINED: { message: 'this domain is not available yet' },
    DOMAIN_STATUS_PROHIBITS: { message: 'the domain status does not allow this operation' },
    RENEW_NOT_ALLOWED: { message: (e) => `this domain can not be renewed: ${e.message.replace(/\.$/, '')}` },
    RESTORE_NOT_ALLOWED: { message: (e) => `this domain can not be restored: it is ${detail(e, 'status')}, only a domain in redemption can be restored` },
    PENDING_TRANSFER_PROHIBITS: { message: 'the domain has a pending transfer' },
    PRICE_MISMATCH: { message: 'the price has changed, please check the price again' },
    CONTACT_NOT_FOUND: { message: (e) => `could not find contact ${detail(e, 'ref') || detail(e, 'id') || detail(e, 'handle')} in your account` },
    HOST_NOT_FOUND: { message: (e) => `could not find name server ${detail(e, 'ref') || detail(e, 'name') || detail(e, 'id')} in your account` },
    HOST_ALREADY_EXISTS: { message: (e) => `name server ${detail(e, 'host') || detail(e, 'name')} already exists` },
    HOST_IN_USE: { message: (e) => `name server ${detail(e, 'host') || detail(e, 'name')} is in use` },
    HOST_PARENT_NOT_OWNED: { message: 'you can only register name servers under your own domains' },
    GLUE_REQUIRED: { message: 'an ip address is required for a name server under your domain' },
    GLUE_NOT_ALLOWED: { message: 'an ip address can only be set for a name server under your domain' },
    NAME_SERVER_AWAITS_TRANSFER: { message: 'the name server belongs to a domain being transferred' },
    NSSET_NOT_FOUND: { message: (e) => `could not find nsset ${detail(e, 'handle')} in your account` },
    FOLDER_NOT_FOUND: { message: 'could not find folder in your account' },
    FOLDER_ALREADY_EXISTS: { message: 'folder name already exists' },
    ORDER_NOT_FOUND: { message: 'could not find order in your account' },
    DNS_NOT_HOSTED: { message: 'the domain is not using Dynadot DNS' },
    CNAME_CONFLICT: { message: 'a cname record can not be mixed with other records of the same name' },
    DNS_RECORD_EXISTS: { message: 'duplicate dns record' },
    DNS_ZONE_LIMIT_EXCEEDED: { message: (e) => `too many dns records: ${e.message}` },
    DNS_RECORD_NOT_FOUND: { message: 'could not find the dns record' },
    INVALID_RECORD_NAME: { message: (e) => `invalid subdomain: ${detail(e, 'name') || detail(e, 'value')}` },
    INVALID_RECORD_TTL: { message: 'invalid ttl' },
    INVALID_RECORD_TYPE: { message: (e) => `invalid record type: ${detail(e, 'type') || detail(e, 'value')}` },
    INVALID_RECORD_VALUE: { message: (e) => `invalid record value: ${detail(e, 'value') || e.message}` },
    NOT_AUTHORIZED_OPERATION: { message: 'you are not allowed to do this operation' },
    TRANSFER_ALREADY_PENDING: { message: 'this domain has a transfer in progress' },
    PUSH_ALREADY_PENDING: { message: 'this domain has a push in progress' },
    // auctions (commands/auctions*.ts)
    AUCTION_NOT_FOUND: { message: (e) => `could not find an auction for ${detail(e, 'name')}` },
    AUCTION_CLOSED: { message: (e) => `the auction for ${detail(e, 'name')} is closed` },
    AUCTION_EXISTS: { message: (e) => `an auction for ${detail(e, 'name')} is already open` },
    BID_TOO_LOW: { message: (e) => `your bid is too low, the minimum bid for ${detail(e, 'name')} is ${formatAmount(Number(detail(e, 'minimumMinor')), detail(e, 'currency'))} ${detail(e, 'currency')}` },
    OWN_AUCTION_BID: { message: 'you can not bid in the auction of your own domain' },
    AUCTION_NOT_PARTICIPANT: { message: (e) => `only the backorder requesters of ${detail(e, 'name')} can bid in its auction` },
  },
  {
    NotFound: { message: (e) => e.message },
    AlreadyExists: { message: (e) => e.message },
    StatusProhibits: { message: (e) => e.message },
    PolicyViolation: { message: (e) => e.message },
    InvalidParameter: { message: (e) => e.message },
    NotAuthorized: { message: (e) => e.message },
    InsufficientFunds: { message: 'insufficient_funds', status: 'insufficient_funds' },
    LimitExceeded: { message: (e) => e.message },
  },
);

/** The command-envelope error of a core error. */
export function wireErrorOf(e: RegdError, overrides?: Readonly<Partial<Record<ErrorCode, WireError>>>): DynadotError {
  const w = ERROR_TABLE.lookup(e, overrides);
  return new DynadotError(typeof w.message === 'function' ? w.message(e) : w.message, {
    ...(w.code !== undefined ? { code: w.code } : {}),
    ...(w.status !== undefined ? { status: w.status } : {}),
  });
}
