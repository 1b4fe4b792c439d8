/** PUT /name-servers/{domain_name}: replaces the name servers; [] puts the domain back on the KifDom ones. */
import { setDomainNameServers } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { bareOkSchema, domainNameParams, error400Schema, message401Schema } from '../schemas.ts';

const body = {
  type: 'object',
  required: ['ns'],
  properties: {
    ns: {
      type: 'array',
      maxItems: 13,
      items: { type: 'string', maxLength: 253 },
      description: 'Name server host names; an empty list means the KifDom name servers.',
    },
  },
} as const;

export const nameServersUpdate = defineCommand({
  method: 'PUT',
  url: '/name-servers/:domain_name',
  operationId: 'nameServersUpdate',
  tag: 'Serveurs de noms',
  summary: 'Mettre à jour un serveur de nom',
  description: 'Delegates the domain to the given name servers, or back to the KifDom name servers with an empty list.',
  auth: 'resource',
  errorMeta: 'string',
  paramNames: { domain: 'domain_name' },
  // The document's own message for this endpoint: the domain has no name servers of yours to update.
  messages: { DOMAIN_NOT_FOUND: 'None of your nameservers matching this `id` has been found.' },
  params: domainNameParams,
  body,
  response: { 200: bareOkSchema, 400: error400Schema('string'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [setDomainNameServers],
  async run(call, { params, body }) {
    await call.run(setDomainNameServers, { name: params.domain_name, nameServers: body.ns });
    return { code: 200, message: 'Nameserver successfully updated.' };
  },
});
