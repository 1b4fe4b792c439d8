/**
 * set_ns (§15.2, [L646-685]): delegate up to 100 domains to the name
 * servers ns0–ns12, each of which "must already exist in your account"
 * (§10: a host object added with add_ns or register_ns). All or nothing.
 */
import { setDomainNameServers } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

/** ns0–ns12 [L653]. */
export const MAX_NAME_SERVERS = 13;

export const setNs = defineCommand<{ readonly names: string[]; readonly nameServers: string[] }>({
  name: 'set_ns',
  uses: [setDomainNameServers],
  parse(params) {
    const names = settingDomains(params);
    const nameServers = [...params.family('ns', MAX_NAME_SERVERS).values()];
    if (nameServers.length === 0) throw DynadotError.missing('ns0');
    return { names, nameServers };
  },
  async run(call, input) {
    for (const name of input.names) await call.run(setDomainNameServers, { name, nameServers: input.nameServers, requireHostObjects: true });
    return {};
  },
});
