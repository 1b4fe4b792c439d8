/**
 * Secrets never reach the log. The HTTP app's logger (pino, through
 * Fastify) is built here once, so every route of every dialect, the
 * operator API and the services logging through it benefit:
 *
 * - `req`: the URL's query parameters with a secret name are replaced by
 *   `[REDACTED]` (Freenom `email` and `password`, Dynadot `key`, any
 *   `password`, `token`, `secret`, `api_key`, `auth`…); other parameters
 *   are scrubbed as text (the WAPI `request` parameter carries a JSON or XML
 *   envelope whose `auth` is a replayable hash). Headers are not logged.
 * - `err`: message, stack and every other field scrubbed as text; Node's
 *   `rawPacket` (the raw bytes of a malformed request, headers included)
 *   is dropped.
 * - every other field, and the message itself, scrubbed: a field with a
 *   secret name is `[REDACTED]`, strings lose `name=value`, `"name":"value"`
 *   and `<name>value</name>` pairs of secret names, bearer and basic
 *   credentials, JWTs, and the source excerpt of a JSON parse error.
 *
 * A secret name is matched without regard to case, `-` or `_`.
 */
import type { FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from '../config/index.ts';

export const REDACTED = '[REDACTED]';

/** Names that are secrets whatever they are part of. */
const SECRET_PART = /password|passwd|passphrase|secret|token|apikey|authcode|authinfo|authorization|cookie|credential|signature/;
/** Names that are secrets only on their own (`key` but not `domain_key`…, `auth` but not `author`). */
const SECRET_EXACT = new Set(['email', 'key', 'auth', 'pw', 'pass', 'pwd', 'hash', 'otp', 'pin']);

export function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_\s]|\[\]$/g, '');
  return SECRET_EXACT.has(n) || SECRET_PART.test(n);
}

const NAME = '[A-Za-z][A-Za-z0-9_.\\-]{0,63}';
/**
 * `"name": "value"` or a bare value, and `\\"name\\":\\"value\\"` (JSON inside a
 * JSON string). Values are bounded, so that no text costs more than a
 * linear scan.
 */
const JSON_PAIRS = [
  new RegExp(`(")(${NAME})"(\\s*:\\s*)(?:"(?:[^"\\\\\\n]|\\\\.){0,512}"|[^\\s,}\\]"\\\\]{1,256})`, 'g'),
  new RegExp(`(\\\\")(${NAME})\\\\"(\\s*:\\s*)\\\\"(?:[^"\\\\\\n]|\\\\[^"]){0,512}\\\\"`, 'g'),
] as const;
/** `<name attr="…">value</name>` */
const XML_PAIR = new RegExp(`<(${NAME})(\\s[^>]*)?>([^<]*)</\\1\\s*>`, 'g');
/** `name=value` in a query string, a form body or free text: the value runs to the next `&`, quote or line end (a password may hold spaces). */
const FORM_PAIR = new RegExp(`(^|[?&;\\s,"'{(\\[])(${NAME}(?:\\[\\])?)=([^&\\r\\n"'<>]*)`, 'g');
const AUTH_SCHEME = /\b(Bearer|Basic|Digest|Token)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** V8's `Unexpected token 'x', "<source excerpt>" is not valid JSON` (a long excerpt is cut: `"…"... is`, `..."…"... is`). */
const JSON_EXCERPT = /(Unexpected token '[^'\n]{0,8}', )(?:\.\.\.)?"[^\n]{0,256}"(?:\.\.\.)? is not valid JSON/g;

/** Free text without the secrets it may quote. */
export function redactText(text: string): string {
  if (text.length === 0) return text;
  return redactJsonPairs(text.replace(JSON_EXCERPT, '$1(the text) is not valid JSON'))
    .replace(XML_PAIR, (all, name: string, attrs: string | undefined) => (isSecretName(name) ? `<${name}${attrs ?? ''}>${REDACTED}</${name}>` : all))
    .replace(FORM_PAIR, (all, pre: string, name: string) => (isSecretName(name) ? `${pre}${name}=${REDACTED}` : all))
    .replace(AUTH_SCHEME, (_all, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED);
}

/** JSON pairs of secret names; the value of any other pair is searched too (it may hold JSON as a string: the WAPI `request`). */
function redactJsonPairs(input: string): string {
  let text = input;
  for (const pattern of JSON_PAIRS) {
    if (!text.includes(pattern === JSON_PAIRS[0] ? '"' : '\\"')) continue;
    const re = new RegExp(pattern.source, 'g');
    let out = '';
    let last = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const [all, q, name, colon] = m as unknown as [string, string, string, string];
      if (isSecretName(name)) {
        out += `${text.slice(last, m.index)}${q}${name}${q}${colon}${q}${REDACTED}${q}`;
        last = m.index + all.length;
      } else {
        re.lastIndex = m.index + q.length * 2 + name.length + colon.length;
      }
    }
    text = out + text.slice(last);
  }
  return text;
}

/** A request URL with secret query parameters replaced and the others scrubbed (re-encoded only when changed). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = redactText(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const query = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decode(rawName);
    if (isSecretName(name)) return eq < 0 ? pair : `${rawName}=${REDACTED}`;
    if (eq < 0) return redactText(pair);
    const value = decode(pair.slice(eq + 1));
    const scrubbed = redactText(value);
    return scrubbed === value ? pair : `${rawName}=${encodeURIComponent(scrubbed)}`;
  });
  return `${path}?${query.join('&')}`;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

const MAX_DEPTH = 8;

/** A copy of a logged value: secret-named fields replaced, strings scrubbed, raw packets dropped. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[depth]';
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'rawPacket') continue;
    out[k] = isSecretName(k) && v !== null && typeof v !== 'object' ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number } | null;
}

/** Fastify's own request fields, with the URL redacted. */
function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function serializeError(err: Error): { type: string; message: string; stack: string; [key: string]: unknown } {
  const serialized = pino.stdSerializers.err(err) as unknown as { type: string; message: string; stack: string };
  return redactValue(serialized) as { type: string; message: string; stack: string };
}

/** Fields with a serializer of their own (below); every other field is scrubbed by `formatters.log`. */
const SERIALIZED = new Set(['req', 'res', 'err', 'error']);

/** The app's logger options: level, optional destination, and the redaction above. */
export function loggerOptions(level: LogLevel, stream?: DestinationStream): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: serializeRequest,
      err: serializeError,
      error: serializeError,
      msg: (msg: unknown) => (typeof msg === 'string' ? redactText(msg) : redactValue(msg)),
    },
    formatters: {
      log(obj: Record<string, unknown>) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) {
          out[k] = SERIALIZED.has(k) ? v : isSecretName(k) && v !== null && typeof v !== 'object' ? REDACTED : redactValue(v, 1);
        }
        return out;
      },
    },
  };
}
