/**
 * Where a compiled module that starts a thread or a process of its own (the
 * DNS worker, the answering processes) is, for the compiled module that
 * starts it: beside it in dist/, module per file; or, when the starter runs
 * from the CLI's bundle (dist/bundle/, one directory below dist/, which
 * bundles no such module), in dist/ under its path.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function compiledBeside(here: string, beside: string, fromBundle: string): URL {
  const next = new URL(beside, here);
  return existsSync(fileURLToPath(next)) ? next : new URL(fromBundle, here);
}
