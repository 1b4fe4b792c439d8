/**
 * From an HTTP request to a Freenom response. Each function is a route at
 * `/<group>/<function>` and `/<group>/<function>.xml` accepting every
 * method; the function's documented method, or the `method` parameter
 * overriding the HTTP one, must match. Then: credentials (the auth hook),
 * parameters (the command's parser, first error only), the command's flows
 * run by the kit — rolled back under test_mode=1, guarded by the 30-second
 * idempotency for POST (core's claimRequest/storeResponse, in the command's
 * transaction) — and the response in JSON or XML.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  accountActor, claimRequest, storeResponse, SYSTEM, type AccountView, type Engine, type RequestKey,
} from '../../core/index.ts';
import { classifyTransportError, type FlowCaller, type TransportErrorKind } from '../kit/index.ts';
import { COMMANDS } from './commands/index.ts';
import { IDEMPOTENCY_WINDOW_MS, METHODS, type Command, type CommandEnv, type Edition, type Method } from './commands/command.ts';
import { messageOf, WireError } from './errors.ts';
import { MAX_BODY_BYTES, parseForm, parseMultipart, Params } from './params.ts';
import { CONTENT_TYPES, errorPayload, serialize, type Format, type WireObject } from './render.ts';

export interface RouterOptions {
  /** The edition this mount serves by default. */
  readonly edition: Edition;
  /** Host names (lower case, no port) whose requests this mount serves as the Dot CF edition. */
  readonly dotcfHosts: ReadonlySet<string>;
}

/** What the auth hook leaves for the handler. */
interface CallState {
  readonly command: Command;
  readonly params: Params;
  readonly method: Method;
  readonly env: CommandEnv;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    freenomCommand?: Command;
  }
  interface FastifyRequest {
    freenomCall: CallState | null;
  }
}

export function registerRoutes(app: FastifyInstance, options: RouterOptions): void {
  app.decorateRequest('freenomCall', null);
  app.addHook('preHandler', async (request) => {
    const command = request.routeOptions.config.freenomCommand;
    if (command === undefined) return;
    request.freenomCall = await prepareCall(app.regd.engine, request, command, options);
  });
  for (const command of COMMANDS) {
    for (const url of [`/${command.path}`, `/${command.path}.xml`]) {
      app.route({
        method: [...METHODS],
        url,
        bodyLimit: MAX_BODY_BYTES,
        config: { freenomCommand: command },
        handler: (request, reply) => handleCall(app.regd.engine, request, reply),
      });
    }
  }
}

/** The auth hook: parameters (query + any body), method check, edition, credentials. */
async function prepareCall(engine: Engine, request: FastifyRequest, command: Command, options: RouterOptions): Promise<CallState> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? await readBodylessMethodBody(request) : request.body;
  const params = Params.from(request.query, body);
  const method = effectiveMethod(params, request.method);
  if (method !== command.method) throw new WireError(`Function not found: ${command.path} is called with method ${command.method}`);
  const edition = editionOf(request, options);
  const now = engine.clock.now();
  let account: AccountView | null = null;
  if (command.auth === 'required' || (command.auth === 'optional' && (params.has('email') || params.has('password')))) {
    const email = params.required('email');
    const password = params.required('password');
    // Limited per e-mail and per client address (the app's LoginGuard): over a limit, LOGIN_LOCKED whatever the password.
    account = await request.server.loginGuard.passwordLogin(engine, { email, password, ip: request.ip, now, source: sourceOf(edition) });
  }
  verifyParamNames(command, params, edition);
  return { command, params, method, env: { edition, account, now } };
}

/** Accepted by every function besides its table (the document's "support parameters"). */
const SUPPORT_PARAMS: ReadonlySet<string> = new Set(['method', 'test_mode']);

/**
 * Every parameter given (with a value) must be in the function's table: a
 * misspelt or misplaced one would otherwise be dropped while the call
 * succeeds. PHP's array forms (name[]=, name[0]=) only for the parameters
 * the table marks Multiple. The Dot CF edition ignores the Freenom-only ones.
 */
function verifyParamNames(command: Command, params: Params, edition: Edition): void {
  const table = command.params;
  for (const name of params.names()) {
    if (SUPPORT_PARAMS.has(name)) continue;
    if (!table.names.includes(name)) throw new WireError(`Invalid data: unknown parameter ${name}`);
    if (edition === 'dotcf' && table.freenomOnly?.includes(name)) continue;
    if (params.givenAsArray(name) && !table.multiple?.includes(name)) {
      throw new WireError(`Invalid data: parameter ${name} takes one value, not an array`);
    }
  }
}

