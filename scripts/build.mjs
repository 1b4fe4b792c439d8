#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ (tsconfig.build.json) and records the state of src/ it
// reflects (scripts/build-state.mjs), so bin/regd.js knows when dist/ is current. With --if-possible
// (npm's prepare), a failed build leaves no dist/ and exits 0.
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
writeFileSync(`${root}dist/.source-state`, state);
