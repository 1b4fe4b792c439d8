/**
 * Type tests for the dialects' error tables, checked by `tsc` (npm run
 * typecheck) and never run: a table keyed by a misspelt core code fails to
 * compile. Each `@ts-expect-error` line must stay an error. The core's own
 * type tests: src/core/errors/error-code.type-test.ts.
 */
import type { RouteSpec } from '../../src/dialects/kifdom/command.ts';
import type { RefusalTable } from '../../src/dialects/wedos/commands/domain/refusals.ts';

export const wedosRefusals: RefusalTable = { DOMAIN_NOT_FOUND: 3223, DOMAIN_STATUS_PROHIBITS: [3305, 'Domain is locked'] };
// @ts-expect-error a misspelt code in a WEDOS command's refusal table
export const badWedosRefusals: RefusalTable = { DOMAIN_NOT_FUOND: 3223 };

export const kifdomRouteMessages: RouteSpec['messages'] = { DOMAIN_NOT_FOUND: 'None of your nameservers matching this `id` has been found.' };
// @ts-expect-error a misspelt code in a KifDom route's own messages
export const badKifdomRouteMessages: RouteSpec['messages'] = { DOMAIN_NOT_FUOND: 'None of your nameservers matching this `id` has been found.' };
