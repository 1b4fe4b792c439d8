/**
 * A KifDom command: the Fastify route as declarative data (method, URL, who
 * may call it, the meta block of its 400s, request schemas that are at once
 * validator, handler type and OpenAPI source, documented responses) next to
 * a dialect-kit command (the flows it calls and its work). The plugin runs
 * the kit command for the route and renders what it answers.
 */
import type { ErrorCode } from '../../core/index.ts';
import { accountActor, getAccount, type Engine } from '../../core/index.ts';
import { defineCommand as defineKitCommand, type AnyFlow, type Command as KitCommand, type FlowCaller } from '../kit/index.ts';
import type { LoginGuard } from '../login-guard.ts';
import { bad, type WireErrorRule } from './errors.ts';
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
  /** `messages` as the kit command's overrides of the error table. */
  readonly errors?: Readonly<Partial<Record<ErrorCode, WireErrorRule>>>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    kifdom?: RouteSpec;
  }
  interface FastifyRequest {
    kifdom: KifdomRequest | null;
  }
}

/** A command's environment: the request's one `now`, the caller, the token service, regd's own DNS and the login guard. */
export class KifdomRequest {
  claims: TokenClaims | undefined;

  constructor(
    readonly engine: Engine,
    readonly tokens: TokenService,
    /** regd's own name servers and delegation TTL, as its DNS publishes them. */
    readonly dns: OwnDns,
    readonly now: Date,
    /** The client address and the failed-login limits (login). */
    readonly ip: string,
    readonly loginGuard: LoginGuard,
  ) {}

  get accountId(): number {
    if (this.claims === undefined) throw new Error('KifDom: no authenticated account on this request');
    return this.claims.accountId;
  }

  /** The account's summary for the meta block of an error answer (outside any command). */
  async summary(): Promise<AccountSummary> {
    return summaryOf(await this.engine.run(getAccount, {}, { actor: accountActor(this.accountId), source: 'kifdom', now: this.now }));
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the route hands the kit command. */
export interface KifdomRaw {
  readonly body: unknown;
  readonly params: unknown;
}

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
  /** The core flows `run` calls, and whether they commit together or each by itself (the default: KifDom commands need no dry run, and reads and one-flow writes take their fastest path). */
  readonly uses: readonly AnyFlow[];
  readonly transaction?: 'command' | 'flow';
  /** The 200 body. */
  run(call: FlowCaller, input: { readonly body: FromSchema<BS>; readonly params: FromSchema<PS> }, k: KifdomRequest): Promise<object>;
}

export interface Command {
  readonly method: Method;
  readonly url: string;
  readonly spec: RouteSpec;
  readonly schema: Record<string, unknown>;
  readonly command: KitCommand<KifdomRaw, KifdomRequest, object, WireErrorRule>;
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
  const messages = def.messages ?? {};
  const errors = Object.fromEntries(Object.entries(messages).map(([code, text]) => [code, bad(() => text)])) as RouteSpec['errors'] & object;
  return {
    method: def.method,
    url: def.url,
    spec: { auth: def.auth, errorMeta: def.errorMeta, paramNames: def.paramNames ?? {}, messages, errors },
    schema,
    command: defineKitCommand({
      name: `${def.method} ${def.url}`,
      uses: def.uses,
      transaction: def.transaction ?? 'flow',
      // The route's schemas have validated both (strict Ajv, see validation.ts).
      parse: (raw: KifdomRaw) => ({ body: raw.body as FromSchema<BS>, params: raw.params as FromSchema<PS> }),
      run: (call, input, k: KifdomRequest) => def.run(call, input, k),
      errors,
    }),
  };
}
