/**
 * server_list (§15.4, [L2354-2434]): every name server host object of the
 * account, by ServerId. XML `ServerListContent>NameServerList>List>Server*`
 * with one `ServerIp` per address; JSON `ServerList[{ServerId, ServerName,
 * ServerIps[{Ip}]}]`, `ServerIps` left out for a host without addresses (as
 * the example's first server). XML and JSON only.
 */
import { listHosts } from '../../../core/index.ts';
import { defineCommand } from './command.ts';

export const serverList = defineCommand<Record<string, never>>({
  name: 'server_list',
  uses: [listHosts],
  transaction: 'flow',
  parse: () => ({}),
  async run(call) {
    const hosts = await call.run(listHosts, {});
    return {
      content: {
        NameServerList: {
          List: { Server: hosts.map((h) => ({ ServerId: String(h.id), ServerName: h.name, ServerIp: [...h.addresses] })) },
        },
      },
      json: {
        ServerList: hosts.map((h) => ({
          ServerId: String(h.id),
          ServerName: h.name,
          ...(h.addresses.length > 0 ? { ServerIps: h.addresses.map((ip) => ({ Ip: ip })) } : {}),
        })),
      },
    };
  },
});
