/**
 * One Freenom function: the kit's command (src/dialects/kit) with the path
 * and method it is routed by and whether it needs the caller's
 * credentials. The kit runs its flow calls in one transaction (a composite
 * of engine flows commits or rolls back as a whole) or, for `transaction:
 * 'flow'`, each by itself; `recover` answers the refusals the document
 * lists as ordinary results ("NOT AVAILABLE"), `errors` overrides the
 * dialect's message templates (errors.ts).
 */
import type { AccountView, RequestKey } from '../../../core/index.ts';
import { defineCommand as defineKitCommand, type Command as KitCommand, type CommandSpec } from '../../kit/index.ts';
import type { Params } from '../params.ts';
import type { WireObject } from '../render.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** The Freenom API itself, or its Dot CF edition (no forward_mode, no autorenew). */
export type Edition = 'freenom' | 'dotcf';
export const EDITIONS: readonly Edition[] = ['freenom', 'dotcf'];

/** none: public; optional: credentials used when given (domain/search); required: everything else. */
export type AuthMode = 'none' | 'optional' | 'required';

export interface CommandEnv {
  readonly edition: Edition;
  /** The authenticated caller; null for public calls. */
  readonly account: AccountView | null;
  /** The request's one instant (the engine clock). */
  readonly now: Date;
  /** A POST with credentials, for a command that claims its own idempotency (`Command.claimsRequest`): the key it hands its flow. */
  readonly request?: RequestKey;
}

/** "POST actions are idempotent for 30 seconds". */
export const IDEMPOTENCY_WINDOW_MS = 30_000;

/**
 * The function's parameter table as the document prints it (the support
 * parameters `method` and `test_mode` are accepted everywhere). A name
 * outside it is refused (router.ts); only the names marked Multiple take
 * repeated values and PHP's array forms.
 */
export interface ParamTable {
  readonly names: readonly string[];
  /** Multiple: Oui. */
  readonly multiple?: readonly string[];
  /** In the Freenom table, absent from the Dot CF one: the Dot CF edition ignores them (a Freenom client works unchanged). */
  readonly freenomOnly?: readonly string[];
}

export interface Command extends KitCommand<Params, CommandEnv, WireObject, string> {
  /** "domain/register". */
  readonly path: string;
  readonly method: Method;
  readonly auth: AuthMode;
  readonly params: ParamTable;
  /**
   * The command hands the POST idempotency key (env.request) to its one
   * flow, which claims it itself (registerDomain, in its registration
   * statement); the router then does not claim it around the command.
   */
  readonly claimsRequest?: boolean;
}

export function defineCommand<I>(
  spec: Omit<CommandSpec<Params, CommandEnv, I, WireObject, string>, 'name'> & Pick<Command, 'path' | 'method' | 'auth' | 'params' | 'claimsRequest'>,
): Command {
  // Object.assign keeps the kit command's lazy `throws`.
  return Object.assign(defineKitCommand({ ...spec, name: spec.path }), {
    path: spec.path, method: spec.method, auth: spec.auth, params: spec.params, ...(spec.claimsRequest ? { claimsRequest: true } : {}),
  });
}

/** The authenticated account (commands with auth 'required' always have one). */
export function accountOf(env: CommandEnv): AccountView {
  if (env.account === null) throw new Error('freenom: a command that needs credentials ran without them');
  return env.account;
}
