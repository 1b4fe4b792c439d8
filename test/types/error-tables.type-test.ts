/**
 * Type tests for the dialects' error tables, checked by `tsc` (npm run
 * typecheck) and never run: a table keyed by a misspelt core code fails to
 * compile. Each `@ts-expect-error` line must stay an error. The core's own
 * type tests: src/core/errors/error-code.type-test.ts.
 */
import type { RouteSpec } from '../../src/dialects/kifdom/command.ts';
import type { KifdomErrorTable } from '../../src/dialects/kifdom/errors.ts';
import type { ERROR_MESSAGES } from '../../src/dialects/freenom/errors.ts';
import type { CODE_MAP } from '../../src/dialects/wedos/errors.ts';
import type { RefusalTable } from '../../src/dialects/wedos/command.ts';

export const kifdom: KifdomErrorTable = { DOMAIN_NOT_FOUND: { status: 400, message: (e) => `${e.details.name} not found` } };
// @ts-expect-error a misspelt code in the KifDom table
export const badKifdom: KifdomErrorTable = { DOMAIN_NOT_FUOND: { status: 400, message: () => 'not found' } };
export const badKifdomDetail: KifdomErrorTable = {
  // @ts-expect-error a KifDom rule reads only the details of its code's class (DomainNotFound has no status)
  DOMAIN_NOT_FOUND: { status: 400, message: (e) => `${e.details.status}` },
};

export const freenom: typeof ERROR_MESSAGES = { DOMAIN_NOT_FOUND: 'Domain {name} not found' };
// @ts-expect-error a misspelt code in the Freenom table
export const badFreenom: typeof ERROR_MESSAGES = { DOMAIN_NOT_FUOND: 'Domain {name} not found' };

export const wedos: typeof CODE_MAP = { DOMAIN_NOT_FOUND: 3223 };
// @ts-expect-error a misspelt code in the WEDOS table
export const badWedos: typeof CODE_MAP = { DOMAIN_NOT_FUOND: 3223 };

export const wedosRefusals: RefusalTable = { DOMAIN_NOT_FOUND: 3223, DOMAIN_STATUS_PROHIBITS: [3305, 'Domain is locked'] };
// @ts-expect-error a misspelt code in a WEDOS command's refusal table
export const badWedosRefusals: RefusalTable = { DOMAIN_NOT_FUOND: 3223 };

export const kifdomRouteMessages: RouteSpec['messages'] = { DOMAIN_NOT_FOUND: 'None of your nameservers matching this `id` has been found.' };
// @ts-expect-error a misspelt code in a KifDom route's own messages
export const badKifdomRouteMessages: RouteSpec['messages'] = { DOMAIN_NOT_FUOND: 'None of your nameservers matching this `id` has been found.' };
