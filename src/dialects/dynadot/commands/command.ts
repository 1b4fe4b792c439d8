/**
 * One Dynadot API3 command: the kit's command (src/dialects/kit) selected
 * by `command=<name>`, with its envelope (envelopes.ts), whether only
 * reseller accounts may call it, and what it answers (render.ts `Answer`).
 * `parse` reads the parameters (Params) and throws DynadotError on the
 * first problem; `run` calls the declared core flows; core errors become
 * the command's own error envelope through errors.ts (`errors` overrides
 * single codes for this command).
 */
import type { AccountLimits, AccountView } from '../../../core/index.ts';
import { defineCommand as defineKitCommand, type Command as KitCommand, type CommandSpec } from '../../kit/index.ts';
import { ENVELOPES, type Envelope } from '../envelopes.ts';
import type { WireError } from '../errors.ts';
import type { Params } from '../params.ts';
import type { Answer, Format } from '../render.ts';

export interface CommandEnv {
  /** The account the key belongs to. */
  readonly account: AccountView;
  /** What its level allows (names per search, concurrent requests, reseller commands). */
  readonly limits: AccountLimits;
  readonly format: Format;
  /** The request's one instant (the engine clock). */
  readonly now: Date;
  /** Requests of this key in progress, this one included (is_processing). */
  readonly inFlight: number;
  /** regd's own name servers, as its DNS publishes them (get_ns of a domain on Dynadot DNS). */
  readonly ownNameServers: readonly string[];
}

export interface Command extends KitCommand<Params, CommandEnv, Answer, WireError> {
  readonly envelope: Envelope;
  /** Only reseller accounts may call it (RESELLER ONLY in the document). */
  readonly resellerOnly: boolean;
}

export type CommandDefinition<I> = Omit<CommandSpec<Params, CommandEnv, I, Answer, WireError>, 'name'> & {
  readonly name: string;
  readonly resellerOnly?: boolean;
};

export function defineCommand<I>(spec: CommandDefinition<I>): Command {
  const envelope = ENVELOPES[spec.name];
  if (envelope === undefined) throw new Error(`dynadot: no envelope row for ${spec.name} (envelopes.ts)`);
  // Object.assign keeps the kit command's lazy `throws`.
  return Object.assign(defineKitCommand(spec), { envelope, resellerOnly: spec.resellerOnly ?? false });
}
