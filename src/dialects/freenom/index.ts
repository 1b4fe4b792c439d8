/**
 * The Freenom API v2 dialect (https://api.freenom.com/v2/…) and its Dot CF
 * edition (https://api.dot.cf/v2/…): one encapsulated plugin, registered
 * twice. The Freenom mount (/v2) serves the Dot CF edition to requests whose
 * Host is a Dot CF host name; the Dot CF mount (/dotcf/v2) always does.
 * Both paths and the host names are configurable (freenomDialects).
 * Inside its scope the plugin owns the wire: body parsers (form, multipart,
 * JSON, and bodies on GET), the auth hook, the error and not-found handlers.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { DemoUsage, DialectRegistration } from '../registration.ts';
import type { Edition } from './commands/command.ts';
import { WireError } from './errors.ts';
import { MAX_BODY_BYTES, parseForm } from './params.ts';
import { parseBody, registerRoutes, sendError } from './router.ts';

export interface FreenomPluginOptions {
  readonly edition?: Edition;
  /** Host names served as the Dot CF edition by a Freenom mount. Default: api.dot.cf. */
  readonly dotcfHosts?: readonly string[];
}

export const DEFAULT_PREFIX = '/v2';
export const DEFAULT_DOTCF_PREFIX = '/dotcf/v2';
export const DEFAULT_DOTCF_HOSTS: readonly string[] = ['api.dot.cf'];

export const freenomPlugin: FastifyPluginAsync<FreenomPluginOptions> = async (app: FastifyInstance, opts) => {
  app.removeAllContentTypeParsers();
  await app.register(formbody, { parser: parseForm, bodyLimit: MAX_BODY_BYTES });
  // Everything else: multipart and JSON bodies are read, an empty body of any type is no parameters.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
    parseBody(body as Buffer, request.headers['content-type'] ?? '').then((v) => done(null, v), (e: Error) => done(e));
  });
  app.setErrorHandler((err, request, reply) => sendError(request, reply, err));
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new WireError('Function not found')));
  registerRoutes(app, {
    edition: opts.edition ?? 'freenom',
    dotcfHosts: new Set((opts.dotcfHosts ?? DEFAULT_DOTCF_HOSTS).map(normalizeHost)),
  });
};

export interface FreenomMounts {
  /** Path of the Freenom edition. Default: /v2. */
  readonly prefix?: string;
  /** Path of the Dot CF edition; null: no separate mount (Host selection only). Default: /dotcf/v2. */
  readonly dotcfPrefix?: string | null;
  /**
   * Host names whose requests the Freenom mount serves as the Dot CF edition
   * (case and a trailing dot do not matter; the port is ignored). Default:
   * api.dot.cf; an empty list turns Host selection off.
   */
  readonly dotcfHosts?: readonly string[];
}

/**
 * Both editions as dialect registrations, built from the configuration
 * (`dialects.freenom.dotcfPrefix`, `dialects.freenom.dotcfHosts`). Invalid
 * mounts throw: a prefix is `/` and path segments without a trailing slash,
 * the two prefixes differ, a host is a DNS name.
 */
export function freenomDialects(mounts: FreenomMounts = {}): readonly DialectRegistration[] {
  const prefix = verifyPrefix(mounts.prefix ?? DEFAULT_PREFIX, 'prefix');
  const dotcfPrefix = mounts.dotcfPrefix === null ? null : verifyPrefix(mounts.dotcfPrefix ?? DEFAULT_DOTCF_PREFIX, 'dotcfPrefix');
  if (dotcfPrefix === prefix) throw new Error(`freenom: the Dot CF prefix must differ from the Freenom prefix (${prefix})`);
  const dotcfHosts = (mounts.dotcfHosts ?? DEFAULT_DOTCF_HOSTS).map(normalizeHost);
  const freenom: DialectRegistration = {
    name: 'freenom',
    prefix,
    plugin: (app, opts) => freenomPlugin(app, { ...opts, edition: 'freenom', dotcfHosts }),
    usage: (demo) => usageLines(demo, prefix),
  };
  if (dotcfPrefix === null) return [freenom];
  const hostNote = dotcfHosts.length > 0 ? `; also served at ${prefix} to Host: ${dotcfHosts.join(', ')}` : '';
  const dotcf: DialectRegistration = {
    name: 'freenom-dotcf',
    prefix: dotcfPrefix,
    plugin: (app, opts) => freenomPlugin(app, { ...opts, edition: 'dotcf' }),
    usage: (demo) => [`# the Dot CF edition${hostNote}`, ...usageLines(demo, dotcfPrefix)],
  };
  return [freenom, dotcf];
}

const PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;
/** The configuration's own rule (src/config), so a value it accepts is never refused here. */
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

function verifyPrefix(value: string, what: string): string {
  if (!PREFIX.test(value)) throw new Error(`freenom: invalid ${what} ${JSON.stringify(value)}: a path such as /dotcf/v2 is required`);
  return value;
}

/** Lower case, without a trailing dot: how the router compares the request's Host. */
export function normalizeHost(value: string): string {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  if (!HOST.test(host)) throw new Error(`freenom: invalid Dot CF host name ${JSON.stringify(value)}`);
  return host;
}

/**
 * The credentials go in the body (Freenom reads bodies on GET too), never
 * in the URL: query strings end up in the logs of every proxy on the way.
 */
function usageLines(demo: DemoUsage, prefix: string): string[] {
  const auth = `--data-urlencode ${shellQuote(`email=${demo.email}`)} --data-urlencode ${shellQuote(`password=${demo.password}`)}`;
  return [
    `curl '${demo.baseUrl}${prefix}/service/ping'`,
    `curl -X GET '${demo.baseUrl}${prefix}/domain/list.xml' ${auth}`,
    `curl -X POST '${demo.baseUrl}${prefix}/domain/register' -d domainname=example.tk -d domaintype=FREE ${auth}`,
  ];
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export const FREENOM_DIALECTS: readonly DialectRegistration[] = freenomDialects();
