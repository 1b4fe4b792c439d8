/** POST /auth/refresh: a new token for a valid one, which is revoked. */
import { revokeToken } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { KifdomUnauthorized } from '../failures.ts';
import { message401Schema, tokenSchema } from '../schemas.ts';
import { tokenResponse } from './token-response.ts';

export const authRefresh = defineCommand({
  method: 'POST',
  url: '/auth/refresh',
  operationId: 'authRefresh',
  tag: 'Authentification',
  summary: "Rafraichir le token d'authentification",
  description: 'Issues a new token and revokes the one presented. An expired or revoked token cannot be refreshed: log in again.',
  auth: 'auth',
  errorMeta: 'none',
  response: { 200: tokenSchema, 401: message401Schema('Missing, invalid, expired or revoked token: {"message":"Unauthenticated."}') },
  uses: [revokeToken],
  async run(call, _input, k) {
    const claims = k.claims!;
    // Two refreshes of one token: only the first one to revoke it gets a new token.
    if (!(await call.run(revokeToken, claims))) throw new KifdomUnauthorized({ message: 'Unauthenticated.' });
    return tokenResponse(await k.tokens.issue(claims.accountId, k.now));
  },
});
