/**
 * One Freenom function: its path and method, whether it needs the caller's
 * credentials, how the wire parameters become engine input, the flow it
 * runs (inside the one transaction the router opens, so a composite of
 * engine flows commits or rolls back as a whole), and the refusals the
 * document lists as ordinary results ("NOT AVAILABLE").
 */
import type { AccountView, FlowContext, RegdError } from '../../../core/index.ts';
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
}

export interface CommandSpec<I> {
  /** "domain/register". */
  readonly path: string;
  readonly method: Method;
  readonly auth: AuthMode;
  /** Wire parameters → input, in the order of the function's parameter table; throws the first error. */
  parse(params: Params, env: CommandEnv): I;
  run(ctx: FlowContext, input: I, env: CommandEnv): Promise<WireObject>;
  recover?(error: RegdError, input: I, env: CommandEnv): WireObject | undefined;
}

/** A parsed call, ready to run. */
export interface PreparedCall {
  run(ctx: FlowContext): Promise<WireObject>;
  recover(error: RegdError): WireObject | undefined;
}

export interface Command {
  readonly path: string;
  readonly method: Method;
  readonly auth: AuthMode;
  prepare(params: Params, env: CommandEnv): PreparedCall;
}

export function defineCommand<I>(spec: CommandSpec<I>): Command {
  return {
    path: spec.path,
    method: spec.method,
    auth: spec.auth,
    prepare(params, env) {
      const input = spec.parse(params, env);
      return {
        run: (ctx) => spec.run(ctx, input, env),
        recover: (error) => spec.recover?.(error, input, env),
      };
    },
  };
}

/** The authenticated account (commands with auth 'required' always have one). */
export function accountOf(env: CommandEnv): AccountView {
  if (env.account === null) throw new Error('freenom: a command that needs credentials ran without them');
  return env.account;
}
