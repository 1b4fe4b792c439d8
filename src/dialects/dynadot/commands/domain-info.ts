/**
 * domain_info (§15.1, [L458-598]): one domain of the account. XML
 * `DomainInfoContent>Domain`, JSON `DomainInfo` (domain-data.ts).
 */
import { getDomainDetails } from '../../../core/index.ts';
import { domainTree } from '../domain-data.ts';
import { defineCommand } from './command.ts';

export const domainInfo = defineCommand<{ readonly name: string }>({
  name: 'domain_info',
  uses: [getDomainDetails],
  transaction: 'flow',
  parse(params) {
    return { name: params.required('domain') };
  },
  async run(call, input, env) {
    const d = await call.run(getDomainDetails, { name: input.name });
    return { content: { Domain: domainTree(d, env.format) }, json: { DomainInfo: domainTree(d, env.format) } };
  },
});
