/**
 * set_privacy (§15.2, [L1194-1233]): WHOIS privacy of up to 100 domains,
 * `option` `full`, `partial` or `off`. All or nothing.
 */
import { modifyDomain, type Privacy } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

const OPTIONS = ['full', 'partial', 'off'] as const satisfies readonly Privacy[];

export const setPrivacy = defineCommand<{ readonly names: string[]; readonly privacy: Privacy }>({
  name: 'set_privacy',
  uses: [modifyDomain],
  parse(params) {
    return { names: settingDomains(params), privacy: params.requiredChoice('option', OPTIONS) };
  },
  async run(call, input) {
    for (const name of input.names) await call.run(modifyDomain, { name, privacy: input.privacy });
    return {};
  },
});
