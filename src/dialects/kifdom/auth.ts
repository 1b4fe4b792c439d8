/**
 * The auth hook. Every KifDom route declares who may call it; the hook reads
 * the request's one `now` from the engine clock, verifies the bearer token
 * and answers 401 in the body its endpoint family documents:
 *
 * - auth endpoints (refresh, me, logout): `{"message":"Unauthenticated."}`
 *   whatever is wrong with the token;
 * - resource endpoints: `{"message":"Token not provided"}` without a token,
 *   and, for a token that is refused, the message of the JWT library the
 *   real service runs on (see README).
 */
import type { FastifyRequest } from 'fastify';
import type { Engine } from '../../core/index.ts';
import { KifdomRequest } from './command.ts';
import type { OwnDns } from './name-servers.ts';
import { KifdomUnauthorized } from './failures.ts';
import { TokenRefused, type TokenProblem, type TokenService } from './tokens.ts';

const RESOURCE_MESSAGES: Readonly<Record<TokenProblem, string>> = {
  invalid: 'Token Signature could not be verified.',
  expired: 'Token has expired',
  revoked: 'The token has been blacklisted',
  account: 'User not found',
};

export function authHook(engine: Engine, tokens: TokenService, dns: OwnDns) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const spec = request.routeOptions.config.kifdom;
    if (spec === undefined) return; // unknown route: the 404 handler answers without asking for a token
    const k = new KifdomRequest(engine, tokens, dns, engine.clock.now(), request.ip, request.server.loginGuard);
    request.kifdom = k;
    if (spec.auth === 'none') return;
    const refuse = (problem: TokenProblem | 'missing') =>
      new KifdomUnauthorized({
        message: spec.auth === 'auth' ? 'Unauthenticated.' : problem === 'missing' ? 'Token not provided' : RESOURCE_MESSAGES[problem],
      });
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw refuse('missing');
    try {
      k.claims = await tokens.verify(token, k.now);
    } catch (e) {
      if (e instanceof TokenRefused) throw refuse(e.problem);
      throw e;
    }
  };
}

/** `Authorization: Bearer <token>` (scheme case-insensitive); anything else is no token. */
function bearerToken(header: string | undefined): string | undefined {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
