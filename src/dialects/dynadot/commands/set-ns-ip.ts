/**
 * set_ns_ip (§15.4, [L2230-2269]): replace the IP addresses of a name
 * server (`server_id`) with `ip0`…`ip9`. The text says the IPs are
 * "separated by commas" while the parameters are numbered: both are read
 * (each `ip{i}` may hold a comma list). At most 10 addresses (core's limit).
 */
import { setHostAddresses } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { serverIdOf } from './name-server-values.ts';

export const setNsIp = defineCommand<{ readonly serverId: number; readonly addresses: readonly string[] }>({
  name: 'set_ns_ip',
  uses: [setHostAddresses],
  parse(params) {
    const serverId = serverIdOf('server_id', params.required('server_id'));
    const addresses = [...params.family('ip', 10).values()].flatMap((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''));
    if (addresses.length === 0) throw DynadotError.missing('ip0');
    if (addresses.length > 10) throw DynadotError.tooMany('ip', 10);
    return { serverId, addresses };
  },
  async run(call, input) {
    await call.run(setHostAddresses, { hostId: input.serverId, addresses: input.addresses });
    return {};
  },
});
