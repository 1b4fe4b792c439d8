/**
 * register_ns (§15.4, [L2172-2227]): a name server under one of the
 * account's own domains, with its IP address (the glue record the registry
 * publishes). Answers `RegisterNsContent>Server{Host, ServerId}`; JSON keeps
 * the wrapper and shows the host as registered (the example's `ndomain1.com`
 * is a typo: README "Choices").
 */
import { createHost } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { serverTree } from './name-server-values.ts';

export const registerNs = defineCommand<{ readonly host: string; readonly ip: string }>({
  name: 'register_ns',
  uses: [createHost],
  parse: (params) => ({ host: params.required('host'), ip: params.required('ip') }),
  async run(call, input) {
    const host = await call.run(createHost, { name: input.host, addresses: [input.ip] });
    return { content: serverTree(host), json: { RegisterNsContent: serverTree(host) } };
  },
});
