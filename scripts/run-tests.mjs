#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's own test runner (tsx
// loads TypeScript). Extra arguments narrow the set: `npm run test:unit -- ledger`.
// Each file runs in its own process; the PostgreSQL suite is enabled when
// DATABASE_URL is set (see test/support/backends.ts).
//
// `--shared` (`npm test`, `npm run test:core`): the core's files (src/core/)
// run in two processes instead of one each, every process importing its
// share of them one after the other. Loading TypeScript and warming PGlite
// up is then paid twice, not once per file: the core tier's CPU time fell
// from 363 s to 136 s (510 tests). Only for suites that keep no state
// between files (each core test file opens its own store and engine); wire
// tests, which start servers and processes, keep one process a file.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const shared = process.argv.includes('--shared');
const filters = process.argv.slice(2).filter((a) => a !== '--shared');
const CONCURRENCY = 2;

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (entry.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

const files = ['src', 'test']
  .flatMap((d) => walk(join(root, d)))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

/**
 * Splits the files into `count` entry files that import them in turn,
 * balanced by source size (a rough measure of a file's tests), largest
 * first into the lightest share.
 */
function shareEntries(files, count) {
  const dir = join(root, 'node_modules', '.cache', 'regd-test-shares', String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const shares = Array.from({ length: count }, () => ({ weight: 0, files: [] }));
  const sized = files.map((f) => ({ f, size: statSync(join(root, f)).size })).sort((a, b) => b.size - a.size);
  for (const { f, size } of sized) {
    const lightest = shares.reduce((a, b) => (b.weight < a.weight ? b : a));
    lightest.weight += size;
    lightest.files.push(f);
  }
  const entries = shares
    .filter((s) => s.files.length > 0)
    .map((s, i) => {
      const entry = join(dir, `share-${i + 1}.test.mjs`);
      const lines = s.files.sort().map((f) => `import ${JSON.stringify(pathToFileURL(join(root, f)).href)};`);
      writeFileSync(entry, `// ${s.files.length} test files in one process (scripts/run-tests.mjs --shared)\n${lines.join('\n')}\n`);
      return entry;
    });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return entries;
}

const isCore = (f) => f.startsWith('src/core/');
const targets = shared
  ? [...shareEntries(files.filter(isCore), CONCURRENCY), ...files.filter((f) => !isCore(f))]
  : files;
// A share holds many files: its limit is the whole run's, not one file's.
const timeout = shared && files.some(isCore) ? 900_000 : 300_000;
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${CONCURRENCY}`, `--test-timeout=${timeout}`, ...targets];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
