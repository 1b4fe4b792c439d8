/**
 * Engine refusals the DNS commands answer with the codes of the WEDOS DNS
 * documents (kb.wedos.com, "WAPI – command dns-…"). Anything else goes on
 * to the dialect's general mapping (errors.ts).
 *
 * Result texts are codes.ts's.
 *
 * | engine code             | WAPI | document text                                   |
 * |-------------------------|------|-------------------------------------------------|
 * | UNSUPPORTED_TLD         | 2201 | unsupported TLD                                 |
 * | INVALID_DOMAIN_NAME     | 2202 | invalid or unsupported domain name              |
 * | INVALID_RECORD_TYPE     | 2309 | invalid record type                             |
 * | INVALID_RECORD_NAME     | 2311 | invalid name                                    |
 * | CNAME_CONFLICT          | 2313 | invalid CNAME for this name                     |
 * | INVALID_RECORD_VALUE    | 2314 | invalid data of the record                      |
 * | DNS_RECORD_EXISTS       | 2316 | this record already exists                      |
 * | INVALID_RECORD_TTL      | 2317 | invalid TTL                                     |
 * | DNS_NOT_HOSTED          | 3222 | opening of the domain failed (not in regd DNS)  |
 * | DOMAIN_NOT_FOUND        | 3223 | access denied (not the account's, or no such)   |
 * | DOMAIN_STATUS_PROHIBITS | 3306 | domain is deleted (redemption, pending delete)  |
 * |                         | 3305 | domain is locked for editing (any other state)  |
 * | DNS_RECORD_NOT_FOUND    | 3309 | record of that ID does not exist                |
 */
import { isError } from '../../../../core/index.ts';
import { WapiError } from '../../command.ts';
import { asWapiError, type RefusalTable } from '../domain/refusals.ts';

const DNS_REFUSALS: RefusalTable = {
  UNSUPPORTED_TLD: 2201,
  INVALID_DOMAIN_NAME: 2202,
  DOMAIN_NOT_FOUND: 3223,
  DNS_NOT_HOSTED: 3222,
  INVALID_RECORD_TYPE: 2309,
  INVALID_RECORD_NAME: 2311,
  CNAME_CONFLICT: 2313,
  INVALID_RECORD_VALUE: 2314,
  DNS_RECORD_EXISTS: 2316,
  INVALID_RECORD_TTL: 2317,
  DNS_RECORD_NOT_FOUND: 3309,
};

/** States in which the domain is on its way out (WAPI "domain is deleted"). */
const DELETED_STATES: ReadonlySet<string> = new Set(['redemption', 'pending_delete']);

/** Runs `fn`, turning the engine refusals above into WapiErrors. */
export async function withDnsRefusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isError(e, 'DOMAIN_STATUS_PROHIBITS')) throw new WapiError(DELETED_STATES.has(e.details.status) ? 3306 : 3305);
    throw asWapiError(e, DNS_REFUSALS) ?? e;
  }
}
