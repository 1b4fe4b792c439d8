/** PUT /domains/{domain_name}: auto-renewal, label and name servers; omitted fields stay as they are. */
import { getDomain, modifyDomain, setDomainNameServers, type FlowContext } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { withSummary } from '../domain-details.ts';
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

interface UpdateInput {
  readonly name: string;
  readonly renew?: 0 | 1;
  readonly label?: string | null;
  readonly ns?: readonly string[];
}

/** Name servers and settings change together or not at all. */
async function updateDomain(ctx: FlowContext, input: UpdateInput): Promise<void> {
  // An empty body changes nothing, but an unknown domain is still refused.
  await getDomain(ctx, { name: input.name });
  if (input.ns !== undefined) await setDomainNameServers(ctx, { name: input.name, nameServers: input.ns });
  if (input.renew !== undefined || input.label !== undefined) {
    await modifyDomain(ctx, {
      name: input.name,
      ...(input.renew !== undefined ? { autoRenew: input.renew === 1 } : {}),
      ...(input.label !== undefined ? { label: input.label } : {}),
    });
  }
}

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
  async handle({ params, body, k }) {
    const { summary } = await k.run(withSummary(updateDomain), { name: params.domain_name, ...body });
    return { meta: meta(summary), data: { code: 200, message: 'Domain name successfully updated.' } };
  },
});
