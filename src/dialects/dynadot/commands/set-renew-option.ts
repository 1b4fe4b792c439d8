/**
 * set_renew_option (§15.2, [L1043-1082]): the renewal option of up to 100
 * domains: `auto` (auto-renew), `donot` (let it expire), `reset` (back to
 * the account's default). All or nothing.
 */
import { modifyDomain, type RenewOption } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

const RENEW_OPTIONS = ['donot', 'auto', 'reset'] as const satisfies readonly RenewOption[];

export const setRenewOption = defineCommand<{ readonly names: string[]; readonly option: RenewOption }>({
  name: 'set_renew_option',
  uses: [modifyDomain],
  parse(params) {
    return { names: settingDomains(params), option: params.requiredChoice('renew_option', RENEW_OPTIONS) };
  },
  async run(call, input) {
    for (const name of input.names) await call.run(modifyDomain, { name, renewOption: input.option });
    return {};
  },
});
