/**
 * Fastify's own refusals of a request, before any command runs, sorted into
 * the few kinds a dialect answers differently. Each dialect turns a kind
 * into its own wire error (KifDom a 400 message, Freenom `status: error`,
 * WEDOS code 2000 or 2007, Dynadot a `Response` envelope).
 */
import type { FastifyError } from 'fastify';

export type TransportErrorKind =
  /** The body is larger than the route's limit (also a multipart file part). */
  | 'body-too-large'
  /** No parser for the content type, or a wrong Content-Length. */
  | 'unsupported-body'
  /** A JSON body that does not parse (or is empty where JSON was announced). */
  | 'malformed-json'
  /** Any other client error Fastify raises (a malformed URL, a truncated multipart body…). */
  | 'malformed-request';

export interface TransportError {
  readonly kind: TransportErrorKind;
  /** Fastify's error code, for logs. */
  readonly code: string | undefined;
}

/** The kind of a Fastify client error (4xx with a Fastify code or status); undefined for anything else (a bug: log it, answer 500-ish). */
export function classifyTransportError(err: unknown): TransportError | undefined {
  const e = err as Partial<FastifyError> | null | undefined;
  if (e === null || typeof e !== 'object') return undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { kind: 'body-too-large', code };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { kind: 'unsupported-body', code };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { kind: 'malformed-json', code };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return { kind: 'malformed-request', code };
  return undefined;
}
