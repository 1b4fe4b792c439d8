/**
 * set_hosting (§15.2, [L816-856]): website hosting for up to 100 domains,
 * `hosting_type` `advanced` or `basic`; `mobile_view_on=yes` only with
 * advanced (refused with basic). All or nothing.
 */
import { modifyDomain } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { settingDomains, yesNo } from './setting-domains.ts';

const HOSTING_TYPES = ['advanced', 'basic'] as const;

export const setHosting = defineCommand<{ readonly names: string[]; readonly type: (typeof HOSTING_TYPES)[number] }>({
  name: 'set_hosting',
  uses: [modifyDomain],
  parse(params) {
    const names = settingDomains(params);
    const type = params.requiredChoice('hosting_type', HOSTING_TYPES);
    if (yesNo(params, 'mobile_view_on', false) && type !== 'advanced') {
      throw new DynadotError('mobile_view_on can only be yes when hosting_type is advanced');
    }
    return { names, type };
  },
  async run(call, input) {
    for (const name of input.names) await call.run(modifyDomain, { name, service: { hosting: { type: input.type } } });
    return {};
  },
});
