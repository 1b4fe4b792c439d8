/**
 * One WAPI command, a dialect-kit command (src/dialects/kit): its name,
 * whether it counts against the per-command hourly limit, how `data`
 * becomes engine input (first error only, as a WapiError with the
 * command's own code), the core flows it declares and calls through the
 * kit's caller (in one transaction, or each by itself with `transaction:
 * 'flow'`; `test` mode always runs everything and rolls back), and its own
 * WAPI answers for core codes (`errors`).
 *
 * The router (router.ts) owns transport, envelope parsing, auth, limits and
 * rendering; a command only ever sees parsed `data` and returns a code and
 * optional `data`. Keys of the returned data keep their insertion order on
 * the wire (JSON and XML).
 */
import type { AccountView, ErrorCode, PolicyBook } from '../../core/index.ts';
import { defineCommand as defineKitCommand, type AnyFlow, type Command as KitCommand, type FlowCaller, type TransactionMode } from '../kit/index.ts';

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
  /** The engine's TLD policies. */
  readonly policy: PolicyBook;
}

export interface WapiResult {
  /** 1000 OK, 1001 pending, 1002/1003 poll, … (see codes.ts). */
  readonly code: number;
  /** Overrides the standard result text of the code (rarely needed). */
  readonly result?: string;
  readonly data?: WireData;
}

/** What a command's work gets: its declared flows (the kit's FlowCaller) and the TLD policies (configuration, not the database). */
export interface WapiCall extends FlowCaller {
  readonly policy: PolicyBook;
}

/** A per-command wire answer for a core error code: a WAPI code, or a code and its text. */
export type WapiRefusal = number | readonly [number, string];
/** A command's own WAPI answers for core codes (its `errors`). */
export type RefusalTable = Readonly<Partial<Record<ErrorCode, WapiRefusal>>>;

export interface CommandSpec<I> {
  /** "domain-create". */
  readonly name: string;
  /** Counts against the 100/hour limit of domain-check, domain-create, domain-transfer-check, domain-transfer. */
  readonly limited?: boolean;
  /** The core flows `run` calls (through `call.run`). */
  readonly uses: readonly AnyFlow[];
  /** 'flow': each flow call commits by itself (read-only commands, one-flow commands); default: one transaction; or decided from the input. */
  readonly transaction?: TransactionMode | ((input: I) => TransactionMode);
  /** `data` → input; throws WapiError (2100 missing, 2101 invalid, or a command code) on the first problem. */
  parse(data: WapiData, env: CommandEnv): I;
  /** Calls flows through `call`. Engine errors (RegdError) that it does not answer itself go through `errors`, then errors.ts. */
  run(call: WapiCall, input: I, env: CommandEnv): Promise<WapiResult>;
  /** This command's own WAPI answers for core codes (its document's codes), before the dialect's table. */
  readonly errors?: RefusalTable;
  /** Codes `run` answers itself (catching them). */
  readonly recovers?: readonly ErrorCode[];
}

/** A WAPI command: the kit's command, plus whether it counts against the domain-request limit. */
export interface Command extends KitCommand<WapiData, CommandEnv, WapiResult, WapiRefusal> {
  readonly limited: boolean;
}

export function defineCommand<I>(spec: CommandSpec<I>): Command {
  const command = defineKitCommand<WapiData, CommandEnv, I, WapiResult, WapiRefusal>({
    ...spec,
    run: (call, input, env) => spec.run({ now: call.now, run: (flow, flowInput) => call.run(flow, flowInput), policy: env.policy }, input, env),
  });
  return Object.assign(command, { limited: spec.limited ?? false });
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
