/**
 * set_parking (§15.2, [L688-727]): park up to 100 domains on regd's
 * parking page, with third-party ads unless `with_ads=no`. All or nothing.
 */
import { modifyDomain } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { settingDomains, yesNo } from './setting-domains.ts';

export const setParking = defineCommand<{ readonly names: string[]; readonly withAds: boolean }>({
  name: 'set_parking',
  uses: [modifyDomain],
  parse(params) {
    return { names: settingDomains(params), withAds: yesNo(params, 'with_ads', true) };
  },
  async run(call, input) {
    for (const name of input.names) await call.run(modifyDomain, { name, service: { parking: { withAds: input.withAds } } });
    return {};
  },
});
