/** Runs a command by name; the one path shared by the CLI's direct mode and the operator API. */
import { isRegdError } from '../core/errors/index.ts';
import { DumpError } from '../store/dump/index.ts';
import type { Services } from '../runtime/services.ts';
import { CommandError, toJson, type CommandDefinition, type Options } from './command.ts';

export async function executeCommand(commands: ReadonlyMap<string, CommandDefinition>, services: Services, name: string, options: Options): Promise<unknown> {
  const command = commands.get(name);
  if (!command) throw new CommandError('UNKNOWN_COMMAND', `unknown command "${name}"`);
  return toJson(await command.run(services, options));
}

export interface CommandFailure {
  readonly code: string;
  readonly message: string;
  /** The core's error category, when a flow refused. */
  readonly category?: string;
}

/** The user-facing description of an expected error; undefined for a bug (which is logged, not shown). */
export function describeError(err: unknown): CommandFailure | undefined {
  if (isRegdError(err)) return { code: err.code, message: err.message, category: err.category };
  if (err instanceof CommandError || err instanceof DumpError) return { code: err.code, message: err.message };
  return undefined;
}
