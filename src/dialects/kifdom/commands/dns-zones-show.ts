/** GET /dns-zones/{domain_name}: the records of a domain's zone. */
import { getAccount, listRecords } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary } from '../domain-details.ts';
import { isKifdomRecord, meta, zoneRecord } from '../render.ts';
import { domainNameParams, error400Schema, message401Schema, recordListSchema } from '../schemas.ts';

export const dnsZonesShow = defineCommand({
  method: 'GET',
  url: '/dns-zones/:domain_name',
  operationId: 'dnsZonesShow',
  tag: 'Zones DNS',
  summary: 'Afficher les zones DNS',
  description:
    'The published records of the zone, in id order: A, AAAA, CNAME, MX, TXT and the NS records that delegate a subdomain. ' +
    'The name servers of the domain itself are listed by GET /name-servers/{domain_name}.',
  auth: 'resource',
  errorMeta: 'numeric',
  paramNames: { domain: 'domain_name' },
  params: domainNameParams,
  response: { 200: recordListSchema, 400: error400Schema('numeric'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [listRecords, getAccount],
  async run(call, { params }) {
    const { records } = await call.run(listRecords, { name: params.domain_name });
    return { meta: meta(await accountSummary(call)), data: records.filter((r) => isKifdomRecord(r) || r.type === 'NS').map(zoneRecord) };
  },
});
