/**
 * Operator API authentication: `Authorization: Bearer <operator token>`,
 * compared in constant time (both sides hashed first, so not even the
 * length leaks).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function bearerAuth(operatorToken: string) {
  const expected = digest(operatorToken);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m && timingSafeEqual(digest(m[1]!), expected)) return;
    request.log.warn({ hasHeader: header !== '' }, 'operator API: missing or wrong token');
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="regd-operator"')
      .send({ error: { code: 'UNAUTHORIZED', message: 'a valid operator token is required (Authorization: Bearer <token>)' } });
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
