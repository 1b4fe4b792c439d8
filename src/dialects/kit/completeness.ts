/**
 * The completeness rule behind every dialect's error-table test: each code
 * a command's flows can throw has a wire answer of its own in that dialect
 * (the command answers it itself, overrides it, or the dialect's table
 * names it). A category fallback is for codes that do not exist yet, not
 * for known ones.
 */
import type { ErrorCode, ErrorTable } from './error-table.ts';

export interface CheckedCommand {
  readonly name: string;
  readonly throws: readonly ErrorCode[];
  readonly recovers: readonly ErrorCode[];
  readonly errors: Readonly<Partial<Record<ErrorCode, unknown>>>;
}

/** `command: CODE` for each code a command can meet without a wire answer of its own. */
export function unmappedCodes(commands: readonly CheckedCommand[], table: Pick<ErrorTable<unknown>, 'maps'>, handledByDialect: readonly ErrorCode[] = []): string[] {
  const handled = new Set(handledByDialect);
  const out: string[] = [];
  for (const c of commands) {
    for (const code of c.throws) {
      if (handled.has(code) || c.recovers.includes(code) || Object.prototype.hasOwnProperty.call(c.errors, code) || table.maps(code)) continue;
      out.push(`${c.name}: ${code}`);
    }
  }
  return out;
}

/** Codes a table names that no command of the dialect can meet (stale entries). */
export function staleCodes(commands: readonly CheckedCommand[], table: Pick<ErrorTable<unknown>, 'byCode'>, alsoMet: readonly ErrorCode[] = []): string[] {
  const met = new Set<string>([...alsoMet, ...commands.flatMap((c) => c.throws)]);
  return Object.keys(table.byCode).filter((code) => !met.has(code)).sort();
}
