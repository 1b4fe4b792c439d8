import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR, accountActor } from '../../context.ts';
import { sha1Hex } from '../../credentials.ts';
import {
  AccountNotFound, AccountSuspended, CurrencyNotSupported, EmailAlreadyUsed, InvalidCredentials, InvalidValue,
  NotAuthorizedOperation, PushUsernameTaken,
} from '../../errors/index.ts';
import {
  authenticateByApiKey, authenticateByPassword, authenticateWapiLogin, createAccount, depositFunds, getAccount,
  listAccounts, rotateApiKey, setAccountStatus, setWapiPassword, updateAccount,
} from './index.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: accounts`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: create, then authenticate by password and by API key', async () => {
      const res = await engine.run(
        createAccount,
        { email: 'Alice@Example.test', password: 's3cret-pass', firstName: 'Alice', country: 'fr', phone: '+33.123456789', currency: 'EUR' },
        { actor: OPERATOR },
      );
      assert.equal(res.account.email, 'Alice@Example.test');
      assert.equal(res.account.country, 'FR');
      assert.equal(res.account.phone, '+33.123456789');
      assert.equal(res.account.status, 'active');
      assert.equal(res.account.apiKeyHint, res.apiKey.slice(0, 4));
      const byPw = await engine.run(authenticateByPassword, { email: 'alice@example.test', password: 's3cret-pass' }, { actor: OPERATOR });
      assert.equal(byPw.id, res.account.id);
      const byKey = await engine.run(authenticateByApiKey, { key: res.apiKey }, { actor: OPERATOR });
      assert.equal(byKey.id, res.account.id);
      const stored = await engine.store.db.selectFrom('accounts').selectAll().where('id', '=', res.account.id).executeTakeFirstOrThrow();
      assert.ok(stored.password_hash.startsWith('scrypt$'), 'password stored as an scrypt hash');
      assert.ok(!stored.password_hash.includes('s3cret-pass'));
      assert.notEqual(stored.api_key_hash, res.apiKey);
    });

    test('failure: duplicate e-mail (case-insensitive) changes nothing', async () => {
      await newAccount(engine, { email: 'dup@example.test' });
      await assertFailsAndChangesNothing(
        engine.store.db,
        () => engine.run(createAccount, { email: 'DUP@example.test', password: 'another-pass' }, { actor: OPERATOR }),
        EmailAlreadyUsed,
      );
    });

    test('failure: invalid e-mail, short password, bad phone, unknown currency', async () => {
      const cases: [Record<string, string>, abstract new (...a: never[]) => Error][] = [
        [{ email: 'not-an-email', password: 'long-enough' }, InvalidValue],
        [{ email: 'x@example.test', password: 'short' }, InvalidValue],
        [{ email: 'x@example.test', password: 'long-enough', phone: '0123' }, InvalidValue],
        [{ email: 'x@example.test', password: 'long-enough', currency: 'XYZ' }, CurrencyNotSupported],
      ];
      for (const [input, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createAccount, input as never, { actor: OPERATOR }), cls);
      }
    });

    test('failure: an account cannot create accounts or list them', async () => {
      const a = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(createAccount, { email: 'y@example.test', password: 'long-enough' }, { actor: a.actor }), NotAuthorizedOperation);
      await assert.rejects(engine.run(listAccounts, {}, { actor: a.actor }), NotAuthorizedOperation);
    });

    test('failure: wrong password and unknown key give the same error', async () => {
      const a = await newAccount(engine);
      await assert.rejects(engine.run(authenticateByPassword, { email: a.email, password: 'wrong-password' }, { actor: OPERATOR }), InvalidCredentials);
      await assert.rejects(engine.run(authenticateByPassword, { email: 'nobody@example.test', password: 'x' }, { actor: OPERATOR }), InvalidCredentials);
      await assert.rejects(engine.run(authenticateByApiKey, { key: 'nope' }, { actor: OPERATOR }), InvalidCredentials);
    });

    test('success: rotating the API key retires the old one', async () => {
      const a = await newAccount(engine);
      const { apiKey } = await engine.run(rotateApiKey, {}, { actor: a.actor });
      assert.notEqual(apiKey, a.apiKey);
      await assert.rejects(engine.run(authenticateByApiKey, { key: a.apiKey }, { actor: OPERATOR }), InvalidCredentials);
      assert.equal((await engine.run(authenticateByApiKey, { key: apiKey }, { actor: OPERATOR })).id, a.id);
    });

    test('success: a WAPI login is checked by the dialect\'s verify against the stored secret sha1(pw)', async () => {
      const a = await newAccount(engine);
      await engine.run(setWapiPassword, { password: 'wapi-password-1' }, { actor: a.actor });
      const auth = sha1Hex(a.email + sha1Hex('wapi-password-1') + '07');
      const ok = await engine.run(authenticateWapiLogin, { login: a.email, verify: (secret) => sha1Hex(a.email + secret + '07') === auth }, { actor: OPERATOR });
      assert.equal(ok.id, a.id);
      await assert.rejects(engine.run(authenticateWapiLogin, { login: a.email, verify: (secret) => sha1Hex(a.email + secret + '08') === auth }, { actor: OPERATOR }), InvalidCredentials);
    });

    test('failure: a suspended account is refused after a correct password', async () => {
      const a = await newAccount(engine);
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assert.rejects(engine.run(authenticateByPassword, { email: a.email, password: a.password }, { actor: OPERATOR }), AccountSuspended);
      await assert.rejects(engine.run(authenticateByApiKey, { key: a.apiKey }, { actor: OPERATOR }), AccountSuspended);
      await engine.run(setAccountStatus, { accountId: a.id, status: 'active' }, { actor: OPERATOR });
      assert.equal((await engine.run(authenticateByApiKey, { key: a.apiKey }, { actor: OPERATOR })).id, a.id);
    });

    test('success: deposit creates a completed order and a ledger entry', async () => {
      const a = await newAccount(engine);
      const r = await engine.run(depositFunds, { accountId: a.id, amount: '125.50', currency: 'EUR' }, { actor: OPERATOR });
      assert.match(r.orderNumber, /^\d+$/);
      assert.deepEqual(r.balance, { currency: 'EUR', balanceMinor: 12550, onHoldMinor: 0, availableMinor: 12550 });
      const details = await engine.run(getAccount, {}, { actor: a.actor });
      assert.deepEqual(details.balances, [r.balance]);
      assert.equal(details.domainCount, 0);
    });

    test('failure: deposits of zero, negative, too many decimals, or by an account', async () => {
      const a = await newAccount(engine);
      for (const amount of ['0', '-5', '1.234', 'abc']) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(depositFunds, { accountId: a.id, amount, currency: 'EUR' }, { actor: OPERATOR }), InvalidValue);
      }
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(depositFunds, { accountId: a.id, amount: '5', currency: 'EUR' }, { actor: a.actor }), NotAuthorizedOperation);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(depositFunds, { accountId: 999999, amount: '5' }, { actor: OPERATOR }), AccountNotFound);
    });

    test('failure: another account is not visible; push usernames are unique', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      await assert.rejects(engine.run(getAccount, { accountId: b.id }, { actor: accountActor(a.id) }), AccountNotFound);
      await engine.run(updateAccount, { pushUsername: 'pusher-one' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(updateAccount, { pushUsername: 'PUSHER-one' }, { actor: b.actor }), PushUsernameTaken);
    });
  });
}
