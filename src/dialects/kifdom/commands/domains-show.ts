/** GET /domains/{domain_name}: one domain, under the key `domain`. */
import { getDomainExtras } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { customNameServers } from '../name-servers.ts';
import { domainObject, meta, summaryOf } from '../render.ts';
import { domainNameParams, domainSchema, error400Schema, message401Schema, metaSchema } from '../schemas.ts';

export const domainsShow = defineCommand({
  method: 'GET',
  url: '/domains/:domain_name',
  operationId: 'domainsShow',
  tag: 'Noms de domaine',
  summary: 'Affiche un domaine',
  description: 'One domain of the account. Another account\'s domain is "not found".',
  auth: 'resource',
  errorMeta: 'numeric',
  paramNames: { domain: 'domain_name' },
  params: domainNameParams,
  response: {
    200: {
      type: 'object',
      description: 'The domain.',
      required: ['meta', 'domain'],
      additionalProperties: false,
      properties: { meta: metaSchema, domain: domainSchema },
    },
    400: error400Schema('numeric'),
    401: message401Schema('No token: {"message":"Token not provided"}'),
  },
  uses: [getDomainExtras],
  async run(call, { params }, k) {
    // One statement: the domain, a pending transfer out, its published records and the account's totals.
    const x = await call.run(getDomainExtras, { name: params.domain_name, include: { transferringOut: true, records: true, account: true } });
    return {
      meta: meta(summaryOf(x.account!)),
      domain: domainObject({ domain: x.domain, transferringOut: x.transferringOut!, records: x.records ?? [], nameServers: customNameServers(x.domain, k.dns) }),
    };
  },
});
