/** POST /auth/me: the account's profile. */
import { getAccount } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { message401Schema } from '../schemas.ts';

const profile = {
  type: 'object',
  required: ['code', 'message', 'data'],
  additionalProperties: false,
  properties: {
    code: { type: 'integer' },
    message: { type: 'string' },
    data: {
      type: 'object',
      required: ['email', 'first_name', 'last_name', 'address', 'postcode', 'city', 'country', 'phone'],
      additionalProperties: false,
      properties: {
        email: { type: 'string' },
        first_name: { type: 'string' },
        last_name: { type: 'string' },
        address: { type: 'string' },
        postcode: { type: 'string' },
        city: { type: 'string' },
        country: { type: 'string', description: 'ISO 3166-1 alpha-2 country code.' },
        phone: { type: 'string' },
      },
    },
  },
} as const;

export const authMe = defineCommand({
  method: 'POST',
  url: '/auth/me',
  operationId: 'authMe',
  tag: 'Authentification',
  summary: 'Afficher le compte utilisateur',
  description: "The profile of the token's account.",
  auth: 'auth',
  errorMeta: 'none',
  response: { 200: { ...profile, description: 'The profile.' }, 401: message401Schema('{"message":"Unauthenticated."}') },
  uses: [getAccount],
  async run(call) {
    const a = await call.run(getAccount, {});
    return {
      code: 200,
      message: 'User successfully retrieved.',
      data: {
        email: a.email,
        first_name: a.firstName,
        last_name: a.lastName,
        address: a.address,
        postcode: a.postcode,
        city: a.city,
        country: a.country,
        phone: a.phone,
      },
    };
  },
});
