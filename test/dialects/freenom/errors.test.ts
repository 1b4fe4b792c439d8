/**
 * The Freenom error table is complete and documented: every code a flow
 * a Freenom function declares (`uses`) can throw has a message, no message
 * is for a code nothing throws, and the README's tables are the code's
 * tables.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as errors from '../../../src/core/errors/index.ts';
import { throwsOf } from '../../../src/core/index.ts';
import { authenticateByPassword } from '../../../src/core/flows/accounts/authenticate-account.ts';
import { CATEGORY_MESSAGES, ERROR_MESSAGES, ERROR_TABLE, messageOf, WireError } from '../../../src/dialects/freenom/errors.ts';
import { COMMANDS } from '../../../src/dialects/freenom/commands/index.ts';
import { staleCodes, unmappedCodes } from '../../../src/dialects/kit/index.ts';

/** Met before any command runs: the credentials of the auth hook. */
const LOGIN_CODES = throwsOf(authenticateByPassword);

const README = readFileSync(new URL('../../../src/dialects/freenom/README.md', import.meta.url), 'utf8');

/** `| \`KEY\` | text |` rows of the README. */
function readmeRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of README.matchAll(/^\| `([A-Za-z_]+)` \| (.*) \|$/gm)) rows.set(m[1]!, m[2]!.replace(/\\\|/g, '|'));
  return rows;
}

describe('Freenom error table', () => {
  test('every code the declared flows of the 22 functions can throw has a message of its own', () => {
    assert.equal(COMMANDS.length, 22);
    assert.deepEqual(unmappedCodes(COMMANDS, ERROR_TABLE, LOGIN_CODES), []);
  });

  test('no message is stale: each code is thrown by a flow a function declares, or by the login', () => {
    assert.deepEqual(staleCodes(COMMANDS, ERROR_TABLE, LOGIN_CODES), []);
  });

  test('the README tables are the code tables', () => {
    const rows = readmeRows();
    const expected = new Map<string, string>([...Object.entries(ERROR_MESSAGES), ...Object.entries(CATEGORY_MESSAGES)]);
    assert.deepEqual(Object.fromEntries(rows), Object.fromEntries(expected));
  });

  test('messages are filled from the error details, with Freenom parameter names', () => {
    assert.equal(messageOf(new errors.MissingParameter('first_name')), 'Missing parameter: contact_firstname');
    assert.equal(messageOf(new errors.ContactNotFound(7, 'registrant')), 'Contact 7 not found (owner_id)');
    assert.equal(messageOf(new errors.InvalidPeriod(14, [1, 2, 3])), 'Invalid value for period: 14M is not allowed (allowed: 1M, 2M, 3M)');
    assert.equal(messageOf(new errors.InvalidPeriod(132, [12, 24])), 'Invalid value for period: 11Y is not allowed (allowed: 1Y, 2Y)');
    assert.equal(messageOf(new errors.ConflictingParameters('nameserver', 'forward_url')), 'nameserver and forward_url are mutually exclusive');
    assert.equal(messageOf(new errors.InvalidCredentials()), 'Login credentials do not match any account');
    assert.equal(messageOf(new WireError('Function not found')), 'Function not found');
    assert.equal(messageOf(new Error('boom')), undefined, 'an unexpected error has no Freenom message');
  });

  test('a code outside the table falls back on its category', () => {
    assert.equal(messageOf(new errors.FolderNotFound(3)), 'Not found: Folder 3 not found in this account');
    assert.equal(messageOf(new errors.DnsRecordNotFound(9)), 'Not found: DNS record 9 not found');
  });
});
