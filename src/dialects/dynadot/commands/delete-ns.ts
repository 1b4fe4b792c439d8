/**
 * delete_ns (§15.4, [L2272-2310]): delete name servers by ServerId (a comma
 * list); delete_ns_by_domain ([L2313-2351]): one by its host name
 * (`server_domain`). Both answer `DeleteNsResponse`. All or nothing: a host
 * that is not the account's, or still used by a domain, refuses the whole
 * request.
 */
import { deleteHosts } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { serverIdOf } from './name-server-values.ts';

export const deleteNs = defineCommand<{ readonly hostIds: readonly number[] }>({
  name: 'delete_ns',
  uses: [deleteHosts],
  parse: (params) => ({ hostIds: params.requiredList('server_id', 100).map((v) => serverIdOf('server_id', v)) }),
  async run(call, input) {
    await call.run(deleteHosts, { hostIds: input.hostIds });
    return {};
  },
});

export const deleteNsByDomain = defineCommand<{ readonly name: string }>({
  name: 'delete_ns_by_domain',
  uses: [deleteHosts],
  parse: (params) => ({ name: params.required('server_domain') }),
  async run(call, input) {
    await call.run(deleteHosts, { names: [input.name] });
    return {};
  },
});
