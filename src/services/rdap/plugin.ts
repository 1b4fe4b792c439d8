/**
 * RDAP (RFC 7480, 9082, 9083) under /rdap/ on the HTTP server: a Fastify
 * plugin registered by buildApp, a publication service like the DNS and
 * WHOIS servers (it reads core's published registration data per request,
 * so a change through any dialect shows at once). Every answer is
 * `application/rdap+json` with `Access-Control-Allow-Origin: *`; errors are
 * RFC 9083 error objects: 400 for a malformed name or query, 404 for no
 * such object (also for a TLD regd does not operate), 429 over the per
 * address limit (with Retry-After), 501 for query types regd does not
 * support (ip, autnum, nameserver and entity searches, domain searches by
 * name server). Each domain returned is counted with recordWhoisLookup.
 * Its counter goes to the app's registry (`app.metricsRegistry`, GET /metrics).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import {
  InvalidDomainName, InvalidHostName, InvalidValue, SYSTEM, UnsupportedTld,
  lookupContactEntity, lookupNameServer, lookupRegistration, parseDomainName, recordWhoisLookup, searchRegistrations,
  type Engine, type OwnNameServer,
} from '../../core/index.ts';
import { AddressLimits } from '../whois/address-limits.ts';
import type { RegistrarIdentity } from '../whois/notices.ts';
import {
  RDAP_CONFORMANCE, RDAP_TYPE, contactEntityResponse, domainObject, domainResponse, errorResponse, helpResponse, nameServerResponse,
  notices, registrarResponse,
} from './objects.ts';
import type { JsonObject } from './jcard.ts';

export interface RdapOptions {
  readonly engine: Engine;
  readonly registrar: RegistrarIdentity;
  readonly ownNameServers: readonly OwnNameServer[];
  readonly requestsPerMinute: number;
  readonly searchLimit: number;
}

export const RDAP_TYPES = ['domain', 'nameserver', 'entity', 'help', 'domains', 'unsupported', 'invalid'] as const;
type RequestType = (typeof RDAP_TYPES)[number];

/** A refusal carried to the error handler: status, title, description. */
class RdapError extends Error {
  constructor(readonly status: number, readonly title: string, description: string) {
    super(description);
  }
}

