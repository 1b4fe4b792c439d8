import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { SYSTEM } from '../../context.ts';
import { setAccountStatus } from '../accounts/set-account-status.ts';
import { checkToken, getSigningSecret, revokeToken } from './index.ts';

const AS_SYSTEM = { actor: SYSTEM, now: new Date('2026-01-15T10:00:00Z') };

for (const backend of BACKENDS) {
  describe(`${backend}: token sessions`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: '2026-01-15T10:00:00Z' });
    });
    after(async () => engine.store.close());

    test('success: the signing secret is created once, concurrent first callers read the same one', async () => {
      const secrets = await Promise.all([1, 2, 3].map(() => engine.run(getSigningSecret, { key: 'test.secret' }, AS_SYSTEM)));
      assert.equal(new Set(secrets).size, 1);
      assert.equal(Buffer.from(secrets[0]!, 'base64url').length, 32);
      assert.equal(await engine.run(getSigningSecret, { key: 'test.secret' }, AS_SYSTEM), secrets[0]);
    });

    test('success: a revoked token is revoked once, and checked as revoked', async () => {
      const a = await newAccount(engine);
      const token = { jti: 'jti-1', accountId: a.id, expiresAt: new Date('2026-01-15T11:00:00Z') };
      assert.deepEqual(await engine.run(checkToken, token, AS_SYSTEM), { revoked: false, accountActive: true });
      assert.equal(await engine.run(revokeToken, token, AS_SYSTEM), true);
      assert.equal(await engine.run(revokeToken, token, AS_SYSTEM), false);
      assert.deepEqual(await engine.run(checkToken, token, AS_SYSTEM), { revoked: true, accountActive: true });
    });

    test('success: revocations of expired tokens are pruned by the next revocation', async () => {
      const a = await newAccount(engine);
      await engine.run(revokeToken, { jti: 'old', accountId: a.id, expiresAt: new Date('2026-01-15T10:30:00Z') }, AS_SYSTEM);
      const later = { actor: SYSTEM, now: new Date('2026-01-15T12:00:00Z') };
      await engine.run(revokeToken, { jti: 'new', accountId: a.id, expiresAt: new Date('2026-01-15T13:00:00Z') }, later);
      assert.equal((await engine.run(checkToken, { jti: 'old', accountId: a.id }, later)).revoked, false);
      assert.equal((await engine.run(checkToken, { jti: 'new', accountId: a.id }, later)).revoked, true);
    });

    test('success: a suspended or unknown account is not active', async () => {
      const a = await newAccount(engine);
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, AS_SYSTEM);
      assert.equal((await engine.run(checkToken, { jti: 'x', accountId: a.id }, AS_SYSTEM)).accountActive, false);
      assert.equal((await engine.run(checkToken, { jti: 'x', accountId: 999999 }, AS_SYSTEM)).accountActive, false);
    });

    test('success: an account revokes its own token, not another account\'s', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const expiresAt = new Date('2026-01-15T11:00:00Z');
      assert.equal(await engine.run(revokeToken, { jti: 'own', accountId: a.id, expiresAt }, { actor: a.actor }), true);
      await assert.rejects(engine.run(revokeToken, { jti: 'theirs', accountId: b.id, expiresAt }, { actor: a.actor }), { code: 'ACCOUNT_NOT_FOUND' });
      assert.equal((await engine.run(checkToken, { jti: 'theirs', accountId: b.id }, AS_SYSTEM)).revoked, false);
    });

    test('failure: an account may not check tokens nor read the secret', async () => {
      const a = await newAccount(engine);
      await assert.rejects(engine.run(checkToken, { jti: 'x', accountId: a.id }, { actor: a.actor }), { code: 'NOT_AUTHORIZED_OPERATION' });
      await assert.rejects(engine.run(getSigningSecret, { key: 'test.secret' }, { actor: a.actor }), { code: 'NOT_AUTHORIZED_OPERATION' });
    });
  });
}
