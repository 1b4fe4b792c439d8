import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha1Hex, wapiHashMatcher } from './auth-hash.ts';

const SECRET = sha1Hex('wapi-password-1');

test('success: auth = sha1(login + sha1(password) + HH) for an accepted hour, case and surrounding spaces ignored', () => {
  const auth = sha1Hex('user@example.test' + SECRET + '07');
  assert.equal(wapiHashMatcher('user@example.test', auth, ['07'])(SECRET), true);
  assert.equal(wapiHashMatcher(' user@example.test ', ` ${auth.toUpperCase()} `, ['06', '07'])(SECRET), true);
});

test('failure: another hour, another secret, another login, a truncated hash', () => {
  const auth = sha1Hex('user@example.test' + SECRET + '07');
  assert.equal(wapiHashMatcher('user@example.test', auth, ['08'])(SECRET), false);
  assert.equal(wapiHashMatcher('user@example.test', auth, ['07'])(sha1Hex('other')), false);
  assert.equal(wapiHashMatcher('other@example.test', auth, ['07'])(SECRET), false);
  assert.equal(wapiHashMatcher('user@example.test', auth.slice(0, 39), ['07'])(SECRET), false);
  assert.equal(wapiHashMatcher('user@example.test', '', ['07'])(SECRET), false);
});
