/**
 * GET nameserver/list: the glue records under one of the caller's domains.
 * The result is the document's "ENTRIES - nombre de résultats trouvés":
 * `ENTRIES - 2`.
 */
import { listHostsUnderDomain } from '../../../core/index.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const nameserverList = defineCommand<{ readonly domain: string }>({
  path: 'nameserver/list',
  method: 'GET',
  auth: 'required',
  params: { names: ['domainname', 'email', 'password'] },
  uses: [listHostsUnderDomain],
  transaction: 'flow',
  parse(params) {
    return { domain: params.required('domainname') };
  },
  async run(call, input) {
    const hosts = await call.run(listHostsUnderDomain, { name: input.domain });
    const nameserver = hosts.map((h) => ({ domainname: h.domain ?? '', hostname: h.name, ipaddress: h.addresses[0] ?? '' }));
    return ok({ nameserver }, `ENTRIES - ${hosts.length}`);
  },
});
