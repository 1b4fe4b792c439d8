/** DELETE /dns-zones: removes one record, chosen by dns_zone_id in the JSON body; gone from the name servers at once. */
import { deleteRecord } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { bareOkSchema, error400Schema, message401Schema } from '../schemas.ts';

const body = {
  type: 'object',
  required: ['dns_zone_id'],
  properties: { dns_zone_id: { type: 'integer', 'x-expects': 'an integer', description: "L'identifiant de la zone DNS (the record id)." } },
} as const;

export const dnsZonesDelete = defineCommand({
  method: 'DELETE',
  url: '/dns-zones',
  operationId: 'dnsZonesDelete',
  tag: 'Zones DNS',
  summary: 'Supprimer une zone DNS',
  description: 'Deletes a record of one of your zones.',
  auth: 'resource',
  errorMeta: 'string',
  body,
  response: { 200: bareOkSchema, 400: error400Schema('string'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [deleteRecord],
  async run(call, { body }) {
    await call.run(deleteRecord, { recordId: body.dns_zone_id });
    return { code: 200, message: 'DNS zone successfully deleted.' };
  },
});
