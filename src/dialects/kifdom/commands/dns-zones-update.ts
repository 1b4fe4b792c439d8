/** PUT /dns-zones: replaces the values of one record, chosen by dns_zone_id; published at once. */
import { updateRecord } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { bareOkSchema, error400Schema, message401Schema } from '../schemas.ts';
import { recordProperties, recordRequired, toRecordInput } from './record-input.ts';

const body = {
  type: 'object',
  required: ['dns_zone_id', ...recordRequired],
  properties: {
    dns_zone_id: { type: 'integer', 'x-expects': 'an integer', description: "L'identifiant de la zone DNS (the record id)." },
    ...recordProperties,
  },
} as const;

export const dnsZonesUpdate = defineCommand({
  method: 'PUT',
  url: '/dns-zones',
  operationId: 'dnsZonesUpdate',
  tag: 'Zones DNS',
  summary: 'Mettre à jour une zone DNS',
  description: 'Replaces the type, name, value, priority and TTL of a record. The record keeps its id.',
  auth: 'resource',
  errorMeta: 'string',
  body,
  response: { 200: bareOkSchema, 400: error400Schema('string'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [updateRecord],
  async run(call, { body }) {
    await call.run(updateRecord, { recordId: body.dns_zone_id, record: toRecordInput(body) });
    return { code: 200, message: 'DNS zone successfully updated.' };
  },
});
