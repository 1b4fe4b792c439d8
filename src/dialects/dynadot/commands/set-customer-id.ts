/**
 * set_customer_id (§15.2, [L1127-1191]; RESELLER ONLY): the reseller's
 * customer id of up to 100 domains. Envelope "other": XML `ResponseCode`,
 * JSON `ResponseCode` a number, `SetCustomerIdContent` with
 * `SetCustomerIdSuccess` (XML: one `content` per domain; JSON: a list)
 * and `CustomerId` a number in JSON.
 *
 * All or nothing, like every set_* command: each name is looked up first;
 * when some are not the caller's (or are not domain names), nothing
 * changes and the answer is ResponseCode `1` ("problem"), Status
 * `problem`, those names listed in `SetCustomerIdFailed` with the reason.
 * Request-level problems (a missing or invalid parameter) are `-1`.
 */
import { getDomain, isRegdError, modifyDomain, type RegdError } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { wireErrorOf } from '../errors.ts';
import type { Answer } from '../render.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

/** Per-name refusals listed in SetCustomerIdFailed; anything else refuses the whole request. */
const PER_DOMAIN = new Set(['DOMAIN_NOT_FOUND', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD']);

/** Digits only (JSON writes the id as a number): at most 15, so it stays an exact JSON number. */
const MAX_CUSTOMER_ID = 999_999_999_999_999;

export const setCustomerId = defineCommand<{ readonly names: string[]; readonly customerId: number }>({
  name: 'set_customer_id',
  resellerOnly: true,
  uses: [getDomain, modifyDomain],
  parse(params) {
    return { names: settingDomains(params), customerId: params.requiredInteger('customer_id', 1, MAX_CUSTOMER_ID) };
  },
  async run(call, input) {
    const failed: { name: string; error: RegdError }[] = [];
    for (const name of input.names) {
      try {
        await call.run(getDomain, { name });
      } catch (e) {
        if (!isRegdError(e) || !PER_DOMAIN.has(e.code)) throw e;
        failed.push({ name, error: e });
      }
    }
    if (failed.length > 0) {
      const items = failed.map((f) => ({ Domain: f.name, CustomerId: input.customerId, Error: wireErrorOf(f.error).message }));
      return result(1, 'problem', 'SetCustomerIdFailed', items);
    }
    const done: WireTree[] = [];
    for (const name of input.names) {
      const d = await call.run(modifyDomain, { name, customerId: String(input.customerId) });
      done.push({ Domain: name, CustomerId: Number(d.customerId) });
    }
    return result(0, 'success', 'SetCustomerIdSuccess', done);
  },
});

function result(code: number, status: string, list: string, items: readonly WireTree[]): Answer {
  return {
    code,
    status,
    content: { [list]: { content: items.map((i) => ({ ...i, CustomerId: String(i.CustomerId) })) } },
    json: { [list]: items },
  };
}
