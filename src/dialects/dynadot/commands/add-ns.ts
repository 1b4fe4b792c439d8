/**
 * add_ns (§15.4, [L2115-2169]): a name server host object of the account,
 * by name only (a host outside this registry: regd keeps no glue for it;
 * one under a domain of this registry needs register_ns and an IP).
 * Answers `AddNsContent>Server{Host, ServerId}`; JSON keeps the wrapper.
 */
import { createHost } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { serverTree } from './name-server-values.ts';

export const addNs = defineCommand<{ readonly host: string }>({
  name: 'add_ns',
  uses: [createHost],
  parse: (params) => ({ host: params.required('host') }),
  async run(call, input) {
    const host = await call.run(createHost, { name: input.host, addresses: [] });
    return { content: serverTree(host), json: { AddNsContent: serverTree(host) } };
  },
});
