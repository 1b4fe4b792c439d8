/**
 * From an HTTP request to a WAPI answer. Every step that refuses answers
 * with its WAPI code, in the format of the path, with HTTP 200 and nothing
 * changed:
 *
 *   envelope (2009 empty, 2000 malformed) → user 2001, auth 2002,
 *   command 2003 → address blocked 2052 → auth hash 2050 (a failure counts
 *   towards the block) → address allowlist 2051 → command known 2010 →
 *   hourly limits 2006 / 2252 → data (the command's parser) → one engine
 *   transaction (rolled back under `test`).
 *
 * Engine errors a command does not answer itself are mapped by errors.ts;
 * anything else is logged and answered 5000.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import {
  accountActor, addressInNetworks, authenticateWapiLogin, DEFAULT_LOGIN_LOCKOUT, getWapiIpAllowlist, isRegdError, LoginLocked, SYSTEM,
  type AccountView, type Engine, type LoginLockout,
} from '../../core/index.ts';
import type { WedosConfig } from '../../config/index.ts';
import { classifyTransportError } from '../kit/index.ts';
import { WapiError, type Command, type CommandEnv, type WapiResult } from './command.ts';
import { resultText } from './codes.ts';
import { checkEnvelope, clTRIDEcho, commandEcho, parseEnvelopeDocument, requestText } from './envelope.ts';
import { asWapiError, toWapiError } from './errors.ts';
import { AuthFailureBlocker, RequestLimiter } from './limits.ts';
import { acceptedHours } from './prague.ts';
import { wapiHashMatcher } from './auth-hash.ts';
import { CONTENT_TYPES, newSvTRID, serialize, unixSeconds, type Format } from './render.ts';

export const SOURCE = 'wedos';

export interface RouterState {
  readonly engine: Engine;
  readonly config: WedosConfig;
  readonly commands: ReadonlyMap<string, Command>;
  readonly limiter: RequestLimiter;
  readonly blocker: AuthFailureBlocker;
  /** regd's own name servers, as its DNS publishes them (`dns.nameServers`). */
  readonly ownNameServers: readonly string[];
  /** Failed logins per login name (`logins.perAccount`), counted apart from the account password's. */
  readonly accountLockout: LoginLockout;
}

export function newRouterState(
  engine: Engine, config: WedosConfig, commands: ReadonlyMap<string, Command>, ownNameServers: readonly string[], accountLockout: LoginLockout = DEFAULT_LOGIN_LOCKOUT,
): RouterState {
  return { engine, config, commands, limiter: new RequestLimiter(config), blocker: new AuthFailureBlocker(config.failedAuthBlock), ownNameServers, accountLockout };
}

/** What one request knows so far, for the answer. */
interface Call {
  readonly now: Date;
  readonly svTRID: string;
  command: string;
  clTRID?: string;
}

export async function handleWapi(state: RouterState, request: FastifyRequest, reply: FastifyReply, format: Format): Promise<FastifyReply> {
  const now = state.engine.clock.now();
  const call: Call = { now, svTRID: newSvTRID(now), command: '' };
  let result: WapiResult;
  try {
    result = await answer(state, request, call);
  } catch (e) {
    const refusal = asWapiError(e);
    if (refusal === undefined) {
      request.log.error({ err: e, command: call.command }, 'wapi: command failed');
      result = { code: 5000 };
    } else {
      result = { code: refusal.code, ...(refusal.result !== undefined ? { result: refusal.result } : {}) };
    }
  }
  return sendResult(reply, format, call, result);
}

