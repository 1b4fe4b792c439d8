import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { AccountNotFound, InvalidValue, NotAuthorizedOperation, UnsupportedTld } from '../../errors/index.ts';
import { toDomainView } from './domain-view.ts';
import { listDomains, type ListDomainsInput } from './list-domains.ts';
import { registerDomain } from './register-domain.ts';

const START = '2026-01-15T10:00:00Z';
const CAFE = 'xn--caf-list-d1a.fr';

for (const backend of BACKENDS) {
  describe(`${backend}: listDomains`, () => {
    let engine: TestEngine;
    let a: TestAccount;
    let b: TestAccount;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
      a = await newAccount(engine, { depositEur: '200.00' });
      b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'gamma-list.com', { periodMonths: 36 });
      await register(a, 'alpha-list.com');
      await register(a, 'beta-list.net', { periodMonths: 24, customerId: 'cust-7' });
      await register(a, 'delta-list.tk', { domainType: 'FREE' });
      await register(a, 'café-list.fr');
      await register(b, 'alpha-list-foreign.com');
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    async function register(owner: TestAccount, name: string, extra: Record<string, unknown> = {}): Promise<void> {
      await engine.run(registerDomain, { name, ...extra }, { actor: owner.actor });
    }
    const list = (owner: TestAccount, input: ListDomainsInput = {}) => engine.run(listDomains, input, { actor: owner.actor });

    /** The expected page: each named domain of the owner, viewed at the clock's instant, in the given order. */
    async function page(owner: TestAccount, total: number, names: readonly string[]) {
      const rows = await engine.store.db.selectFrom('domains').selectAll().where('account_id', '=', owner.id).execute();
      const items = names.map((n) => toDomainView(rows.find((r) => r.name === n)!, engine.policy, engine.clock.now()));
      return { total, items };
    }

    test('success: all own domains ordered by name; foreign domains never listed', async () => {
      const all = ['alpha-list.com', 'beta-list.net', 'delta-list.tk', 'gamma-list.com', CAFE];
      assert.deepEqual(await list(a), await page(a, 5, all));
      assert.deepEqual(await list(a, { search: 'alpha' }), await page(a, 1, ['alpha-list.com']));
      assert.deepEqual(await list(b), await page(b, 1, ['alpha-list-foreign.com']));
      assert.deepEqual(await engine.run(listDomains, { accountId: a.id }, { actor: OPERATOR }), await page(a, 5, all));
    });

    test('success: paging after filtering, total counts every match', async () => {
      assert.deepEqual(await list(a, { offset: 1, limit: 2 }), await page(a, 5, ['beta-list.net', 'delta-list.tk']));
      assert.deepEqual(await list(a, { offset: 4, limit: 1000 }), await page(a, 5, [CAFE]));
      assert.deepEqual(await list(a, { offset: 10 }), await page(a, 5, []));
      assert.deepEqual(await list(a, { tld: 'com', offset: 1, limit: 1 }), await page(a, 2, ['gamma-list.com']));
    });

    test('success: TLD, search and customer filters', async () => {
      assert.deepEqual(await list(a, { tld: '.COM' }), await page(a, 2, ['alpha-list.com', 'gamma-list.com']));
      assert.deepEqual(await list(a, { tld: 'net' }), await page(a, 1, ['beta-list.net']));
      assert.deepEqual(await list(a, { search: 'AMM' }), await page(a, 1, ['gamma-list.com']));
      assert.deepEqual(await list(a, { search: 'café' }), await page(a, 1, [CAFE]));
      assert.deepEqual(await list(a, { search: 'xn--caf' }), await page(a, 1, [CAFE]));
      assert.deepEqual(await list(a, { search: '%' }), await page(a, 0, []));
      assert.deepEqual(await list(a, { customerId: 'cust-7' }), await page(a, 1, ['beta-list.net']));
    });

    test('success: states are projected at now and filtered before paging', async () => {
      const c = await newAccount(engine, { depositEur: '100.00' });
      const d = await newAccount(engine);
      await register(c, 'old-t.com');
      await register(c, 'mid-t.net', { periodMonths: 24 });
      await register(c, 'free-t.tk', { domainType: 'FREE' });
      await register(c, 'fr-t.fr');
      assert.equal((await list(c, { states: ['active'] })).total, 4);

      engine.clock.advance(days(366));
      const now = await list(c);
      assert.deepEqual(now, await page(c, 3, ['fr-t.fr', 'mid-t.net', 'old-t.com']));
      assert.deepEqual(now.items.map((v) => v.state), ['redemption', 'active', 'expired']);
      assert.deepEqual(await list(c, { states: ['expired'] }), await page(c, 1, ['old-t.com']));
      assert.deepEqual(await list(c, { states: ['active', 'redemption'], limit: 1 }), await page(c, 2, ['fr-t.fr']));
      assert.deepEqual(await list(c, { states: [] }), now);

      // The released free name is taken by someone else; the old registration stays in the owner's history only.
      await register(d, 'free-t.tk', { domainType: 'FREE' });
      const history = await list(c, { includeReleased: true });
      assert.deepEqual(history, await page(c, 4, ['fr-t.fr', 'free-t.tk', 'mid-t.net', 'old-t.com']));
      assert.deepEqual(history.items.map((v) => v.state), ['redemption', 'released', 'active', 'expired']);
      assert.deepEqual(await list(c, { states: ['released'], includeReleased: true }), await page(c, 1, ['free-t.tk']));
      assert.deepEqual(await list(c), now);
      assert.deepEqual(await list(d), await page(d, 1, ['free-t.tk']));
    });

    test('failure: bad paging, unknown states and TLDs, missing or foreign account', async () => {
      const cases: [ListDomainsInput, abstract new (...x: never[]) => Error][] = [
        [{ offset: -1 }, InvalidValue],
        [{ offset: 1.5 }, InvalidValue],
        [{ limit: 0 }, InvalidValue],
        [{ limit: 1001 }, InvalidValue],
        [{ limit: '10' as never }, InvalidValue],
        [{ states: ['bogus' as never] }, InvalidValue],
        [{ states: 'active' as never }, InvalidValue],
        [{ search: 'x'.repeat(254) }, InvalidValue],
        [{ tld: 'nope' }, UnsupportedTld],
        [{ accountId: b.id }, AccountNotFound],
      ];
      for (const [input, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => list(a, input), cls);
      }
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(listDomains, {}, { actor: OPERATOR }), NotAuthorizedOperation);
    });
  });
}
