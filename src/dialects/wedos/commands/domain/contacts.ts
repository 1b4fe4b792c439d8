/**
 * owner_c / admin_c: WEDOS contact handles (REGD-C…, any case) of the
 * account's own contacts, turned into the engine's public contact numbers.
 * An unknown handle, or another account's, is 2207 for the owner and 2101
 * for the admin contact.
 */
import { findContact, isRegdError } from '../../../../core/index.ts';
import { WapiError, type WapiCall } from '../../command.ts';

export const INVALID_OWNER = 2207;

/** The public number of one of the account's contacts by handle; `code` when there is none. */
export async function contactNumber(call: WapiCall, handle: string, code: number, text?: string): Promise<number> {
  try {
    return (await call.run(findContact, { handle })).id;
  } catch (e) {
    if (isRegdError(e) && (e.code === 'CONTACT_NOT_FOUND' || e.code === 'INVALID_VALUE' || e.code === 'MISSING_PARAMETER')) throw new WapiError(code, text);
    throw e;
  }
}

export async function ownerNumber(call: WapiCall, handle: string): Promise<number> {
  return contactNumber(call, handle, INVALID_OWNER);
}

export async function adminNumber(call: WapiCall, handle: string): Promise<number> {
  return contactNumber(call, handle, 2101, 'Invalid parameter value: admin_c');
}
