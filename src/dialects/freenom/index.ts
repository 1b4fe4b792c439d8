/**
 * The Freenom API v2 dialect (https://api.freenom.com/v2/…) and its Dot CF
 * edition (https://api.dot.cf/v2/…): one encapsulated plugin, registered
 * twice. The Freenom mount (/v2) serves the Dot CF edition to requests whose
 * Host is a Dot CF host name; the Dot CF mount (/dotcf/v2) always does.
 * Inside its scope the plugin owns the wire: body parsers (form, multipart,
 * JSON, and bodies on GET), the auth hook, the error and not-found handlers.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { DemoUsage, DialectRegistration } from '../index.ts';
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
    dotcfHosts: new Set((opts.dotcfHosts ?? DEFAULT_DOTCF_HOSTS).map((h) => h.trim().toLowerCase().replace(/\.$/, ''))),
  });
};

export interface FreenomMounts {
  /** Path of the Freenom edition. */
  readonly prefix?: string;
  /** Path of the Dot CF edition; null: no separate mount (Host selection only). */
  readonly dotcfPrefix?: string | null;
  readonly dotcfHosts?: readonly string[];
}

/** Both editions as dialect registrations (the lead wires `dotcfPrefix` / `dotcfHosts` to configuration). */
export function freenomDialects(mounts: FreenomMounts = {}): readonly DialectRegistration[] {
  const dotcfHosts = mounts.dotcfHosts ?? DEFAULT_DOTCF_HOSTS;
  const prefix = mounts.prefix ?? DEFAULT_PREFIX;
  const dotcfPrefix = mounts.dotcfPrefix === undefined ? DEFAULT_DOTCF_PREFIX : mounts.dotcfPrefix;
  const freenom: DialectRegistration = {
    name: 'freenom',
    prefix,
    plugin: (app, opts) => freenomPlugin(app, { ...opts, edition: 'freenom', dotcfHosts }),
    usage: (demo) => usageLines(demo, prefix),
  };
  if (dotcfPrefix === null) return [freenom];
  const dotcf: DialectRegistration = {
    name: 'freenom-dotcf',
    prefix: dotcfPrefix,
    plugin: (app, opts) => freenomPlugin(app, { ...opts, edition: 'dotcf' }),
    usage: (demo) => [`# the Dot CF edition; also served at ${prefix} to Host: ${dotcfHosts.join(', ')}`, ...usageLines(demo, dotcfPrefix)],
  };
  return [freenom, dotcf];
}

function usageLines(demo: DemoUsage, prefix: string): string[] {
  const auth = `email=${encodeURIComponent(demo.email)}&password=${encodeURIComponent(demo.password)}`;
  return [
    `curl '${demo.baseUrl}${prefix}/service/ping'`,
    `curl '${demo.baseUrl}${prefix}/domain/list.xml?${auth}'`,
    `curl -X POST '${demo.baseUrl}${prefix}/domain/register' -d domainname=example.tk -d domaintype=FREE -d '${auth}'`,
  ];
}

export const FREENOM_DIALECTS: readonly DialectRegistration[] = freenomDialects();
