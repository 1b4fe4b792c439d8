/**
 * The Dynadot API3 dialect (https://api.dynadot.com/api3.xml|json): one
 * encapsulated plugin at the root prefix serving `/api3.xml`, `/api3.json`
 * and the "CSV" paths `/api3.html`, `/api3.csv`. Inside its scope it owns
 * the wire: body parsers (form, multipart; anything else is refused in the
 * generic envelope), the error handler, the per-key in-flight counts. See
 * README.md.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { DemoUsage, DialectRegistration } from '../registration.ts';
import { COMMANDS } from './commands/index.ts';
import { RequestError } from './errors.ts';
import { InFlight } from './in-flight.ts';
import { MAX_BODY_BYTES } from './params.ts';
import { FORMATS, handle, sendError, takeSlotEarly, type RouterState } from './router.ts';

export const dynadotPlugin: FastifyPluginAsync = async (app: FastifyInstance) => {
  const state: RouterState = {
    engine: app.regd.engine,
    commands: new Map(COMMANDS.map((c) => [c.name, c])),
    inFlight: new InFlight(),
    ownNameServers: app.regd.config.dns.options.nameServers,
  };
  app.decorateRequest('dynadotSlot', null);
  app.decorateRequest('dynadotCommand', null);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
    parseBody(body as Buffer, request.headers['content-type'] ?? '').then((v) => done(null, v), (e: Error) => done(e));
  });
  app.setErrorHandler((err, request, reply) => sendError(request, reply, err));
  for (const ext of Object.keys(FORMATS)) {
    app.route({
      method: ['GET', 'POST'],
      url: `/api3.${ext}`,
      bodyLimit: MAX_BODY_BYTES,
      onRequest: (request, reply, done) => {
        takeSlotEarly(state, request, reply);
        done();
      },
      handler: (request, reply) => handle(state, request, reply, FORMATS[ext]!),
    });
  }
};

/** A form or multipart body; an empty body of any type is no parameters. */
async function parseBody(body: Buffer, contentType: string): Promise<unknown> {
  if (body.length === 0) return undefined;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || type === '' || type === 'text/plain') {
    const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) (out[k] ??= []).push(v);
    return out;
  }
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new RequestError('malformed multipart body');
    }
    const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const [k, v] of form) {
      if (typeof v !== 'string') throw new RequestError(`parameter ${k} must be a text value, not a file`);
      (out[k] ??= []).push(v);
    }
    return out;
  }
  throw new RequestError('unsupported request body: send parameters in the query string or as a form');
}

export const dynadotDialect: DialectRegistration = {
  name: 'dynadot',
  prefix: '',
  plugin: dynadotPlugin,
  usage: (demo: DemoUsage) => [`curl '${demo.baseUrl}/api3.json?key=${encodeURIComponent(demo.apiKey)}&command=account_info'`],
};
