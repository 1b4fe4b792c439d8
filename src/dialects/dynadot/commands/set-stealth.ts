/**
 * set_stealth (§15.2, [L773-813]): stealth (framed, "cloak") forwarding of
 * up to 100 domains to `stealth_url`, the frame page titled
 * `stealth_title` (optional, empty by default). All or nothing.
 */
import { modifyDomain, validateForwardUrl } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

export const setStealth = defineCommand<{ readonly names: string[]; readonly url: string; readonly title: string }>({
  name: 'set_stealth',
  uses: [modifyDomain],
  parse(params) {
    const names = settingDomains(params);
    // Checked here too, so a refusal names stealth_url (core's check names forward_url).
    const url = validateForwardUrl(params.required('stealth_url'), 'stealth_url');
    return { names, url, title: params.one('stealth_title') ?? '' };
  },
  async run(call, input) {
    for (const name of input.names) {
      await call.run(modifyDomain, { name, service: { forward: { url: input.url, kind: 'cloak', title: input.title } } });
    }
    return {};
  },
});
