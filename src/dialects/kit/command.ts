/**
 * One command definition for every dialect: its name on the wire, who may
 * call it, how the wire parameters become engine input, the core flows it
 * calls (declared, not guessed: the completeness test reads them, and a call
 * to an undeclared flow fails), the work, and the refusals it answers itself.
 *
 * A command never sees the database. It calls flows through a `FlowCaller`;
 * the kit runs the calls either all in one transaction (`transaction:
 * 'command'`, the default: a composite commits or rolls back as a whole, and
 * a dry run rolls everything back) or each by itself (`'flow'`: a command
 * whose calls need not commit together, so each flow takes its own fastest
 * path — read-only flows without BEGIN/COMMIT, registration in one
 * statement).
 */
import type { Actor, Engine, Flow, FlowContext, RegdError } from '../../core/index.ts';
import { isRegdError, throwsOf } from '../../core/index.ts';
import type { ErrorCode } from './error-table.ts';

/** Any flow, as commands declare them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFlow = Flow<any, any>;

/** What a command's work may do with the engine: call its declared flows, at the request's one instant. */
export interface FlowCaller {
  readonly now: Date;
  run<I, O>(flow: Flow<I, O>, input: I): Promise<O>;
}

export interface CommandSpec<Raw, Env, Input, Out, W = never> {
  /** The name the wire selects it by ("domain-create", "domain/register", "POST /domains"). */
  readonly name: string;
  /** The core flows `run` calls. */
  readonly uses: readonly AnyFlow[];
  /**
   * How the flow calls commit: together (default) or each by itself; or
   * decided per request from its input (a command whose usual request makes
   * one write, and only some requests several that must commit together).
   */
  readonly transaction?: TransactionMode | ((input: Input) => TransactionMode);
  /** Wire parameters → input; throws the dialect's own wire error on the first problem. */
  parse(raw: Raw, env: Env): Input;
  run(call: FlowCaller, input: Input, env: Env): Promise<Out>;
  /** Core errors this command answers itself as an ordinary result (e.g. "NOT AVAILABLE"); undefined: not handled. */
  recover?(error: RegdError, input: Input, env: Env): Out | undefined;
  /** Codes `recover` answers (for the completeness test). */
  readonly recovers?: readonly ErrorCode[];
  /** Codes whose wire error differs for this command from the dialect's table. */
  readonly errors?: Readonly<Partial<Record<ErrorCode, W>>>;
}

export type TransactionMode = 'command' | 'flow';

export interface PreparedCall<Out> {
  run(engine: Engine, options: CallOptions<Out>): Promise<Out>;
}

export interface CallOptions<Out> {
  readonly actor: Actor;
  readonly source: string;
  readonly now: Date;
  /** Run everything, then roll back (Freenom test_mode, WAPI test). */
  readonly dryRun?: boolean;
  /** The dialect's own flow calls around the command, in the same transaction (Freenom's idempotency claim); not checked against `uses`. */
  readonly around?: (call: FlowCaller, work: () => Promise<Out>) => Promise<Out>;
}

export interface Command<Raw, Env, Out, W = never> {
  readonly name: string;
  readonly uses: readonly AnyFlow[];
  /** Every code the command's flows can throw (read when first asked, so import order does not matter). */
  readonly throws: readonly ErrorCode[];
  readonly recovers: readonly ErrorCode[];
  readonly errors: Readonly<Partial<Record<ErrorCode, W>>>;
  prepare(raw: Raw, env: Env): PreparedCall<Out>;
}

export function defineCommand<Raw, Env, Input, Out, W = never>(spec: CommandSpec<Raw, Env, Input, Out, W>): Command<Raw, Env, Out, W> {
  const declared = new Set<AnyFlow>(spec.uses);
  let throws: readonly ErrorCode[] | undefined;
  const check = (flow: AnyFlow): void => {
    if (!declared.has(flow)) throw new Error(`${spec.name}: calls the flow ${flow.name || '(anonymous)'}, which it does not declare in \`uses\``);
  };
  return {
    name: spec.name,
    uses: spec.uses,
    get throws() {
      return (throws ??= [...new Set(spec.uses.flatMap((f) => throwsOf(f)))]);
    },
    recovers: spec.recovers ?? [],
    errors: spec.errors ?? {},
    prepare(raw, env) {
      const input = spec.parse(raw, env);
      const work = (call: FlowCaller) => spec.run(call, input, env);
      const mode = typeof spec.transaction === 'function' ? spec.transaction(input) : spec.transaction;
      return {
        async run(engine, options) {
          try {
            if (mode === 'flow' && !options.dryRun && options.around === undefined) {
              return await work({
                now: options.now,
                run: (flow, flowInput) => {
                  check(flow);
                  return engine.run(flow, flowInput, { actor: options.actor, source: options.source, now: options.now });
                },
              });
            }
            return await engine.run(
              (ctx: FlowContext) => {
                const call: FlowCaller = {
                  now: ctx.now,
                  run: (flow, flowInput) => {
                    check(flow);
                    return flow(ctx, flowInput);
                  },
                };
                if (options.around === undefined) return work(call);
                const free: FlowCaller = { now: ctx.now, run: (flow, flowInput) => flow(ctx, flowInput) };
                return options.around(free, () => work(call));
              },
              undefined,
              { actor: options.actor, source: options.source, now: options.now, ...(options.dryRun ? { dryRun: true } : {}) },
            );
          } catch (e) {
            const recovered = spec.recover !== undefined && isRegdError(e) ? spec.recover(e, input, env) : undefined;
            if (recovered === undefined) throw e;
            return recovered;
          }
        },
      };
    },
  };
}
