/**
 * get_ns (§15.4, [L2063-2112]): the name servers a domain is delegated to.
 * A domain on custom name servers shows its list; one on regd's own DNS
 * (Dynadot DNS, forwarding, parking…) shows regd's name servers, as the
 * real service shows its own. XML repeats `<Host>`; JSON cannot repeat a
 * key, so `Host` is a string for one host and an array for several (as
 * Java XML→JSON converters write it; README "Choices"). CSV:
 * `ok,success,<host>,<host>…`.
 */
import { listDomainHosts } from '../../../core/index.ts';
import { defineCommand } from './command.ts';

export const getNs = defineCommand<{ readonly domain: string }>({
  name: 'get_ns',
  uses: [listDomainHosts],
  transaction: 'flow',
  parse: (params) => ({ domain: params.required('domain') }),
  async run(call, input, env) {
    const view = await call.run(listDomainHosts, { name: input.domain });
    const hosts = view.serviceMode === 'custom_ns' ? view.nameServers.map((ns) => ns.name) : [...env.ownNameServers];
    return {
      content: { Host: hosts },
      json: { NsContent: { Host: hosts.length === 1 ? hosts[0]! : hosts } },
      csv: [['success', ...hosts]],
    };
  },
});
