import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR, type FlowContext } from '../../context.ts';
import { AccountLevelRequired, AccountNotFound, AccountSuspended, InvalidValue } from '../../errors/index.ts';
import { limitsFor, requireLevel } from './account-limits.ts';
import { setAccountLevel } from './set-account-level.ts';
import { setAccountStatus } from './set-account-status.ts';
import type { AccountLevel } from './profile-input.ts';

describe('limitsFor', () => {
  test('success: the documented table, level by level', () => {
    assert.deepEqual(
      (['regular', 'bulk', 'super_bulk', 'reseller'] as const).map((level) => [level, limitsFor(level)]),
      [
        ['regular', { maxNamesPerSearch: 1, maxConcurrentRequests: 1, resellerOnly: false }],
        ['bulk', { maxNamesPerSearch: 100, maxConcurrentRequests: 5, resellerOnly: false }],
        ['super_bulk', { maxNamesPerSearch: 100, maxConcurrentRequests: 25, resellerOnly: false }],
        ['reseller', { maxNamesPerSearch: 100, maxConcurrentRequests: 25, resellerOnly: true }],
      ],
    );
    assert.ok(Object.isFrozen(limitsFor('regular')));
  });

  test('failure: an unknown level', () => {
    assert.throws(() => limitsFor('gold' as AccountLevel), InvalidValue);
  });
});

for (const backend of BACKENDS) {
  describe(`${backend}: requireLevel`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const check = (accountId: number, level: AccountLevel) =>
      engine.run((ctx: FlowContext) => requireLevel(ctx, accountId, level), undefined, { actor: OPERATOR });
    const withLevel = async (level: AccountLevel) => {
      const a = await newAccount(engine);
      await engine.run(setAccountLevel, { accountId: a.id, level }, { actor: OPERATOR });
      return a;
    };

    test('success: a level accepts itself and every level below it', async () => {
      const reseller = await withLevel('reseller');
      const superBulk = await withLevel('super_bulk');
      assert.deepEqual(
        [await check(reseller.id, 'reseller'), await check(reseller.id, 'regular'), await check(superBulk.id, 'bulk'), await check(superBulk.id, 'super_bulk')],
        ['reseller', 'reseller', 'super_bulk', 'super_bulk'],
      );
    });

    test('failure: below the required level, unknown account, suspended account, unknown level', async () => {
      const regular = await newAccount(engine);
      const bulk = await withLevel('bulk');
      const superBulk = await withLevel('super_bulk');
      const db = engine.store.db;
      const e = await assertFailsAndChangesNothing(db, () => check(superBulk.id, 'reseller'), AccountLevelRequired);
      assert.equal((e as AccountLevelRequired).details.required, 'reseller');
      await assertFailsAndChangesNothing(db, () => check(bulk.id, 'super_bulk'), AccountLevelRequired);
      await assertFailsAndChangesNothing(db, () => check(regular.id, 'bulk'), AccountLevelRequired);
      await assertFailsAndChangesNothing(db, () => check(999_999_999, 'regular'), AccountNotFound);
      await assertFailsAndChangesNothing(db, () => check(regular.id, 'gold' as AccountLevel), InvalidValue);
      await engine.run(setAccountStatus, { accountId: regular.id, status: 'suspended' }, { actor: OPERATOR });
      await assertFailsAndChangesNothing(db, () => engine.run((ctx: FlowContext) => requireLevel(ctx, regular.id, 'regular'), undefined, { actor: regular.actor }), AccountSuspended);
    });
  });
}
