/** PUT /domains/{domain_name}: auto-renewal, label and name servers; omitted fields stay as they are. */
import { getAccount, getDomain, modifyDomain, setDomainNameServers } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary } from '../domain-details.ts';
import { meta } from '../render.ts';
import { domainNameParams, error400Schema, message401Schema, writeOkSchema } from '../schemas.ts';

const body = {
  type: 'object',
  properties: {
    renew: { type: 'integer', enum: [0, 1], description: 'Auto-renewal (1 = yes, 0 = no).' },
    label: { type: ['string', 'null'], maxLength: 255, description: 'The label; null or "" removes it.' },
    ns: {
      type: 'array',
      maxItems: 13,
      items: { type: 'string', maxLength: 253 },
      description: 'Custom name servers; an empty list puts the domain back on the KifDom name servers.',
    },
  },
} as const;

export const domainsUpdate = defineCommand({
  method: 'PUT',
  url: '/domains/:domain_name',
  operationId: 'domainsUpdate',
  tag: 'Noms de domaine',
  summary: 'Mettre à jour un nom de domaine',
  description: 'Changes auto-renewal, the label and the name servers of a domain. Fields left out are not changed.',
  auth: 'resource',
  errorMeta: 'numeric',
  paramNames: { domain: 'domain_name' },
  params: domainNameParams,
  body,
  response: { 200: writeOkSchema, 400: error400Schema('numeric'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [getDomain, setDomainNameServers, modifyDomain, getAccount],
  // Name servers and settings change together or not at all.
  transaction: 'command',
  async run(call, { params: { domain_name: name }, body }) {
    // An empty body changes nothing, but an unknown domain is still refused.
    await call.run(getDomain, { name });
    if (body.ns !== undefined) await call.run(setDomainNameServers, { name, nameServers: body.ns });
    if (body.renew !== undefined || body.label !== undefined) {
      await call.run(modifyDomain, {
        name,
        ...(body.renew !== undefined ? { autoRenew: body.renew === 1 } : {}),
        ...(body.label !== undefined ? { label: body.label } : {}),
      });
    }
    return { meta: meta(await accountSummary(call)), data: { code: 200, message: 'Domain name successfully updated.' } };
  },
});
