/**
 * The Dynadot error table is complete: every code a flow a served command
 * declares (`uses`) can throw has a wire answer of its own (the table, the
 * command's `errors` override, or its `recover`), and the table names no
 * code that nothing served can meet, except the ones met before any
 * command runs (the API key's authentication).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateByApiKey, throwsOf } from '../../../src/core/index.ts';
import { COMMANDS } from '../../../src/dialects/dynadot/commands/index.ts';
import { ERROR_TABLE, wireErrorOf } from '../../../src/dialects/dynadot/errors.ts';
import { staleCodes, unmappedCodes } from '../../../src/dialects/kit/index.ts';
import * as errors from '../../../src/core/errors/index.ts';
import { FLOW_MODULES } from '../../../src/core/flows/catalog.ts';

/** Met by the router before any command: the key's account (README "Transport"). */
const KEY_CODES = throwsOf(authenticateByApiKey);

describe('Dynadot error table', () => {
  test('every code the declared flows of the served commands can throw has an answer of its own', () => {
    assert.ok(COMMANDS.length > 1);
    assert.deepEqual(unmappedCodes(COMMANDS, ERROR_TABLE, KEY_CODES), []);
  });

  test('stale entries: codes the table names that no served command meets (listed, not failed, while commands are still to come)', (t) => {
    const stale = staleCodes(COMMANDS, ERROR_TABLE, KEY_CODES);
    t.diagnostic(`table codes no served command meets yet (${stale.length}): ${stale.join(', ') || 'none'}`);
    // A stale entry waits for a command still to come: it must be a code some core flow can throw (no typo, no dead code).
    const thrown = new Set(Object.values(FLOW_MODULES).flatMap((m) => [...m.throws]));
    assert.deepEqual(stale.filter((code) => !thrown.has(code as never)), []);
  });

  test('the documented texts and codes', () => {
    const text = (e: Parameters<typeof wireErrorOf>[0]) => wireErrorOf(e).message;
    assert.equal(text(new errors.DomainNotFound('x.com')), 'could not find domain in your account');
    assert.equal(text(new errors.OrderNotFound('7')), 'could not find order in your account');
    const na = wireErrorOf(new errors.DomainNotAvailable('x.com'));
    assert.deepEqual([na.code, na.status], [1, 'not_available']);
  });
});
