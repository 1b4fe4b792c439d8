#!/usr/bin/env node
// regd command line. Runs the compiled bundle (dist/bundle/, `npm run build`, done by `npm install`)
// while it is current with src/; otherwise (an edit, a pull without a build) the TypeScript sources
// through tsx.
import { existsSync, readFileSync } from 'node:fs';
import { sourceState } from '../scripts/build-state.mjs';

const root = new URL('..', import.meta.url).pathname;
let built = false;
try {
  built = readFileSync(`${root}dist/.source-state`, 'utf8') === sourceState(root) && existsSync(`${root}dist/bundle/main.js`);
} catch {
  // No build.
}
let main;
if (built) {
  ({ main } = await import('../dist/bundle/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
