import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { AccountNotFound, AccountSuspended } from '../../errors/index.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { renewDomain } from '../domains/renew-domain.ts';
import { getAccountSpending } from './get-account-spending.ts';
import { setAccountStatus } from './set-account-status.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: getAccountSpending`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: charges minus refunds per currency; deposits are not spending', async () => {
      const a = await newAccount(engine, { deposits: { EUR: '100.00', USD: '50.00' } });
      assert.deepEqual(await engine.run(getAccountSpending, {}, { actor: a.actor }), []);
      await engine.run(registerDomain, { name: 'spend-one.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'spend-two.com' }, { actor: a.actor });
      await engine.run(renewDomain, { name: 'spend-one.com' }, { actor: a.actor });
      const spent = await engine.run(getAccountSpending, {}, { actor: a.actor });
      const charged = await engine.store.db.selectFrom('ledger_entries').select('amount_minor').where('account_id', '=', a.id).where('kind', '=', 'charge').execute();
      assert.equal(charged.length, 3);
      assert.deepEqual(spent, [{ currency: 'EUR', spentMinor: charged.reduce((s, c) => s + c.amount_minor, 0) }]);
      await engine.run(deleteDomain, { name: 'spend-two.com' }, { actor: a.actor });
      const refunded = await engine.store.db.selectFrom('ledger_entries').select('amount_minor').where('account_id', '=', a.id).where('kind', '=', 'refund').execute();
      assert.equal(refunded.length, 1);
      const after = spent[0]!.spentMinor - refunded[0]!.amount_minor;
      assert.deepEqual(await engine.run(getAccountSpending, {}, { actor: a.actor }), [{ currency: 'EUR', spentMinor: after }]);
      assert.deepEqual(await engine.run(getAccountSpending, { accountId: a.id }, { actor: OPERATOR }), [{ currency: 'EUR', spentMinor: after }]);
    });

    test('failure: unknown account, suspended account', async () => {
      const a = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAccountSpending, { accountId: 999_999_999 }, { actor: OPERATOR }), AccountNotFound);
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAccountSpending, {}, { actor: a.actor }), AccountSuspended);
    });
  });
}
