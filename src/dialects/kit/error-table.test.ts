import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainNotFound, DomainNotAvailable, InsufficientFunds } from '../../core/index.ts';
import { defineErrorTable } from './error-table.ts';
import { staleCodes, unmappedCodes } from './completeness.ts';

const CATEGORIES = {
  NotFound: 'nf', AlreadyExists: 'ae', StatusProhibits: 'sp', PolicyViolation: 'pv',
  InvalidParameter: 'ip', NotAuthorized: 'na', InsufficientFunds: 'if', LimitExceeded: 'le',
} as const;

test('success: override first, then the code, then the category', () => {
  const table = defineErrorTable<string>({ DOMAIN_NOT_FOUND: 'no such domain' }, CATEGORIES);
  assert.equal(table.lookup(new DomainNotFound('a.com')), 'no such domain');
  assert.equal(table.lookup(new DomainNotFound('a.com'), { DOMAIN_NOT_FOUND: 'own text' }), 'own text');
  assert.equal(table.lookup(new DomainNotAvailable('a.com')), 'ae');
  assert.equal(table.maps('DOMAIN_NOT_FOUND'), true);
  assert.equal(table.maps('DOMAIN_NOT_AVAILABLE'), false);
  assert.equal(table.lookup(new InsufficientFunds('EUR', 1, 2)), 'if');
});

test('success: completeness names each command code without its own answer, and stale entries', () => {
  const table = defineErrorTable<string>({ DOMAIN_NOT_FOUND: 'x', HOST_NOT_FOUND: 'y' }, CATEGORIES);
  const commands = [
    { name: 'a', throws: ['DOMAIN_NOT_FOUND', 'INSUFFICIENT_FUNDS'], recovers: [], errors: {} },
    { name: 'b', throws: ['DOMAIN_NOT_AVAILABLE', 'INVALID_VALUE'], recovers: ['DOMAIN_NOT_AVAILABLE'], errors: { INVALID_VALUE: 'z' } },
  ] as const;
  assert.deepEqual(unmappedCodes(commands, table), ['a: INSUFFICIENT_FUNDS']);
  assert.deepEqual(unmappedCodes(commands, table, ['INSUFFICIENT_FUNDS']), []);
  assert.deepEqual(staleCodes(commands, table), ['HOST_NOT_FOUND']);
});
