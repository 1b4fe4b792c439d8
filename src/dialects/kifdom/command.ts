/**
 * How a KifDom command is declared: method and URL, who may call it, which
 * meta block its 400s carry, its request schemas (validator, handler type
 * and OpenAPI source at once), its documented responses, and the handler.
 */
import type { FastifyReply } from 'fastify';
import type { ErrorCode, Flow } from '../../core/index.ts';
import { accountActor, getAccount, type Engine } from '../../core/index.ts';
import type { FromSchema } from './schema-types.ts';
import type { TokenClaims, TokenService } from './tokens.ts';
import { summaryOf, type AccountSummary } from './render.ts';
import type { OwnDns } from './name-servers.ts';

/** none: anyone (login); auth: the auth endpoints (401 "Unauthenticated."); resource: the rest (401 "Token not provided"). */
export type AuthMode = 'none' | 'auth' | 'resource';

/**
 * The meta block of this endpoint's 400s, as its documented example shows
 * it: `numeric` ({"on-hold":20,"total-domains":14,"credits-balance":1350,
 * "error":true}), `string` (the success form, "error": false), or `none`
 * (login: no account is known yet).
 */
export type ErrorMeta = 'none' | 'numeric' | 'string';

export interface RouteSpec {
  readonly auth: AuthMode;
  readonly errorMeta: ErrorMeta;
  /** Core parameter names → this endpoint's names (e.g. domain → domain_name). */
  readonly paramNames: Readonly<Record<string, string>>;
  /** Core error code → this endpoint's own documented message (e.g. name-servers update). */
  readonly messages: { readonly [C in ErrorCode]?: string };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    kifdom?: RouteSpec;
  }
  interface FastifyRequest {
    kifdom: KifdomRequest | null;
  }
}

/** What a handler works with: the request's one `now`, the caller, and a flow runner acting as the caller. */
export class KifdomRequest {
  readonly now: Date;
  readonly engine: Engine;
  readonly tokens: TokenService;
  /** regd's own name servers and delegation TTL, as its DNS publishes them. */
  readonly dns: OwnDns;
  claims: TokenClaims | undefined;

  constructor(engine: Engine, tokens: TokenService, dns: OwnDns, now: Date) {
    this.engine = engine;
    this.tokens = tokens;
    this.dns = dns;
    this.now = now;
  }

  get accountId(): number {
    if (this.claims === undefined) throw new Error('KifDom: no authenticated account on this request');
    return this.claims.accountId;
  }

  /** Runs a flow (or a composition of flows, in one transaction) as the authenticated account. */
  run<I, O>(flow: Flow<I, O>, input: I): Promise<O> {
    return this.engine.run(flow, input, { actor: accountActor(this.accountId), source: 'kifdom', now: this.now });
  }

  async summary(): Promise<AccountSummary> {
    return summaryOf(await this.run(getAccount, {}));
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CommandDefinition<BS, PS> {
  readonly method: Method;
  /** Relative to the dialect prefix, Fastify syntax (`/domains/:domain_name`). */
  readonly url: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description: string;
  readonly auth: AuthMode;
  readonly errorMeta: ErrorMeta;
  readonly paramNames?: Readonly<Record<string, string>>;
  readonly messages?: { readonly [C in ErrorCode]?: string };
  readonly body?: BS;
  readonly params?: PS;
  /** Documented responses by HTTP status. */
  readonly response: Readonly<Record<number, object>>;
  handle(input: { readonly body: FromSchema<BS>; readonly params: FromSchema<PS>; readonly k: KifdomRequest }, reply: FastifyReply): Promise<unknown>;
}

export interface Command {
  readonly method: Method;
  readonly url: string;
  readonly spec: RouteSpec;
  readonly schema: Record<string, unknown>;
  handle(body: unknown, params: unknown, k: KifdomRequest, reply: FastifyReply): Promise<unknown>;
}

export function defineCommand<const BS = undefined, const PS = undefined>(def: CommandDefinition<BS, PS>): Command {
  const schema: Record<string, unknown> = {
    operationId: def.operationId,
    tags: [def.tag],
    summary: def.summary,
    description: def.description,
    ...(def.auth === 'none' ? {} : { security: [{ bearerAuth: [] }] }),
    ...(def.body !== undefined ? { body: def.body } : {}),
    ...(def.params !== undefined ? { params: def.params } : {}),
    response: def.response,
  };
  return {
    method: def.method,
    url: def.url,
    spec: { auth: def.auth, errorMeta: def.errorMeta, paramNames: def.paramNames ?? {}, messages: def.messages ?? {} },
    schema,
    handle: (body, params, k, reply) => def.handle({ body: body as FromSchema<BS>, params: params as FromSchema<PS>, k }, reply),
  };
}
