/**
 * From an HTTP request to a Dynadot answer: `GET` or `POST` at
 * `/api3.xml`, `/api3.json`, and the "CSV" paths `/api3.html`, `/api3.csv`.
 * Parameters come from the query and a form or multipart body; `key`
 * selects the account, `command` the command. Then: the account level's
 * concurrent allowance (in-flight.ts), reseller-only commands, parameters
 * (the command's parser), the command's flows run by the kit in one
 * transaction, and the answer in the requested format. Every answer is
 * HTTP 200 (an unexpected failure: 500), as the real service does.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateByApiKey, isRegdError, limitsFor, accountActor, SYSTEM, type Engine } from '../../core/index.ts';
import { classifyTransportError } from '../kit/index.ts';
import type { Command, CommandEnv } from './commands/command.ts';
import { DynadotError, RequestError, wireErrorOf } from './errors.ts';
import type { InFlight } from './in-flight.ts';
import { MAX_BODY_BYTES, Params } from './params.ts';
import { CONTENT_TYPES, render, renderRequestError, type Format } from './render.ts';

export interface RouterState {
  readonly engine: Engine;
  readonly commands: ReadonlyMap<string, Command>;
  readonly inFlight: InFlight;
  /** regd's own name servers (what get_ns shows for a domain on Dynadot DNS). */
  readonly ownNameServers: readonly string[];
}

export const FORMATS: Readonly<Record<string, Format>> = { xml: 'xml', json: 'json', html: 'csv', csv: 'csv' };

/** Commands that neither take a slot nor are refused for lack of one (is_processing must be askable while a request runs). */
const SLOTLESS = new Set(['is_processing']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The key whose in-flight slot this request holds (released when the response closes). */
    dynadotSlot: string | null;
  }
}

/**
 * onRequest: a request whose query names its key and command takes its
 * slot now, before its body arrives (a request is in progress from its
 * first byte); one that sends them in the body takes it in `handle`.
 */
export function takeSlotEarly(state: RouterState, request: FastifyRequest, reply: FastifyReply): void {
  const q = request.query as Record<string, unknown> | undefined;
  const key = firstString(q?.key);
  const command = firstString(q?.command);
  if (key === undefined || key === '' || command === undefined || SLOTLESS.has(command)) return;
  takeSlot(state, request, reply, key);
}

function takeSlot(state: RouterState, request: FastifyRequest, reply: FastifyReply, key: string): void {
  if (request.dynadotSlot !== null) return;
  state.inFlight.enter(key);
  request.dynadotSlot = key;
  reply.raw.once('close', () => state.inFlight.leave(key));
}

export async function handle(state: RouterState, request: FastifyRequest, reply: FastifyReply, format: Format): Promise<FastifyReply> {
  const params = Params.from(request.query, request.body);
  const key = params.one('key');
  if (key === undefined || key === '') throw new RequestError('missing key param');
  const name = params.one('command');
  if (name === undefined || name === '') throw new RequestError('missing command param');
  const command = state.commands.get(name);
  if (!SLOTLESS.has(name)) takeSlot(state, request, reply, key);
  const now = state.engine.clock.now();
  const account = await state.engine.run(authenticateByApiKey, { key }, { actor: SYSTEM, now }).catch((e: unknown) => {
    if (isRegdError(e) && (e.code === 'INVALID_CREDENTIALS' || e.code === 'ACCOUNT_NOT_FOUND')) throw new RequestError('invalid key');
    if (isRegdError(e) && e.code === 'ACCOUNT_SUSPENDED') throw new RequestError('your account is locked');
    throw e;
  });
  if (command === undefined) throw new RequestError(`invalid command: ${name.slice(0, 100)}`);
  if (format === 'csv' && command.envelope.csv !== true) throw new RequestError(`the ${name} command is only available in XML and JSON`);
  const limits = limitsFor(account.level);
  const inFlight = state.inFlight.count(key);
  if (!SLOTLESS.has(name) && inFlight > limits.maxConcurrentRequests) {
    throw new RequestError(
      limits.maxConcurrentRequests === 1
        ? 'only one request can be processed at a time, please wait for your current request to finish before sending another'
        : `only ${limits.maxConcurrentRequests} requests can be processed at a time, please wait for your current requests to finish before sending another`,
    );
  }
  request.dynadotCommand = command;
  if (command.resellerOnly && !limits.resellerOnly) throw new DynadotError('this command is only available to reseller accounts');
  const env: CommandEnv = { account, limits, format, now, inFlight, ownNameServers: state.ownNameServers };
  let answer;
  try {
    const prepared = command.prepare(params, env);
    // A parameter the command did not read is one it does not understand: refused, never ignored.
    const unknown = params.unread(['key', 'command']);
    if (unknown.length > 0) throw new DynadotError(`unknown parameter ${unknown[0]!.slice(0, 100)} for the ${command.name} command`);
    answer = await prepared.run(state.engine, { actor: accountActor(account.id), source: 'dynadot', now });
  } catch (e) {
    if (isRegdError(e)) throw wireErrorOf(e, command.errors);
    throw e;
  }
  return send(reply, format, render(command.envelope, answer, format));
}

declare module 'fastify' {
  interface FastifyRequest {
    dynadotCommand: Command | null;
  }
}

/** Any error of a Dynadot route: the command's envelope, the generic one, or (a bug) a logged 500. */
export function sendError(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const format = formatOf(request);
  const command = request.dynadotCommand;
  if (err instanceof DynadotError && command !== null) {
    return send(reply, format, render(command.envelope, { code: err.code, status: err.status, ...(err.status === 'error' ? { error: err.message } : {}) }, format));
  }
  if (isRegdError(err) && command !== null) {
    const w = wireErrorOf(err, command.errors);
    return send(reply, format, render(command.envelope, { code: w.code, status: w.status, ...(w.status === 'error' ? { error: w.message } : {}) }, format));
  }
  if (err instanceof RequestError || err instanceof DynadotError) return send(reply, format, renderRequestError(err.message, format));
  const transport = classifyTransportError(err);
  if (transport !== undefined) {
    const text = transport.kind === 'body-too-large' ? `the request body is larger than ${MAX_BODY_BYTES} bytes` : 'malformed request';
    return send(reply, format, renderRequestError(text, format));
  }
  request.log.error({ err }, 'dynadot: request failed');
  return send(reply.code(500), format, renderRequestError('system_busy', format));
}

function send(reply: FastifyReply, format: Format, body: string): FastifyReply {
  if (reply.statusCode < 400) reply.code(200);
  return reply.header('content-type', CONTENT_TYPES[format]).header('cache-control', 'no-store').send(body);
}

export function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return FORMATS[ext] ?? 'json';
}

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0].trim();
  return undefined;
}
