/**
 * set_forwarding (§15.2, [L730-770]): URL forwarding of up to 100 domains
 * to `forward_url` (an http or https URL, percent-encoded on the wire),
 * temporary (302) unless `is_temp=no` (permanent, 301). The same forward
 * other dialects show (Freenom's forward_url). All or nothing.
 */
import { modifyDomain } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { settingDomains, yesNo } from './setting-domains.ts';

export const setForwarding = defineCommand<{ readonly names: string[]; readonly url: string; readonly temporary: boolean }>({
  name: 'set_forwarding',
  uses: [modifyDomain],
  parse(params) {
    return { names: settingDomains(params), url: params.required('forward_url'), temporary: yesNo(params, 'is_temp', true) };
  },
  async run(call, input) {
    const kind = input.temporary ? 'temporary' : 'permanent';
    for (const name of input.names) await call.run(modifyDomain, { name, service: { forward: { url: input.url, kind } } });
    return {};
  },
});
