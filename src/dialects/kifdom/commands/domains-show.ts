/** GET /domains/{domain_name}: one domain, under the key `domain`. */
import { getDomain, type FlowContext } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { detailsOf, withSummary } from '../domain-details.ts';
import type { OwnDns } from '../name-servers.ts';
import { domainObject, meta } from '../render.ts';
import { domainNameParams, domainSchema, error400Schema, message401Schema, metaSchema } from '../schemas.ts';

async function showDomain(ctx: FlowContext, input: { name: string; dns: OwnDns }) {
  const [details] = await detailsOf(ctx, [await getDomain(ctx, { name: input.name })], input.dns);
  return details!;
}

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
  async handle({ params, k }) {
    const { result, summary } = await k.run(withSummary(showDomain), { name: params.domain_name, dns: k.dns });
    return { meta: meta(summary), domain: domainObject(result) };
  },
});
