/**
 * A CLI command is a plain handler `(services, options) → result` plus a
 * renderer for people. The same handlers run in the CLI process (direct
 * mode) and inside a server behind the operator API; results are JSON
 * values either way, so `--json` prints the same thing in both modes.
 */
import { readFileSync } from 'node:fs';
import type { Services } from '../runtime/services.ts';

/** Options as they arrive: parsed flags from commander, or a JSON body from the operator API. */
export type Options = Readonly<Record<string, unknown>>;

/** The JSON form of a value: dates become ISO strings, functions and undefined disappear. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends string | number | boolean | null
    ? T
    : T extends undefined | ((...args: never[]) => unknown)
      ? never
      : T extends readonly (infer U)[]
        ? Jsonify<U>[]
        : T extends object
          ? { [K in keyof T]: Jsonify<T[K]> }
          : never;

export function toJson<T>(value: T): Jsonify<T> {
  return (value === undefined ? null : JSON.parse(JSON.stringify(value))) as Jsonify<T>;
}

export interface CommandDefinition<R = unknown> {
  /** Words of the command line: "account create", "clock advance", "export". */
  readonly name: string;
  readonly run: (services: Services, options: Options) => Promise<R>;
  /** Human-readable output (what the CLI prints without --json). */
  readonly render: (result: R) => string;
}

/** Keeps each definition's result type checked while the registry holds them side by side. */
export function defineCommand<R>(def: CommandDefinition<R>): CommandDefinition {
  return def as unknown as CommandDefinition;
}

/** A command-level refusal that is not a flow error (unknown command, unreadable file…). */
export class CommandError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** A zone file's text for `dns import` (read by the CLI before the command runs, here or on a server). */
export function readZoneFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CommandError('FILE_UNREADABLE', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
