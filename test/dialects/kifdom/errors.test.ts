/** The error table: every code a command's declared flows can throw has its own KifDom answer, no entry is stale, and the README agrees. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ErrorCode } from '../../../src/core/errors/index.ts';
import { knownErrorCodes } from '../../../src/core/errors/catalog.ts';
import { staleCodes, unmappedCodes } from '../../../src/dialects/kit/index.ts';
import { KIFDOM_ERROR_TABLE } from '../../../src/dialects/kifdom/errors.ts';
import { COMMANDS } from '../../../src/dialects/kifdom/index.ts';

const README = readFileSync(new URL('../../../src/dialects/kifdom/README.md', import.meta.url), 'utf8');
const commands = COMMANDS.map((c) => c.command);

function readmeTable(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const m of README.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)) rows.set(m[1]!, Number(m[2]));
  return rows;
}

describe('KifDom error table', () => {
  test('every code a command\'s flows can throw has its own KifDom answer', () => {
    assert.deepEqual(unmappedCodes(commands, KIFDOM_ERROR_TABLE), []);
  });

  test('no entry is stale, and each names a real core code', () => {
    assert.deepEqual(staleCodes(commands, KIFDOM_ERROR_TABLE), []);
    const known = knownErrorCodes();
    for (const code of Object.keys(KIFDOM_ERROR_TABLE.byCode)) assert.ok(known.has(code as ErrorCode), code);
  });

  test('every command declares the flows it calls', () => {
    for (const c of commands) assert.ok(c.uses.length > 0, c.name);
  });

  test('the README error table lists the same codes with the same statuses', () => {
    const table = readmeTable();
    assert.deepEqual([...table.keys()].sort(), Object.keys(KIFDOM_ERROR_TABLE.byCode).sort());
    for (const [code, rule] of Object.entries(KIFDOM_ERROR_TABLE.byCode)) assert.equal(table.get(code), rule.status, code);
  });

  test('route-specific messages override only codes the route can meet', () => {
    for (const c of commands) for (const code of Object.keys(c.errors)) assert.ok(c.throws.includes(code as ErrorCode), `${c.name}: ${code}`);
  });
});
