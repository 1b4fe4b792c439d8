/** GET /domains: the account's domains, at most DOMAINS_LIST_CAP (the first by name). */
import { getAccount, listDomains } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary, DETAILS_FLOWS, detailsOf, listCappedDomains } from '../domain-details.ts';
import { domainObject, meta } from '../render.ts';
import { domainSchema, error400Schema, message401Schema, metaSchema } from '../schemas.ts';

export const domainsList = defineCommand({
  method: 'GET',
  url: '/domains',
  operationId: 'domainsList',
  tag: 'Noms de domaine',
  summary: 'Afficher la liste de vos domaines',
  description: 'The domains of the account, by name (at most 1000: the first by name; meta.total counts them all), with its DNS records (KifDom name servers) or its custom name servers.',
  auth: 'resource',
  errorMeta: 'numeric',
  response: {
    200: {
      type: 'object',
      description: 'The domains.',
      required: ['meta', 'data'],
      additionalProperties: false,
      properties: { meta: metaSchema, data: { type: 'array', items: domainSchema } },
    },
    400: error400Schema('numeric'),
    401: message401Schema('No token: {"message":"Token not provided"}'),
  },
  uses: [listDomains, ...DETAILS_FLOWS, getAccount],
  async run(call, _input, k) {
    const details = await detailsOf(call, await listCappedDomains(call), k.dns);
    return { meta: meta(await accountSummary(call)), data: details.map(domainObject) };
  },
});
