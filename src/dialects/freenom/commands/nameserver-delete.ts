/** DELETE nameserver/delete: remove a glue record that no domain delegates to any more. */
import { deleteHosts } from '../../../core/index.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';
import { hostNameParam } from './nameserver-register.ts';

export const nameserverDelete = defineCommand<{ readonly domain: string; readonly host: string }>({
  path: 'nameserver/delete',
  method: 'DELETE',
  auth: 'required',
  params: { names: ['domainname', 'hostname', 'email', 'password'] },
  uses: [deleteHosts],
  transaction: 'flow',
  parse(params) {
    const domain = params.required('domainname');
    return { domain, host: hostNameParam(params, domain) };
  },
  async run(call, input) {
    const [host] = await call.run(deleteHosts, { names: [input.host], domain: input.domain });
    return ok({
      nameserver: [{ domainname: host!.domain ?? input.domain.trim().toLowerCase(), hostname: host!.name, status: 'DELETED' }],
    }, 'NAMESERVER DELETED');
  },
});
