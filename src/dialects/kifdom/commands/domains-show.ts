/** GET /domains/{domain_name}: one domain, under the key `domain`. */
import { getAccount, getDomain } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary, DETAILS_FLOWS, detailsOf } from '../domain-details.ts';
import { domainObject, meta } from '../render.ts';
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
  uses: [getDomain, ...DETAILS_FLOWS, getAccount],
  async run(call, { params }, k) {
    const [details] = await detailsOf(call, [await call.run(getDomain, { name: params.domain_name })], k.dns);
    return { meta: meta(await accountSummary(call)), domain: domainObject(details!) };
  },
});
