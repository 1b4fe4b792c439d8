/**
 * KifDom API v1, served under /api/v1: an encapsulated Fastify plugin that
 * owns its whole wire surface (JSON parser, strict validation, auth hook,
 * error and not-found handlers, OpenAPI document and HTML docs). Commands
 * are one file each in commands/; core flows do the work.
 */
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { accountActor, SYSTEM } from '../../core/index.ts';
import { renderJson, type WireTree } from '../kit/index.ts';
import type { DemoUsage, DialectRegistration } from '../registration.ts';
import { authHook } from './auth.ts';
import type { Command } from './command.ts';
import { registerDocs, OPENAPI_OPTIONS } from './docs.ts';
import { BODY_LIMIT_BYTES, handleKifdomError, handleKifdomNotFound, KifdomBadRequest } from './failures.ts';
import { TokenService } from './tokens.ts';
import { createValidator } from './validation.ts';
import { authLogin } from './commands/auth-login.ts';
import { authRefresh } from './commands/auth-refresh.ts';
import { authMe } from './commands/auth-me.ts';
import { authLogout } from './commands/auth-logout.ts';
import { domainsList } from './commands/domains-list.ts';
import { domainsCreate } from './commands/domains-create.ts';
import { domainsShow } from './commands/domains-show.ts';
import { domainsUpdate } from './commands/domains-update.ts';
import { nameServersShow } from './commands/name-servers-show.ts';
import { nameServersUpdate } from './commands/name-servers-update.ts';
import { dnsZonesCreate } from './commands/dns-zones-create.ts';
import { dnsZonesShow } from './commands/dns-zones-show.ts';
import { dnsZonesUpdate } from './commands/dns-zones-update.ts';
import { dnsZonesDelete } from './commands/dns-zones-delete.ts';
import { preordersList } from './commands/preorders-list.ts';
import { preordersCreate } from './commands/preorders-create.ts';

/** One per operation of the KifDom document, in its order. */
export const COMMANDS: readonly Command[] = [
  authLogin, authRefresh, authMe, authLogout,
  domainsList, domainsCreate, domainsShow, domainsUpdate,
  nameServersShow, nameServersUpdate,
  dnsZonesCreate, dnsZonesShow, dnsZonesUpdate, dnsZonesDelete,
  preordersList, preordersCreate,
];

export const kifdomPlugin: FastifyPluginAsync = async (app: FastifyInstance) => {
  const engine = app.regd.engine;
  const tokens = new TokenService(engine);
  const ajv = createValidator();
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  // Response schemas document the API; the bodies are written exactly as built, by the kit.
  app.setSerializerCompiler(() => (data) => renderJson(data as WireTree));
  app.setReplySerializer((data) => renderJson(data as WireTree));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, text, done) => {
    // The documented calls send Content-Type: application/json with no body (refresh, me, logout).
    if (String(text).trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(String(text)));
    } catch {
      done(new KifdomBadRequest('The request body is not valid JSON.'), undefined);
    }
  });
  app.decorateRequest('kifdom', null);
  app.setErrorHandler(handleKifdomError);
  app.setNotFoundHandler(handleKifdomNotFound);
  app.addHook('onRequest', authHook(engine, tokens, app.regd.config.dns.options));
  // No body is an empty one: "The `name` parameter is required." rather than a type error.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.body === undefined) request.body = {};
  });
  await app.register(swagger, OPENAPI_OPTIONS);

  for (const c of COMMANDS) {
    app.route({
      method: c.method,
      url: c.url,
      schema: c.schema,
      config: { kifdom: c.spec },
      handler: (request) => {
        const k = request.kifdom!;
        const actor = k.claims === undefined ? SYSTEM : accountActor(k.claims.accountId);
        return c.command.prepare({ body: request.body, params: request.params }, k).run(engine, { actor, source: 'kifdom', now: k.now });
      },
    });
  }
  registerDocs(app);
};

export const kifdom: DialectRegistration = {
  name: 'kifdom',
  prefix: '/api/v1',
  plugin: kifdomPlugin,
  usage(demo: DemoUsage) {
    return [
      `KifDom API v1: ${demo.baseUrl}/api/v1 (docs: ${demo.baseUrl}/api/v1/docs)`,
      `  curl -s -X POST ${demo.baseUrl}/api/v1/auth/login -H 'Content-Type: application/json' -d '{"email":"${demo.email}","password":"${demo.password}"}'`,
      `  curl -s ${demo.baseUrl}/api/v1/domains -H 'Authorization: Bearer {access_token}'`,
    ];
  },
};