export async function rdapPlugin(app: FastifyInstance, options: RdapOptions): Promise<void> {
  const { engine, registrar, ownNameServers } = options;
  const limits = new AddressLimits({ perMinute: options.requestsPerMinute });
  const requests = new Counter({
    name: 'regd_rdap_requests_total',
    help: 'RDAP requests answered, by query type and HTTP status.',
    labelNames: ['type', 'status'] as const,
    registers: [app.metricsRegistry],
  });
  const types = new WeakMap<FastifyRequest, RequestType>();
  const typeOf = (request: FastifyRequest, type: RequestType) => types.set(request, type);

  app.addHook('onRequest', async (request, reply) => {
    if (!limits.take(request.ip)) {
      typeOf(request, typeFromUrl(request.url));
      reply.header('Retry-After', String(limits.retryAfterSeconds()));
      return send(reply, 429, errorResponse(429, 'Too Many Requests', `At most ${options.requestsPerMinute} requests per minute are answered from one address.`));
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.inc({ type: types.get(request) ?? typeFromUrl(request.url), status: String(reply.statusCode) });
  });
  app.setErrorHandler((err, request, reply) => {
    if (err instanceof RdapError) return send(reply, err.status, errorResponse(err.status, err.title, err.message));
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return send(reply, 400, errorResponse(400, 'Bad Request', 'The request is not a valid RDAP query.'));
    request.log.error({ err }, 'rdap: request failed');
    return send(reply, 500, errorResponse(500, 'Internal Server Error', 'The query could not be answered; try again later.'));
  });
  app.setNotFoundHandler((request, reply) => {
    const type = typeFromUrl(request.url);
    typeOf(request, type);
    if (type === 'unsupported') return send(reply, 501, errorResponse(501, 'Not Implemented', 'This server answers domain, nameserver and entity lookups and domain searches by name only.'));
    return send(reply, 400, errorResponse(400, 'Bad Request', 'The path is not an RDAP query (see /rdap/help).'));
  });

  const run = () => ({ actor: SYSTEM, source: 'rdap', now: engine.clock.now() }) as const;
  const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}${app.prefix}`;

  // Wildcards, not `:name` parameters: a name may be 253 characters (more as a U-label), past the router's 100-character parameter limit.
  app.get<{ Params: { '*': string } }>('/domain/*', async (request, reply) => {
    typeOf(request, 'domain');
    const opts = run();
    const ascii = domainName(request.params['*'], engine);
    const record = await engine.run(lookupRegistration, { name: ascii, ownNameServers }, opts);
    if (!record) throw notFound(`No registration of ${ascii} is held here.`);
    await engine.run(recordWhoisLookup, { name: ascii }, opts);
    return send(reply, 200, domainResponse(record, registrar, baseOf(request), opts.now));
  });

  app.get<{ Params: { '*': string } }>('/nameserver/*', async (request, reply) => {
    typeOf(request, 'nameserver');
    const opts = run();
    let record;
    try {
      record = await engine.run(lookupNameServer, { name: request.params['*'], ownNameServers }, opts);
    } catch (e) {
      if (e instanceof InvalidHostName) throw badRequest(`Invalid name server name: ${e.details.reason}.`);
      throw e;
    }
    if (!record) throw notFound('No such name server is known here.');
    return send(reply, 200, nameServerResponse(record, registrar, baseOf(request), opts.now));
  });

  app.get<{ Params: { '*': string } }>('/entity/*', async (request, reply) => {
    typeOf(request, 'entity');
    const opts = run();
    const handle = request.params['*'];
    if (handle === String(registrar.ianaId)) return send(reply, 200, registrarResponse(registrar, baseOf(request), opts.now));
    const record = await engine.run(lookupContactEntity, { handle }, opts);
    if (!record) throw notFound('No such entity is published here.');
    return send(reply, 200, contactEntityResponse(record, registrar, baseOf(request), opts.now));
  });

  app.get('/help', async (request, reply) => {
    typeOf(request, 'help');
    return send(reply, 200, helpResponse(registrar, baseOf(request), options.searchLimit));
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/domains', async (request, reply) => {
    typeOf(request, 'domains');
    const q = request.query;
    if (q.nsLdhName !== undefined || q.nsIp !== undefined) {
      throw new RdapError(501, 'Not Implemented', 'Domain searches by name server are not supported; search by name.');
    }
    const pattern = q.name;
    if (typeof pattern !== 'string') throw badRequest('A search needs one "name" parameter, e.g. domains?name=exam*.com.');
    const opts = run();
    let found;
    try {
      found = await engine.run(searchRegistrations, { pattern, limit: options.searchLimit }, opts);
    } catch (e) {
      if (e instanceof InvalidValue) throw badRequest(`Invalid search pattern: ${e.details.reason}.`);
      throw e;
    }
    const base = baseOf(request);
    const results: JsonObject[] = [];
    for (const name of found.names) {
      const record = await engine.run(lookupRegistration, { name, ownNameServers }, opts);
      if (!record) continue;
      await engine.run(recordWhoisLookup, { name }, opts);
      const { object, redacted: r } = domainObject(record, registrar, base, opts.now);
      results.push(r.length > 0 ? { ...object, redacted: r } : object);
    }
    const truncation = found.truncated
      ? [{ title: 'Search Policy', type: 'result set truncated due to excessive load', description: [`At most ${options.searchLimit} domains are returned; narrow the pattern.`] }]
      : [];
    return send(reply, 200, {
      rdapConformance: [...RDAP_CONFORMANCE],
      domainSearchResults: results,
      notices: notices(registrar, base, truncation),
    });
  });
}

/**
 * A request the router refused before any route saw it (a path that is not
 * valid percent-encoding, a parameter too long): the server's
 * `frameworkErrors` hands those under /rdap/ here, for an RFC 9083 error.
 */
export function sendRdapFrameworkError(reply: FastifyReply, status: number): FastifyReply {
  return send(reply, 400, errorResponse(400, 'Bad Request', status === 414 ? 'The path is too long to be an RDAP query.' : 'The path is not valid percent-encoding.'));
}

/** JSON is UTF-8 (RFC 8259): sent as bytes, so the media type goes out as `application/rdap+json` without a charset parameter. */
function send(reply: FastifyReply, status: number, body: JsonObject): FastifyReply {
  return reply.code(status).header('Access-Control-Allow-Origin', '*').header('content-type', RDAP_TYPE).send(Buffer.from(JSON.stringify(body), 'utf8'));
}

/** A domain name from the path (A-label or U-label), or a 400/404 refusal. */
function domainName(raw: string, engine: Engine): string {
  try {
    return parseDomainName(raw, engine.policy, 'name').ascii;
  } catch (e) {
    if (e instanceof UnsupportedTld) throw notFound(`.${e.details.tld} is not operated here.`);
    if (e instanceof InvalidDomainName) throw badRequest(`Invalid domain name: ${e.details.reason}.`);
    throw e;
  }
}

function notFound(description: string): RdapError {
  return new RdapError(404, 'Not Found', description);
}

function badRequest(description: string): RdapError {
  return new RdapError(400, 'Bad Request', description);
}

/** The query type a path asks for, for metrics and the not-found handler. */
function typeFromUrl(url: string): RequestType {
  const path = url.split('?')[0]!.replace(/^\/rdap\/?/, '/').replace(/^\/+/, '');
  const first = path.split('/')[0] ?? '';
  if (first === 'domain' || first === 'nameserver' || first === 'entity' || first === 'help' || first === 'domains') return first;
  if (['ip', 'autnum', 'nameservers', 'entities'].includes(first)) return 'unsupported';
  return 'invalid';
}
