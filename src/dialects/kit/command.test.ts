/** The kit's command runner on a real engine: declared flows, one transaction or one per flow, dry runs, recover. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, depositFunds, getAccount, listAccounts, OPERATOR, type RegdError } from '../../core/index.ts';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../test/support/backends.ts';
import { defineCommand } from './command.ts';

interface Raw {
  readonly email: string;
  readonly amount: string;
}

function accountAndDeposit(transaction: 'command' | 'flow') {
  return defineCommand({
    name: `create-and-deposit (${transaction})`,
    uses: [createAccount, depositFunds],
    transaction,
    parse: (raw: Raw) => raw,
    async run(call, input) {
      const created = await call.run(createAccount, { email: input.email, password: 'long-enough-password' });
      await call.run(depositFunds, { accountId: created.account.id, amount: input.amount, currency: 'EUR' });
      return { email: created.account.email };
    },
    recover: (error: RegdError) => (error.code === 'EMAIL_ALREADY_USED' ? { email: 'taken' } : undefined),
    recovers: ['EMAIL_ALREADY_USED'],
  });
}

const OPTIONS = { actor: OPERATOR, source: 'test', now: new Date('2026-01-15T10:00:00Z') };

for (const backend of BACKENDS) {
  describe(`${backend}: kit commands`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(() => engine.store.close());

    const emails = async () => (await engine.run(listAccounts, {}, { actor: OPERATOR })).map((a) => a.email);

    test('success: throws is the union of the declared flows\' lists', () => {
      const c = accountAndDeposit('command');
      assert.ok(c.throws.includes('EMAIL_ALREADY_USED') && c.throws.includes('ACCOUNT_NOT_FOUND'));
      assert.equal(new Set(c.throws).size, c.throws.length);
      assert.deepEqual(c.recovers, ['EMAIL_ALREADY_USED']);
    });

    test('success: one transaction for the command; a failing second call rolls back the first', async () => {
      const c = accountAndDeposit('command');
      assert.deepEqual(await c.prepare({ email: 'one@example.test', amount: '10.00' }, undefined).run(engine, OPTIONS), { email: 'one@example.test' });
      await assert.rejects(c.prepare({ email: 'two@example.test', amount: '-1' }, undefined).run(engine, OPTIONS), { code: 'INVALID_VALUE' });
      assert.ok((await emails()).includes('one@example.test'));
      assert.ok(!(await emails()).includes('two@example.test'));
    });

    test('success: a dry run rolls everything back and answers the result', async () => {
      const c = accountAndDeposit('command');
      assert.deepEqual(await c.prepare({ email: 'dry@example.test', amount: '1.00' }, undefined).run(engine, { ...OPTIONS, dryRun: true }), { email: 'dry@example.test' });
      assert.ok(!(await emails()).includes('dry@example.test'));
    });

    test('success: one transaction per flow; the first call stays when the second fails', async () => {
      const c = accountAndDeposit('flow');
      await assert.rejects(c.prepare({ email: 'three@example.test', amount: '-1' }, undefined).run(engine, OPTIONS), { code: 'INVALID_VALUE' });
      assert.ok((await emails()).includes('three@example.test'));
    });

    test('success: recover answers a core error as an ordinary result', async () => {
      const c = accountAndDeposit('command');
      assert.deepEqual(await c.prepare({ email: 'one@example.test', amount: '1.00' }, undefined).run(engine, OPTIONS), { email: 'taken' });
    });

    test('failure: calling a flow the command does not declare', async () => {
      const c = defineCommand({
        name: 'sneaky',
        uses: [listAccounts],
        parse: () => ({}),
        run: (call) => call.run(getAccount, { email: 'one@example.test' }),
      });
      await assert.rejects(c.prepare(undefined, undefined).run(engine, OPTIONS), /sneaky: calls the flow getAccount, which it does not declare/);
    });

    test('success: work around the command shares its transaction and may call any flow', async () => {
      const c = accountAndDeposit('command');
      await assert.rejects(
        c.prepare({ email: 'four@example.test', amount: '1.00' }, undefined).run(engine, {
          ...OPTIONS,
          around: async (call, work) => {
            const r = await work();
            await call.run(getAccount, { email: 'nobody@example.test' });
            return r;
          },
        }),
        { code: 'ACCOUNT_NOT_FOUND' },
      );
      assert.ok(!(await emails()).includes('four@example.test'));
    });
  });
}
