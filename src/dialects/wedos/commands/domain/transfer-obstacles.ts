/**
 * Why a transfer cannot happen, in WAPI words. domain-transfer-check
 * answers every obstacle with 3218 and a precise text; domain-transfer
 * uses the specific codes where the document has one (3207 already yours,
 * 3219 a transfer in progress, 3266 expired beyond grace) and 3218 with
 * the same texts otherwise.
 */
import type { ErrorCode, RegdError } from '../../../../core/index.ts';
import { WapiError } from '../../command.ts';

export const TRANSFER_NOT_POSSIBLE = 3218;

const WHY: { readonly [C in ErrorCode]?: string } = {
  TRANSFER_NOT_POSSIBLE: 'the domain is not registered, or cannot be transferred',
  TRANSFER_TO_SELF: 'the domain is already in your account',
  DOMAIN_LOCKED: 'the domain is locked by its holder',
  DOMAIN_STATUS_PROHIBITS: 'the domain is not active',
  TRANSFER_TOO_SOON: 'the domain was registered or transferred too recently',
  TRANSFER_ALREADY_PENDING: 'a transfer of the domain is already in progress',
  PUSH_ALREADY_PENDING: 'the domain is being handed to another account',
};

/** domain-transfer-check: 3218 with the reason. */
export function checkRefusal(reason: ErrorCode | undefined): WapiError {
  const why = reason !== undefined ? WHY[reason] : undefined;
  return new WapiError(TRANSFER_NOT_POSSIBLE, why !== undefined ? `Transfer not possible: ${why}` : undefined);
}

/** States past expiry and grace: only the holder's restore applies. */
const EXPIRED_STATES: ReadonlySet<unknown> = new Set(['redemption', 'pending_delete']);

/** domain-transfer: the obstacle's own code, or 3218 with the reason; undefined for errors that are not obstacles. */
export function transferRefusal(e: RegdError): WapiError | undefined {
  switch (e.code) {
    case 'TRANSFER_TO_SELF':
      return new WapiError(3207);
    case 'TRANSFER_ALREADY_PENDING':
      return new WapiError(3219);
    case 'DOMAIN_STATUS_PROHIBITS':
      return EXPIRED_STATES.has(e.details.status) ? new WapiError(3266) : checkRefusal(e.code);
    default:
      return WHY[e.code] !== undefined ? checkRefusal(e.code) : undefined;
  }
}
