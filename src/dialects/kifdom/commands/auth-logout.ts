/** POST /auth/logout: revokes the token (kept revoked across restarts). */
import { revokeToken } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { KifdomUnauthorized } from '../failures.ts';
import { message401Schema } from '../schemas.ts';

export const authLogout = defineCommand({
  method: 'POST',
  url: '/auth/logout',
  operationId: 'authLogout',
  tag: 'Authentification',
  summary: "Détruire le token d'authentification (déconnexion)",
  description: 'Revokes the token presented; it is refused from then on.',
  auth: 'auth',
  errorMeta: 'none',
  response: {
    200: { type: 'object', description: 'Logged out.', required: ['message'], additionalProperties: false, properties: { message: { type: 'string' } } },
    401: message401Schema('{"message":"Unauthenticated."}'),
  },
  uses: [revokeToken],
  async run(call, _input, k) {
    if (!(await call.run(revokeToken, k.claims!))) throw new KifdomUnauthorized({ message: 'Unauthenticated.' });
    return { message: 'Successfully logged out.' };
  },
});
