/** POST /domains: registers a name for the TLD's default period, charged at its price in euros. */
import { registerDomain } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { KIFDOM_CURRENCY, meta, summaryOf } from '../render.ts';
import { error400Schema, message401Schema, writeOkSchema } from '../schemas.ts';

const body = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', maxLength: 1024, description: 'Le nom de domaine (Unicode or punycode).' },
    renewable: { type: 'integer', enum: [0, 1], description: 'Auto-renewal (0 = no, 1 = yes). Default 1.' },
    label: { type: ['string', 'null'], maxLength: 255, description: 'A label for the domain. Default null.' },
    price: {
      type: 'integer',
      minimum: 0,
      description:
        'Optional: the most the client accepts to pay, in euro cents; a higher price is refused and nothing is charged. Required to register a premium name (it is then the consent to its price).',
    },
  },
} as const;

export const domainsCreate = defineCommand({
  method: 'POST',
  url: '/domains',
  operationId: 'domainsCreate',
  tag: 'Noms de domaine',
  summary: 'Créer un nom de domaine',
  description: 'Registers the name for the default period of its extension and charges its price to the credits balance.',
  auth: 'resource',
  errorMeta: 'numeric',
  paramNames: { domain: 'name' },
  body,
  response: { 200: writeOkSchema, 400: error400Schema('numeric'), 401: message401Schema('No token: {"message":"Token not provided"}') },
  uses: [registerDomain],
  async run(call, { body }) {
    const r = await call.run(registerDomain, {
      name: body.name,
      currency: KIFDOM_CURRENCY,
      autoRenew: (body.renewable ?? 1) === 1,
      label: normalizeLabel(body.label),
      ...(body.price !== undefined ? { maxPriceMinor: body.price, acceptPremium: true } : {}),
      // The meta block: the account as the registration left it (read by the registration's statement when it runs alone).
      withAccount: true,
    });
    return { meta: meta(summaryOf(r.account!)), data: { code: 200, message: 'Domain name successfully created.' } };
  },
});

/** As on update: trimmed, and an empty label is no label. */
function normalizeLabel(label: string | null | undefined): string | null {
  const s = label?.trim() ?? '';
  return s === '' ? null : s;
}
