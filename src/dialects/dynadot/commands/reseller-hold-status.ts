/**
 * get_reseller_hold_status / set_reseller_hold_status (§15.14: listed,
 * never documented; reseller accounts only). A reseller's hold on one of
 * its domains, as Dynadot's REST API has it (`reseller_hold_status`, a
 * boolean `hold_status` per domain): core's getResellerHold /
 * setResellerHold. Parameters: `domain`; set also `hold_status` (`yes`/`no`,
 * also `1`/`0`, `true`/`false`). New generation:
 *
 *   get  XML GetResellerHoldStatusContent{Domain, HoldStatus}
 *        JSON {…, "Domain", "HoldStatus"}         HoldStatus `yes` / `no`
 *   set  the envelope only (SetResellerHoldStatusHeader).
 */
import { getResellerHold, setResellerHold } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { yesNo } from '../values.ts';
import { defineCommand } from './command.ts';

function oneDomain(params: Params, verb: 'asked' | 'set'): string {
  const name = params.required('domain');
  if (name.includes(',')) throw new DynadotError(`only one domain can be ${verb} at a time`);
  return name;
}

export const getResellerHoldStatus = defineCommand<{ readonly name: string }>({
  name: 'get_reseller_hold_status',
  uses: [getResellerHold],
  resellerOnly: true,
  parse: (params) => ({ name: oneDomain(params, 'asked') }),
  async run(call, input) {
    const h = await call.run(getResellerHold, { name: input.name });
    const fields = { Domain: h.name, HoldStatus: yesNo(h.held) };
    return { content: fields, json: fields };
  },
});

export const setResellerHoldStatus = defineCommand<{ readonly name: string; readonly held: boolean }>({
  name: 'set_reseller_hold_status',
  uses: [setResellerHold],
  resellerOnly: true,
  parse(params) {
    const name = oneDomain(params, 'set');
    if (params.one('hold_status') === undefined || params.one('hold_status') === '') throw DynadotError.missing('hold_status');
    return { name, held: params.flag('hold_status') };
  },
  async run(call, input) {
    await call.run(setResellerHold, { name: input.name, held: input.held });
    return {};
  },
});
