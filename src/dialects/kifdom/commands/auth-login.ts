/**
 * POST /auth/login: e-mail and password → a bearer token valid for 3600 s.
 * Failed logins are limited per e-mail and per client address (the app's
 * LoginGuard): over the limit, 429 whatever the password.
 */
import { authenticateByPassword } from '../../../core/index.ts';
import { defineCommand } from '../command.ts';
import { loginError400Schema, loginError401Schema, loginError429Schema, tokenSchema } from '../schemas.ts';
import { tokenResponse } from './token-response.ts';

const body = {
  type: 'object',
  required: ['email', 'password'],
  properties: {
    email: { type: 'string', maxLength: 254, description: "L'email de l'utilisateur." },
    password: { type: 'string', maxLength: 1024, description: "Le mot de passe de l'utilisateur." },
  },
} as const;

export const authLogin = defineCommand({
  method: 'POST',
  url: '/auth/login',
  operationId: 'authLogin',
  tag: 'Authentification',
  summary: "Obtenir un token d'authentification",
  description: 'Exchanges the account e-mail and password for a bearer token valid for `expires_in` seconds.',
  auth: 'none',
  errorMeta: 'none',
  body,
  response: { 200: tokenSchema, 400: loginError400Schema, 401: loginError401Schema, 429: loginError429Schema },
  uses: [authenticateByPassword],
  async run(call, { body }, k) {
    // No account is known yet: the password check runs as the system.
    const account = await k.loginGuard.passwordLogin(call, { email: body.email, password: body.password, ip: k.ip, now: k.now, source: 'kifdom' });
    return tokenResponse(await k.tokens.issue(account.id, k.now));
  },
});
