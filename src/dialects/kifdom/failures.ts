/**
 * Everything that goes wrong on a KifDom request ends here, in KifDom's
 * shapes: 401 bodies as documented per endpoint family, 400
 * `{"meta":…,"error":{"code":400,"message":…}}` with the endpoint's meta
 * block, and a JSON 404 for unknown routes. Nothing leaks a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { isRegdError } from '../../core/index.ts';
import { classifyTransportError, type TransportErrorKind } from '../kit/index.ts';
import { KIFDOM_ERROR_TABLE, paramNamer } from './errors.ts';
import { errorMeta, meta } from './render.ts';
import type { RouteSpec } from './command.ts';
import { validationMessage } from './validation.ts';

/** A 401 whose body is fixed by the endpoint family (see the auth hook). */
export class KifdomUnauthorized extends Error {
  constructor(readonly body: Readonly<Record<string, unknown>>) {
    super('unauthorized');
  }
}

/** A request refused by the dialect itself (wire-level validation), with its KifDom message. */
export class KifdomBadRequest extends Error {}

/** Largest request body (JSON) the dialect reads. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const NO_SPEC: RouteSpec = { auth: 'none', errorMeta: 'none', paramNames: {}, messages: {} };

/** Fastify's own refusals (kit's kinds), in KifDom's words. */
const TRANSPORT_MESSAGES: Readonly<Record<TransportErrorKind, string>> = {
  'body-too-large': `The request body is too large (at most ${BODY_LIMIT_BYTES} bytes).`,
  'unsupported-body': 'The request body should be JSON, sent with the header Content-Type: application/json.',
  'malformed-json': 'The request body is not valid JSON.',
  // Fastify's other client errors (a malformed URL…): still KifDom's shape.
  'malformed-request': 'The request is not valid.',
};

export async function handleKifdomError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (err instanceof KifdomUnauthorized) return reply.code(401).send(err.body);
  const spec = request.routeOptions.config.kifdom ?? NO_SPEC;
  const message = badRequestMessage(err, spec);
  if (message === undefined) {
    if (isRegdError(err)) {
      const rule = KIFDOM_ERROR_TABLE.lookup(err, spec.errors);
      const text = rule.message(err, paramNamer(spec.paramNames));
      if (rule.status === 429) reply.header('retry-after', String(err.details.retryAfterSeconds ?? ''));
      if (rule.status !== 400) return reply.code(rule.status).send({ error: { code: rule.status, message: text } });
      return sendBadRequest(request, reply, spec, text);
    }
    request.log.error({ err }, 'KifDom request failed');
    return reply.code(500).send({ error: { code: 500, message: 'Server Error' } });
  }
  return sendBadRequest(request, reply, spec, message);
}

/** The message of a request refused before any flow ran, or undefined for other errors. */
function badRequestMessage(err: FastifyError | Error, spec: RouteSpec): string | undefined {
  if (err instanceof KifdomBadRequest) return err.message;
  const f = err as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (Array.isArray(f.validation)) return validationMessage(f.validation, f.validationContext ?? 'body', paramNamer(spec.paramNames));
  const transport = classifyTransportError(err);
  return transport === undefined ? undefined : TRANSPORT_MESSAGES[transport.kind];
}

async function sendBadRequest(request: FastifyRequest, reply: FastifyReply, spec: RouteSpec, message: string): Promise<unknown> {
  const error = { code: 400, message };
  const k = request.kifdom;
  if (spec.errorMeta === 'none' || k?.claims === undefined) return reply.code(400).send({ error });
  const summary = await k.summary();
  return reply.code(400).send({ meta: spec.errorMeta === 'numeric' ? errorMeta(summary) : meta(summary), error });
}

/** Unknown route or method: a JSON 404 in KifDom's error shape (no authentication is checked first). */
export async function handleKifdomNotFound(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const path = request.url.split('?')[0]!.replace(/^\//, '');
  return reply.code(404).send({ error: { code: 404, message: `The route ${path} could not be found.` } });
}
