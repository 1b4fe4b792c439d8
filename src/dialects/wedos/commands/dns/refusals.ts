/**
 * The one engine refusal the DNS commands answer apart from the dialect's
 * table (errors.ts, which has the other codes of the WEDOS DNS documents):
 * DOMAIN_STATUS_PROHIBITS is 3306 "domain is deleted" in redemption or
 * pending delete, 3305 "domain is locked for editing" in any other state.
 */
import { isError } from '../../../../core/index.ts';
import { WapiError } from '../../command.ts';

/** States in which the domain is on its way out (WAPI "domain is deleted"). */
const DELETED_STATES: ReadonlySet<string> = new Set(['redemption', 'pending_delete']);

/** Runs `fn`, turning DOMAIN_STATUS_PROHIBITS into 3306 or 3305. */
export async function withDnsRefusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isError(e, 'DOMAIN_STATUS_PROHIBITS')) throw new WapiError(DELETED_STATES.has(e.details.status) ? 3306 : 3305);
    throw e;
  }
}
