/**
 * One WAPI command: its name, whether it counts against the per-command
 * hourly limit, how `data` becomes engine input (first error only, as a
 * WapiError with the command's own code), and the work it does inside the
 * one transaction the router opens (so a composite of engine flows commits
 * or rolls back as a whole; `test` mode runs it and rolls back).
 *
 * The router (router.ts) owns transport, envelope parsing, auth, limits and
 * rendering; a command only ever sees parsed `data` and returns a code and
 * optional `data`. Keys of the returned data keep their insertion order on
 * the wire (JSON and XML).
 */
import type { AccountView, FlowContext } from '../../core/index.ts';

/** The `data` element of the request envelope: absent or "" become {}. Values are as decoded (JSON types, or strings from XML). */
export type WapiData = Readonly<Record<string, unknown>>;

/** An ordered wire object for the response `data` (nested objects and arrays allowed; scalars rendered as given). */
export type WireData = Record<string, unknown>;

export interface CommandEnv {
  /** The authenticated account. */
  readonly account: AccountView;
  /** The request's one instant (the engine clock). */
  readonly now: Date;
  /** `test` was set: validate and run, then roll back (the router does the rollback). */
  readonly test: boolean;
  /** The client address (for commands that care). */
  readonly ip: string;
  /** This answer's server transaction id (set by the router; ping-async keeps it for its notification). */
  readonly svTRID?: string;
  /** The request's client transaction id, when it had one. */
  readonly clTRID?: string;
  /** regd's own name servers (a domain on them shows these in domain-info `dns`). */
  readonly ownNameServers: readonly string[];
}

export interface WapiResult {
  /** 1000 OK, 1001 pending, 1002/1003 poll, … (see codes.ts). */
  readonly code: number;
  /** Overrides the standard result text of the code (rarely needed). */
  readonly result?: string;
  readonly data?: WireData;
}

export interface CommandSpec<I> {
  /** "domain-create". */
  readonly name: string;
  /** Counts against the 100/hour limit of domain-check, domain-create, domain-transfer-check, domain-transfer. */
  readonly limited?: boolean;
  /** `data` → input; throws WapiError (2100 missing, 2101 invalid, or a command code) on the first problem. */
  parse(data: WapiData, env: CommandEnv): I;
  /** Runs inside the router's transaction. Engine errors (RegdError) that it does not catch are mapped by errors.ts. */
  run(ctx: FlowContext, input: I, env: CommandEnv): Promise<WapiResult>;
}

export interface PreparedCall {
  run(ctx: FlowContext): Promise<WapiResult>;
}

export interface Command {
  readonly name: string;
  readonly limited: boolean;
  prepare(data: WapiData, env: CommandEnv): PreparedCall;
}

export function defineCommand<I>(spec: CommandSpec<I>): Command {
  return {
    name: spec.name,
    limited: spec.limited ?? false,
    prepare(data, env) {
      const input = spec.parse(data, env);
      return { run: (ctx) => spec.run(ctx, input, env) };
    },
  };
}

/** A WAPI refusal: the numeric code (see codes.ts) and optionally a more precise result text. */
export class WapiError extends Error {
  constructor(
    readonly code: number,
    readonly result?: string,
  ) {
    super(result ?? `WAPI code ${code}`);
    this.name = 'WapiError';
  }
}