async function handleCall(engine: Engine, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { command, params, method, env: callEnv } = request.freenomCall!;
  const dryRun = testModeOf(params);
  const key: RequestKey | undefined = method === 'POST' && callEnv.account !== null
    ? { accountId: callEnv.account.id, fn: `${callEnv.edition}:${command.path}`, paramsHash: params.actionHash() }
    : undefined;
  // A command that claims its key itself gets it in its env; the others are claimed around the command.
  const env = key && command.claimsRequest ? { ...callEnv, request: key } : callEnv;
  const prepared = command.prepare(params, env);
  const payload = await prepared.run(engine, {
    actor: env.account ? accountActor(env.account.id) : SYSTEM,
    source: sourceOf(env.edition),
    now: env.now,
    dryRun,
    ...(key && !command.claimsRequest ? { around: (call: FlowCaller, work: () => Promise<WireObject>) => idempotent(call, key, work) } : {}),
  });
  return send(reply, formatOf(request), payload);
}

/**
 * "POST actions are idempotent for 30 seconds": the same action (account,
 * edition and function, parameters without credentials or method override;
 * see Params.actionHash) repeated within 30 seconds of the first success
 * answers the first response again without acting.
 */
async function idempotent(call: FlowCaller, key: RequestKey, work: () => Promise<WireObject>): Promise<WireObject> {
  const claim = await call.run(claimRequest, { ...key, windowMs: IDEMPOTENCY_WINDOW_MS });
  if (!claim.claimed) return claim.response as WireObject;
  const response = await work();
  await call.run(storeResponse, { ...key, response });
  return response;
}


/** The Freenom error envelope for anything a Freenom route or parser throws; unexpected failures are logged. */
export function sendError(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const message = messageOf(err, request.freenomCall?.command.errors) ?? transportMessage(err);
  if (message === undefined) {
    request.log.error({ err }, 'freenom: request failed');
    return send(reply.code(500), formatOf(request), errorPayload('Internal error'));
  }
  return send(reply, formatOf(request), errorPayload(message));
}

/** Every Freenom answer, error or not, is HTTP 200: the status element says which (see README). */
function send(reply: FastifyReply, format: Format, payload: WireObject): FastifyReply {
  if (reply.statusCode < 400) reply.code(200);
  return reply.header('content-type', CONTENT_TYPES[format]).header('cache-control', 'no-store').send(serialize(payload, format));
}

/** Fastify's own 4xx (body too large, unsupported or malformed body), sorted by the kit, in Freenom words. */
const TRANSPORT_MESSAGES: Readonly<Record<TransportErrorKind, string>> = {
  'body-too-large': `Invalid data: the request body is larger than ${MAX_BODY_BYTES} bytes`,
  'unsupported-body': 'Invalid data: unsupported request body',
  'malformed-json': 'Invalid data: malformed JSON body',
  'malformed-request': 'Invalid data: malformed request',
};

function transportMessage(err: unknown): string | undefined {
  const kind = classifyTransportError(err)?.kind;
  return kind === undefined ? undefined : TRANSPORT_MESSAGES[kind];
}

export function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

function effectiveMethod(params: Params, httpMethod: string): Method {
  const override = params.one('method');
  if (override === undefined) return httpMethod === 'HEAD' ? 'GET' : (httpMethod as Method);
  const m = override.trim().toUpperCase();
  if (!(METHODS as readonly string[]).includes(m)) throw new WireError('Invalid value for method: get, post, put or delete is required');
  return m as Method;
}

function testModeOf(params: Params): boolean {
  const v = params.one('test_mode');
  if (v === undefined || v === '0') return false;
  if (v === '1') return true;
  throw new WireError('Invalid value for test_mode: 1 (or 0) is required');
}

function editionOf(request: FastifyRequest, options: RouterOptions): Edition {
  if (options.edition === 'dotcf') return 'dotcf';
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return options.dotcfHosts.has(host) ? 'dotcf' : 'freenom';
}

function sourceOf(edition: Edition): string {
  return edition === 'dotcf' ? 'freenom-dotcf' : 'freenom';
}

/**
 * Fastify does not read bodies of GET (and HEAD) requests; Freenom clients
 * send them anyway. Read here, with the same limit and parsers.
 */
async function readBodylessMethodBody(request: FastifyRequest): Promise<unknown> {
  const length = request.headers['content-length'];
  if ((length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new WireError(`Invalid data: the request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return parseBody(Buffer.concat(chunks), request.headers['content-type'] ?? '');
}

/** A body by its content type: form, multipart or JSON; an empty body of any type is no parameters. */
export async function parseBody(body: Buffer, contentType: string): Promise<unknown> {
  if (body.length === 0) return undefined;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return parseForm(body.toString('utf8'));
  if (type === 'multipart/form-data') return parseMultipart(body, contentType);
  if (type === 'application/json') {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw new WireError('Invalid data: malformed JSON body');
    }
  }
  throw new WireError('Invalid data: unsupported request body');
}
