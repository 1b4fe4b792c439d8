/**
 * The WAPI error table is complete for the commands as they are declared:
 * every code a command's flows can throw has a WAPI answer of its own (the
 * command's `errors`, a code it answers itself, the table, or a code WAPI
 * answers by category on purpose), the table names no code no command can
 * meet, and the README's table says what errors.ts says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { staleCodes, unmappedCodes } from '../../../src/dialects/kit/index.ts';
import { ALL_COMMANDS } from '../../../src/dialects/wedos/commands/index.ts';
import { ANSWERED_BY_CATEGORY, AUTH_CODES, WAPI_ERRORS } from '../../../src/dialects/wedos/errors.ts';

test('success: every code a command can meet has a WAPI answer of its own', () => {
  assert.deepEqual(unmappedCodes(ALL_COMMANDS, WAPI_ERRORS, ANSWERED_BY_CATEGORY), []);
});

test('success: the table names no code that no command can meet', () => {
  assert.deepEqual(staleCodes(ALL_COMMANDS, WAPI_ERRORS, AUTH_CODES), []);
});

test('success: the README lists each engine code with the WAPI code of errors.ts', () => {
  const readme = readFileSync(new URL('../../../src/dialects/wedos/README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('Engine errors a command does not answer itself'), readme.indexOf('and otherwise by category'));
  const rows = [...section.matchAll(/^\| ([A-Z_]+) \| (\d{4})\b/gm)].map((m) => [m[1], Number(m[2])]);
  assert.deepEqual(Object.fromEntries(rows), WAPI_ERRORS.byCode);
});
