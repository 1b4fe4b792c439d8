/** GET /name-servers/{domain_name}: the name servers the domain is delegated to (the KifDom ones when kifdns). */
import { getAccount, getDomain } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary } from '../domain-details.ts';
import { effectiveNameServers } from '../name-servers.ts';
import { meta, zoneRecord } from '../render.ts';
import { domainNameParams, error400Schema, message401Schema, recordListSchema } from '../schemas.ts';

export const nameServersShow = defineCommand({
  method: 'GET',
  url: '/name-servers/:domain_name',
  operationId: 'nameServersShow',
  tag: 'Serveurs de noms',
  summary: 'Afficher les serveurs de nom',
  description: 'The NS records of the domain: its custom name servers, or the KifDom name servers. `id` is the position in the list.',
  auth: 'resource',
  errorMeta: 'numeric',
  paramNames: { domain: 'domain_name' },
  params: domainNameParams,
  response: { 200: recordListSchema, 400: error400Schema('numeric'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [getDomain, getAccount],
  async run(call, { params }, k) {
    const domain = await call.run(getDomain, { name: params.domain_name });
    const data = effectiveNameServers(domain, k.dns).map((ns) => zoneRecord({ id: ns.id, type: 'NS', name: '@', value: ns.host, priority: null, ttl: ns.ttl }));
    return { meta: meta(await accountSummary(call)), data };
  },
});
