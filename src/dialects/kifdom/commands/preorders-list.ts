/** GET /preorders: the account's preorders, oldest first. */
import { getAccount, listDropRequests, type DropRequestView } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { accountSummary } from '../domain-details.ts';
import { isoMicros, meta } from '../render.ts';
import { error400Schema, message401Schema, metaSchema, preorderSchema } from '../schemas.ts';

/** The document shows one status, "Précommande en cours"; the others follow its wording. */
export const PREORDER_STATUS: Readonly<Record<DropRequestView['status'], string>> = {
  pending: 'Précommande en cours',
  fulfilled: 'Précommande réussie',
  failed: 'Précommande échouée',
  cancelled: 'Précommande annulée',
  // Only backorders go to a backorder auction; a preorder never reads this.
  auctioned: 'Précommande en enchère',
};

export const preordersList = defineCommand({
  method: 'GET',
  url: '/preorders',
  operationId: 'preordersList',
  tag: 'Précommandes',
  summary: 'Afficher la liste des précommandes',
  description: 'Every preorder of the account, oldest first, with its status and the instant of its last change.',
  auth: 'resource',
  errorMeta: 'numeric',
  response: {
    200: {
      type: 'object',
      description: 'The preorders.',
      required: ['meta', 'data'],
      additionalProperties: false,
      properties: { meta: metaSchema, data: { type: 'array', items: preorderSchema } },
    },
    400: error400Schema('numeric'),
    401: message401Schema('No token: {"message":"Token not provided"}'),
  },
  uses: [listDropRequests, getAccount],
  async run(call) {
    const data = (await call.run(listDropRequests, { kind: 'preorder' })).map((p) => ({
      name: p.unicodeName,
      punycode_name: p.name,
      status: PREORDER_STATUS[p.status],
      last_update: isoMicros(p.updatedAt),
    }));
    return { meta: meta(await accountSummary(call)), data };
  },
});
