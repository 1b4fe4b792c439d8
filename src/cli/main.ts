/**
 * CLI entry (bin/regd.js). Exit codes: 0 success, 1 a refused command
 * (message, or {"error": {"code", "message"}} with --json), 2 bad usage or
 * configuration (message, never a stack trace).
 */
import { closeSync, fchmodSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/index.ts';
import { CommandError, type Options } from '../ops/command.ts';
import type { DataDump } from '../store/dump/index.ts';
import { buildProgram } from './program.ts';

// The engine, the operator commands and the server are loaded when a command needs them, so that
// `--version`, `--help` and usage errors answer without loading the database or the HTTP stack.
const ops = () => import('../ops/index.ts');
const dispatchOf = async () => (await import('./dispatch.ts')).dispatch;

/**
 * Commands that may run long in the database (a whole data set, or the
 * lifecycle over every domain): they keep V8's optimizing WebAssembly tier.
 */
const LONG_COMMANDS: ReadonlySet<string> = new Set(['import', 'export', 'dns import', 'sweep', 'clock advance', 'clock set']);

/**
 * A short command runs the embedded database (PGlite, some 9 MB of
 * WebAssembly) for a fraction of a second. V8 would also compile that code
 * again with its optimizing tier, on background threads, which the command
 * does not live long enough to use: they compete for the CPU meanwhile, and
 * the process waits for them before it exits. A short command compiles it
 * once, with the baseline compiler (Liftoff) only. Set before the database
 * opens (the flag applies to modules compiled after it); a command talking
 * to a running server compiles no WebAssembly at all. Measured on an
 * existing data directory, `account list`: 1.58–1.88 s → 1.39–1.54 s.
 */
function baselineWebAssemblyOnly(command: string): void {
  if (!LONG_COMMANDS.has(command)) setFlagsFromString('--liftoff-only');
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
}

const defaultIo: CliIo = {
  env: process.env,
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let json = false;
  const config = (): Config => loadConfig({ argv, env: io.env });
  const print = (result: unknown, render: () => string) => io.out(json ? JSON.stringify(result, null, 2) : render());

  const program = buildProgram(
    {
      async command(name, options, asJson) {
        json = asJson;
        baselineWebAssemblyOnly(name);
        const result = await (await dispatchOf())(config(), name, options);
        const { COMMANDS } = await ops();
        print(result, () => COMMANDS.get(name)!.render(result));
      },
      async exportTo(file, asJson) {
        json = asJson;
        const { dumpSummary, formatDump } = await import('../ops/data.ts');
        const dump = (await (await dispatchOf())(config(), 'export', {})) as DataDump;
        if (file === undefined) return io.out(formatDump(dump));
        writePrivateFile(file, formatDump(dump) + '\n');
        const summary = { file, ...dumpSummary(dump) };
        print(summary, () => `Exported ${summary.rows} rows from ${summary.tables} tables to ${file} (mode 0600: it holds password hashes and secrets).`);
      },
      async importFrom(file, asJson) {
        json = asJson;
        const options: Options = { dump: readExport(file) };
        const result = await (await dispatchOf())(config(), 'import', options);
        const { COMMANDS } = await ops();
        print(result, () => COMMANDS.get('import')!.render(result));
      },
      async serve() {
        const { serve } = await import('./serve-command.ts');
        await serve(config(), io.out);
      },
    },
    version(),
    { writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) },
  );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, successfully.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const { PolicyFileError } = await import('../core/policy/index.ts');
    if (err instanceof ConfigError || err instanceof PolicyFileError) {
      io.err(`regd: ${err.message}`);
      return EXIT_USAGE;
    }
    const { describeError } = await ops();
    const failure = describeError(err);
    if (failure) {
      if (json) io.out(JSON.stringify({ error: { code: failure.code, message: failure.message } }, null, 2));
      else io.err(`regd: ${failure.message}`);
      return EXIT_REFUSED;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (json) io.out(JSON.stringify({ error: { code: 'INTERNAL', message } }, null, 2));
    else io.err(`regd: unexpected error: ${message}`);
    if (io.env.REGD_DEBUG) io.err(String((err as Error)?.stack ?? err));
    return EXIT_REFUSED;
  }
}

/**
 * Writes an export readable by its owner only: it holds password hashes, WAPI
 * secrets and the token-signing key. A new file is created with mode 0600; an
 * existing regular file is set to 0600 before anything is written into it.
 */
function writePrivateFile(file: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'w', 0o600);
  } catch (e) {
    throw new CommandError('CANNOT_WRITE_FILE', `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    // Not a device or pipe such as /dev/stdout: their modes are not the export's.
    if (fstatSync(fd).isFile()) {
      try {
        fchmodSync(fd, 0o600);
      } catch (e) {
        throw new CommandError('CANNOT_WRITE_FILE', `cannot make ${file} readable by its owner only (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written`);
      }
    }
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function readExport(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CommandError('CANNOT_READ_FILE', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CommandError('INVALID_EXPORT', `${file} is not JSON`);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
