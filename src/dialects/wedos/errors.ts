/**
 * Engine refusals a command does not answer itself, as WAPI codes: the
 * command's own `errors` first (where its document lists its own code),
 * then the error's code, its category as the fallback. The README's
 * "Codes" section is this table.
 */
import { isRegdError, type ErrorCategory, type ErrorCode, type RegdError } from '../../core/index.ts';
import { defineErrorTable } from '../kit/index.ts';
import { WapiError, type RefusalTable } from './command.ts';
import { resultText } from './codes.ts';

/** Core error code → WAPI code. */
export const CODE_MAP: { readonly [C in ErrorCode]?: number } = {
  // the request's parameters
  MISSING_PARAMETER: 2100,
  INVALID_VALUE: 2101,
  CONFLICTING_PARAMETERS: 2101,
  INVALID_DOMAIN_NAME: 2202,
  UNSUPPORTED_TLD: 2201,
  INVALID_PERIOD: 2203,
  INVALID_HOST_NAME: 2210,
  INVALID_NAME_SERVER_COUNT: 2210,
  GLUE_REQUIRED: 2210,
  GLUE_NOT_ALLOWED: 2210,
  INVALID_RECORD_TYPE: 2309,
  INVALID_RECORD_NAME: 2311,
  CNAME_CONFLICT: 2313,
  INVALID_RECORD_VALUE: 2314,
  INVALID_RECORD_TTL: 2317,
  CURRENCY_NOT_SUPPORTED: 3001,
  // credentials
  INVALID_CREDENTIALS: 2050,
  ACCOUNT_SUSPENDED: 2050,
  ACCOUNT_NOT_FOUND: 2050,
  LOGIN_LOCKED: 2050,
  // objects
  DOMAIN_NOT_FOUND: 3223,
  DOMAIN_NOT_AVAILABLE: 3201,
  DOMAIN_QUARANTINED: 3204,
  DOMAIN_RESERVED: 3205,
  DOMAIN_BLOCKED: 3206,
  DOMAIN_LOCKED: 3305,
  DOMAIN_STATUS_PROHIBITS: 3305,
  DNS_NOT_HOSTED: 3222,
  DNS_RECORD_NOT_FOUND: 3309,
  DNS_RECORD_EXISTS: 2316,
  DNS_ZONE_LIMIT_EXCEEDED: 2318,
  CONTACT_NOT_FOUND: 3229,
  NSSET_NOT_FOUND: 3214,
  NSSET_ALREADY_EXISTS: 3245,
  NOTIFICATION_NOT_FOUND: 2151,
  RENEW_NOT_ALLOWED: 2203,
  TRANSFER_ALREADY_PENDING: 3219,
  TRANSFER_NOT_POSSIBLE: 3218,
  TRANSFER_TO_SELF: 3207,
  TRANSFER_TOO_SOON: 3218,
  AUTH_CODE_MISMATCH: 3227,
  // money
  INSUFFICIENT_FUNDS: 3002,
};

/** What is left: by category. */
export const CATEGORY_MAP: Readonly<Record<ErrorCategory, number>> = {
  InvalidParameter: 2101,
  NotFound: 2101,
  AlreadyExists: 2101,
  StatusProhibits: 3305,
  PolicyViolation: 2101,
  NotAuthorized: 2011,
  InsufficientFunds: 3002,
  LimitExceeded: 2006,
};

/** The table: concrete code first, category as the fallback (kit/error-table.ts). */
export const WAPI_ERRORS = defineErrorTable<number>(CODE_MAP, CATEGORY_MAP);

/**
 * Codes the commands' flows can throw that WAPI deliberately answers by
 * their category, the result text carrying the engine's reason (there is
 * no WAPI code of their own). The completeness test counts them as answered.
 */
export const ANSWERED_BY_CATEGORY: readonly ErrorCode[] = ['NOT_AUTHORIZED_OPERATION', 'PRICE_MISMATCH'];

/** Codes the router's authentication meets (before any command), answered 2050 by the table. */
export const AUTH_CODES: readonly ErrorCode[] = ['INVALID_CREDENTIALS', 'ACCOUNT_SUSPENDED', 'ACCOUNT_NOT_FOUND', 'LOGIN_LOCKED'];

/** The WAPI code of an engine error. */
export function wapiCodeOf(e: RegdError): number {
  return WAPI_ERRORS.lookup(e);
}

/**
 * The WAPI refusal for an engine error: its code with the standard text;
 * for 2100 and 2101 the text names the parameter ("Required parameter
 * missing: name"), and for mapped-by-category refusals the engine's reason.
 */
export function toWapiError(e: RegdError, overrides?: RefusalTable): WapiError {
  const own = overrides !== undefined && Object.prototype.hasOwnProperty.call(overrides, e.code) ? overrides[e.code] : undefined;
  if (own !== undefined) return typeof own === 'number' ? new WapiError(own) : new WapiError(own[0], own[1]);
  const code = wapiCodeOf(e);
  const param = typeof e.details.param === 'string' && e.details.param !== '' ? e.details.param : undefined;
  if ((code === 2100 || code === 2101) && param !== undefined) return new WapiError(code, `${resultText(code)}: ${param}`);
  if (!WAPI_ERRORS.maps(e.code)) return new WapiError(code, `${resultText(code)}: ${e.message}`);
  return new WapiError(code);
}

/** A WapiError, an engine error mapped, or undefined for anything else (a bug: the router logs it and answers 5000). */
export function asWapiError(e: unknown): WapiError | undefined {
  if (e instanceof WapiError) return e;
  if (isRegdError(e)) return toWapiError(e);
  return undefined;
}
