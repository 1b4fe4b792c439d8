/**
 * The sealed core's lint rules (eslint.config.js), checked through ESLint
 * itself with the project's own configuration: each forbidden import or
 * database access is reported, and the allowed ones are not.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

/** The messages ESLint reports for `code` as if it were the file at `filePath` (relative to the repository). */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the sealed core (lint)', () => {
  test('core imports nothing above it', async () => {
    assert.deepEqual(await problems('src/core/flows/domains/x.ts', "export { dispatch } from '../../../cli/dispatch.ts';\n"), [
      'regd/layer-boundaries: src/core must not import from src/cli: the core depends on nothing above it',
    ]);
    for (const layer of ['dialects', 'server', 'ops', 'services', 'runtime', 'jobs']) {
      assert.deepEqual(await problems('src/core/x.ts', `export * from '../${layer}/index.ts';\n`), [
        `regd/layer-boundaries: src/core must not import from src/${layer}: the core depends on nothing above it`,
      ], layer);
    }
    // core/dns is core's own folder, not services/dns.
    assert.deepEqual(await problems('src/core/flows/dns/x.ts', "export { parseZoneFile } from '../../dns/zone-file.ts';\n"), []);
  });

  test('dialects reach the store only through core, types included', async () => {
    assert.deepEqual(await problems('src/dialects/wedos/x.ts', "import type { Db } from '../../store/index.ts';\nexport type D = Db;\n"), [
      "regd/layer-boundaries: src/dialects must not import from src/store: only core reaches the database (use core flows and core's re-exported types)",
    ]);
    assert.deepEqual(await problems('src/dialects/wedos/x.ts', "export type { FlowContext } from '../../core/index.ts';\n"), []);
  });

  test('the server does not import the CLI, and the operator commands import neither', async () => {
    assert.deepEqual(await problems('src/server/ops/x.ts', "export { COMMANDS } from '../../cli/main.ts';\n"), [
      'regd/layer-boundaries: src/server must not import from src/cli: that would make an import loop between layers',
    ]);
    assert.deepEqual(await problems('src/ops/x.ts', "export { startServer } from '../server/index.ts';\n"), [
      'regd/layer-boundaries: src/ops must not import from src/server: that would make an import loop between layers',
    ]);
    assert.deepEqual(await problems('src/server/ops/x.ts', "export { COMMANDS } from '../../ops/index.ts';\n"), []);
    assert.deepEqual(await problems('src/cli/x.ts', "export { startServer } from '../server/index.ts';\n"), []);
  });

  test('dialects, CLI and server never touch a Kysely handle', async () => {
    const message = 'no-restricted-syntax: Nothing above core touches the database: call a core flow (or a store function for schema, dumps and connections).';
    for (const file of ['src/dialects/kifdom/x.ts', 'src/cli/x.ts', 'src/server/x.ts']) {
      assert.deepEqual(await problems(file, 'export const f = (ctx: { db: unknown }) => ctx.db;\n'), [message], file);
      assert.deepEqual(await problems(file, 'export const f = ({ db }: { db: unknown }) => db;\n'), [message], file);
    }
    assert.deepEqual(await problems('src/core/x.ts', 'export const f = (ctx: { db: unknown }) => ctx.db;\n'), []);
  });
});
