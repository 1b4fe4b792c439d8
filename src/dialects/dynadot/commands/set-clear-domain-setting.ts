/**
 * set_clear_domain_setting (§15.2, §8, [L958-997]): return a service of up
 * to 100 domains to regd's default: `forward` / `stealth` (a forwarded
 * domain goes back to regd's name servers), `email_forwarding` (none),
 * `dns` (the hosted records are removed), `nameservers` (a delegated
 * domain goes back to regd's name servers). A domain not using the
 * service is left as it is. All or nothing (core clearDomainSetting).
 */
import { clearDomainSetting, DOMAIN_CLEAR_SERVICES, type DomainClearService } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

export const setClearDomainSetting = defineCommand<{ readonly names: string[]; readonly service: DomainClearService }>({
  name: 'set_clear_domain_setting',
  uses: [clearDomainSetting],
  parse(params) {
    return { names: settingDomains(params), service: params.requiredChoice('service', DOMAIN_CLEAR_SERVICES) };
  },
  async run(call, input) {
    await call.run(clearDomainSetting, { names: input.names, service: input.service });
    return {};
  },
});
