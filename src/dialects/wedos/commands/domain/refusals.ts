/**
 * Engine refusals that a domain command answers with its own WAPI code
 * (the codes the document lists for that command). Anything not in the
 * command's table goes on to the dialect's general mapping (errors.ts).
 */
import { isRegdError, type ErrorCode } from '../../../../core/index.ts';
import { WapiError } from '../../command.ts';

/** Core error code → WAPI code, or [code, result text] to say more than the code's standard text. */
export type RefusalTable = { readonly [C in ErrorCode]?: number | readonly [number, string] };

/** Refusals every domain command shares: the name, and whose domain it is. */
export const DOMAIN_REFUSALS: RefusalTable = {
  INVALID_DOMAIN_NAME: 2202,
  UNSUPPORTED_TLD: 2201,
  DOMAIN_NOT_FOUND: 3223,
};

/** Runs `fn`, turning the listed engine errors into WapiErrors. */
export async function withRefusals<T>(table: RefusalTable, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asWapiError(e, table) ?? e;
  }
}

export function asWapiError(e: unknown, table: RefusalTable): WapiError | undefined {
  if (!isRegdError(e)) return undefined;
  const entry = table[e.code];
  if (entry === undefined) return undefined;
  return typeof entry === 'number' ? new WapiError(entry) : new WapiError(entry[0], entry[1]);
}
