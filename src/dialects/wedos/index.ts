/**
 * The WEDOS WAPI dialect (https://api.wedos.com/wapi/json|xml): one
 * encapsulated plugin at /wapi. Inside its scope it owns the wire: body
 * parsers (form, unencoded form, multipart, bare JSON or XML), the error and
 * not-found handlers, and the per-process limits (limits.ts). See README.md.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config, WedosConfig } from '../../config/index.ts';
import type { DemoUsage, DialectRegistration } from '../registration.ts';
import { COMMANDS } from './commands/index.ts';
import { multipartFields } from './envelope.ts';
import { handleWapi, newRouterState, sendTransportError } from './router.ts';

/** Largest request body (larger: 2007). */
export const MAX_BODY_BYTES = 1024 * 1024;

export const DEFAULT_PREFIX = '/wapi';

export const DEFAULT_WEDOS_CONFIG: WedosConfig = {
  previousHour: false,
  limits: true,
  requestsPerHour: 1000,
  limitedPerHour: 100,
  failedAuthBlock: { attempts: 10, windowMs: 3_600_000, blockMs: 3_600_000 },
};

export interface WedosPluginOptions {
  /** Default: the server configuration's `dialects.wedos`. */
  readonly config?: WedosConfig;
}

export const wedosPlugin: FastifyPluginAsync<WedosPluginOptions> = async (app: FastifyInstance, opts) => {
  const config = opts.config ?? (app.regd.config as Partial<Config>).dialects?.wedos ?? DEFAULT_WEDOS_CONFIG;
  const state = newRouterState(app.regd.engine, config, COMMANDS, app.regd.config.dns.options.nameServers, app.regd.config.logins.perAccount);
  app.removeAllContentTypeParsers();
  // Multipart is read whole like any body (larger than MAX_BODY_BYTES: 2007); one that cannot be read is 2000 (multipartFields).
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
    multipartFields(body as Buffer, request.headers['content-type'] ?? '').then((fields) => done(null, fields), (e: Error) => done(e));
  });
  // Everything else arrives as text: a form (encoded or not), JSON or XML, whatever its content type says.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));
  app.setErrorHandler((err, request, reply) => sendTransportError(state, request, reply, err));
  // Paths other than /json and /xml: a WAPI parse error, with HTTP 404 (they are not WAPI endpoints).
  app.setNotFoundHandler((request, reply) => sendTransportError(state, request, reply, Object.assign(new Error('not found'), { statusCode: 404 }), 404));
  for (const format of ['json', 'xml'] as const) {
    app.route({
      method: ['POST', 'GET'],
      url: `/${format}`,
      bodyLimit: MAX_BODY_BYTES,
      handler: (request, reply) => handleWapi(state, request, reply, format),
    });
  }
};

/** The dialect registration (the configuration's `dialects.wedos`). */
export function wedosDialect(config: WedosConfig = DEFAULT_WEDOS_CONFIG, prefix = DEFAULT_PREFIX): DialectRegistration {
  return {
    name: 'wedos',
    prefix,
    plugin: (app, opts) => wedosPlugin(app, { ...opts, config }),
    usage: (demo) => usageLines(demo, prefix),
  };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function usageLines(demo: DemoUsage, prefix: string): string[] {
  const login = shellQuote(demo.email);
  return [
    '# auth = sha1(login + sha1(WAPI password) + hour in Europe/Prague); a moved sandbox clock moves the hour too',
    `AUTH=$(printf '%s%s%s' ${login} "$(printf '%s' ${shellQuote(demo.wapiPassword)} | sha1sum | cut -c1-40)" "$(TZ=Europe/Prague date +%H)" | sha1sum | cut -c1-40)`,
    `curl '${demo.baseUrl}${prefix}/json' --data-urlencode "request={\\"request\\":{\\"user\\":\\"${demo.email.replace(/["\\$`]/g, '')}\\",\\"auth\\":\\"$AUTH\\",\\"command\\":\\"ping\\"}}"`,
  ];
}
