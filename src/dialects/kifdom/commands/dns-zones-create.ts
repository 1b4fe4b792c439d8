/** POST /dns-zones: adds one record ("DNS zone") to a domain on the KifDom name servers, published at once. */
import { addRecord, getAccount } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary } from '../domain-details.ts';
import { meta } from '../render.ts';
import { error400Schema, message401Schema, writeOkSchema } from '../schemas.ts';
import { recordProperties, recordRequired, toRecordInput } from './record-input.ts';

const body = {
  type: 'object',
  required: ['domain_name', ...recordRequired],
  properties: {
    domain_name: { type: 'string', maxLength: 1024, description: 'Le nom de domaine.' },
    ...recordProperties,
  },
} as const;

export const dnsZonesCreate = defineCommand({
  method: 'POST',
  url: '/dns-zones',
  operationId: 'dnsZonesCreate',
  tag: 'Zones DNS',
  summary: 'Créer une zone DNS',
  description: 'Adds a DNS record to the zone of a domain that uses the KifDom name servers. The record is served at once.',
  auth: 'resource',
  errorMeta: 'numeric',
  paramNames: { domain: 'domain_name' },
  body,
  response: { 200: writeOkSchema, 400: error400Schema('numeric'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [addRecord, getAccount],
  async run(call, { body }) {
    await call.run(addRecord, { name: body.domain_name, record: toRecordInput(body) });
    return { meta: meta(await accountSummary(call)), data: { code: 200, message: 'DNS zone successfully created.' } };
  },
});
