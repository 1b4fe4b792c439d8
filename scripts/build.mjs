#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ (tsconfig.build.json), bundles the CLI from it into
// dist/bundle/ (below), and records the state of src/ it reflects (scripts/build-state.mjs), so
// bin/regd.js knows when dist/ is current. With --if-possible (npm's prepare), a failed build leaves
// no dist/ and exits 0.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sourceState } from './build-state.mjs';

const root = new URL('..', import.meta.url).pathname;
const state = sourceState(root);
rmSync(`${root}dist`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(`${root}dist`, { recursive: true, force: true });
  // `npm install` (prepare) goes on without a build: bin/regd.js then runs src/ through tsx.
  if (process.argv.includes('--if-possible')) {
    console.warn('regd: the build failed; bin/regd.js will run the TypeScript sources through tsx (slower start)');
    process.exit(0);
  }
  process.exit(r.status ?? 1);
}
// The CLI and `serve` start from one bundle (dist/bundle/main.js, its commands' code split into
// chunks it loads when a command needs them): Node then resolves, links and evaluates a few modules
// instead of some 1,500 (607 of regd's, 888 of its dependencies'), which took most of a command's
// start (measured: `account list` on an existing data directory 1.58 s → 1.06 s). dist/ keeps the
// module-per-file build: the DNS worker thread and answering processes start from it. Left to
// Node's own loading: PGlite (its WebAssembly and data files sit beside its modules), pino and
// thread-stream (their worker files too) and @fastify/swagger (reads its package.json beside it).
try {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { main: `${root}dist/cli/main.js` },
    outdir: `${root}dist/bundle`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pino', 'thread-stream', '@fastify/swagger'],
    // CommonJS dependencies call require() for Node's own modules.
    banner: { js: "import { createRequire as __regdCreateRequire } from 'node:module'; const require = __regdCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
} catch (e) {
  rmSync(`${root}dist`, { recursive: true, force: true });
  if (process.argv.includes('--if-possible')) {
    console.warn(`regd: the bundle failed (${e instanceof Error ? e.message : e}); bin/regd.js will run the TypeScript sources through tsx (slower start)`);
    process.exit(0);
  }
  throw e;
}
writeFileSync(`${root}dist/.source-state`, state);
