/**
 * POST /preorders: preorders a name someone holds. Its registration price
 * (default period, euros) goes on hold (`on-hold`); when the name is
 * released the sweeper registers it and the hold becomes the charge, or
 * releases the hold if the preorder fails.
 */
import { createPreorder, getAccount } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary } from '../domain-details.ts';
import { KIFDOM_CURRENCY, meta } from '../render.ts';
import { error400Schema, message401Schema, writeOkSchema } from '../schemas.ts';

const body = {
  type: 'object',
  required: ['domain_name'],
  properties: { domain_name: { type: 'string', maxLength: 1024, description: 'Le nom de domaine (Unicode or punycode).' } },
} as const;

export const preordersCreate = defineCommand({
  method: 'POST',
  url: '/preorders',
  operationId: 'preordersCreate',
  tag: 'Précommandes',
  summary: 'Créer une précommande',
  description:
    'Preorders a name held by someone else. Its price is put on hold; the name is registered for the account when it is released. ' +
    'A name that is available now is refused: register it with POST /domains.',
  auth: 'resource',
  errorMeta: 'numeric',
  paramNames: { domain: 'domain_name' },
  body,
  response: { 200: writeOkSchema, 400: error400Schema('numeric'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [createPreorder, getAccount],
  async run(call, { body }) {
    await call.run(createPreorder, { name: body.domain_name, currency: KIFDOM_CURRENCY });
    return { meta: meta(await accountSummary(call)), data: { code: 200, message: 'Preorder successfully created.' } };
  },
});