async function answer(state: RouterState, request: FastifyRequest, call: Call): Promise<WapiResult> {
  const text = requestText(request.body, request.query);
  if (text === undefined) throw new WapiError(2009);
  const doc = parseEnvelopeDocument(text);
  call.command = commandEcho(doc);
  const clTRID = clTRIDEcho(doc);
  if (clTRID !== undefined) call.clTRID = clTRID;
  const env = checkEnvelope(doc);

  const ip = request.ip;
  if (state.blocker.isBlocked(ip, call.now)) throw new WapiError(2052);
  const account = await authenticate(state, env.user, env.auth, ip, call.now, request.log);
  const networks = await state.engine.run(getWapiIpAllowlist, {}, { actor: accountActor(account.id), source: SOURCE, now: call.now });
  if (networks.length > 0 && !addressInNetworks(ip, networks)) throw new WapiError(2051);

  const command = state.commands.get(env.command.toLowerCase());
  if (!command) throw new WapiError(2010);
  const verdict = state.limiter.take(account.id, command.limited, call.now);
  if (verdict === 'requests') throw new WapiError(2006);
  if (verdict === 'limited') throw new WapiError(2252);

  const commandEnv: CommandEnv = {
    account, now: call.now, test: env.test, ip, svTRID: call.svTRID, ...(env.clTRID !== undefined ? { clTRID: env.clTRID } : {}),
    ownNameServers: state.ownNameServers, policy: state.engine.policy,
  };
  try {
    return await command.prepare(env.data, commandEnv).run(state.engine, { actor: accountActor(account.id), source: SOURCE, now: call.now, dryRun: env.test });
  } catch (e) {
    throw isRegdError(e) ? toWapiError(e, command.errors) : e;
  }
}

/**
 * The auth hash against the accepted Prague hours. A login with the previous
 * hour's hash (`dialects.wedos.previousHour`, off by default: the real WAPI
 * refuses it) is logged as a warning naming the account, every time, so a
 * client hashing the wrong hour is noticed before it meets the real service.
 */
async function authenticate(state: RouterState, login: string, auth: string, ip: string, now: Date, log: FastifyBaseLogger): Promise<AccountView> {
  try {
    const hours = acceptedHours(now, state.config.previousHour);
    let matched = -1;
    const verify = wapiHashMatcher(login, auth, hours, (index) => { matched = index; });
    const account = await state.engine.run(authenticateWapiLogin, { login, verify, presented: auth, lockout: state.accountLockout }, { actor: SYSTEM, source: SOURCE, now });
    if (matched > 0) {
      log.warn({ accountId: account.id, login: account.email, hour: hours[matched], currentHour: hours[0] },
        `wapi: account ${account.email} (id ${account.id}) authenticated with the previous Prague hour's hash (${hours[matched]}, now ${hours[0]}); the real WAPI refuses it`);
    }
    return account;
  } catch (e) {
    if (isRegdError(e) && e.code === 'INVALID_CREDENTIALS') {
      state.blocker.fail(ip, now);
      throw new WapiError(2050);
    }
    if (e instanceof LoginLocked) {
      state.blocker.fail(ip, now);
      throw new WapiError(2050, `${resultText(2050)}: too many failed attempts for this login, try again in ${e.details.retryAfterSeconds} seconds`);
    }
    if (isRegdError(e) && e.code === 'ACCOUNT_SUSPENDED') throw new WapiError(2050, `${resultText(2050)}: the account is suspended`);
    throw e;
  }
}

function sendResult(reply: FastifyReply, format: Format, call: Call, result: WapiResult, status = 200): FastifyReply {
  const body = serialize({
    code: result.code,
    result: result.result ?? resultText(result.code),
    timestamp: unixSeconds(call.now),
    ...(call.clTRID !== undefined ? { clTRID: call.clTRID } : {}),
    svTRID: call.svTRID,
    command: call.command,
    ...(result.data !== undefined ? { data: result.data } : {}),
  }, format);
  return reply.code(status).header('content-type', CONTENT_TYPES[format]).header('cache-control', 'no-store').send(body);
}

/** A transport-level refusal (body too large, unreadable multipart…) as a WAPI answer (HTTP 200, or `status` for paths that are not WAPI's). */
export function sendTransportError(state: Pick<RouterState, 'engine'>, request: FastifyRequest, reply: FastifyReply, err: unknown, status = 200): FastifyReply {
  const now = state.engine.clock.now();
  const call: Call = { now, svTRID: newSvTRID(now), command: '' };
  if (err instanceof WapiError) return sendResult(reply, formatOf(request), call, { code: err.code, ...(err.result !== undefined ? { result: err.result } : {}) }, status);
  const transport = classifyTransportError(err);
  if (transport === undefined) request.log.error({ err }, 'wapi: request failed');
  const code = transport === undefined ? 5000 : transport.kind === 'body-too-large' ? 2007 : 2000;
  return sendResult(reply, formatOf(request), call, { code }, status);
}

export function formatOf(request: FastifyRequest): Format {
  const path = (request.url.split('?')[0] ?? '').replace(/\/+$/, '');
  return path.endsWith('/xml') ? 'xml' : 'json';
}
