import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days, minutes } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { AuthCodeMismatch, DomainLocked, DomainNotFound, DomainStatusProhibits } from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { deleteDomain } from './delete-domain.ts';
import { getAuthCode } from './get-auth-code.ts';
import { verifyAuthCode } from './verify-auth-code.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: reading the authorization code`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const stored = (name: string) => engine.store.db.selectFrom('domains').selectAll().where('name', '=', name).where('released_at', 'is', null).executeTakeFirstOrThrow();

    test('success: reading returns the stored code and writes nothing', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'code-read.com' });
      const before = await stored('code-read.com');
      engine.clock.advance(minutes(5));
      assert.deepEqual(await engine.run(getAuthCode, { name: 'code-read.com' }, { actor: a.actor }), { authCode: before.auth_code });
      assert.deepEqual(await stored('code-read.com'), before);
    });

    test('success: regenerate replaces the code, unlock lifts the transfer lock', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'code-regen.com', locked: true });
      const before = await stored('code-regen.com');
      const at = engine.clock.advance(minutes(5));
      const r = await engine.run(getAuthCode, { name: 'code-regen.com', regenerate: true }, { actor: a.actor });
      assert.notEqual(r.authCode, before.auth_code);
      assert.match(r.authCode, /^[A-Za-z0-9]{16}$/);
      assert.deepEqual(await stored('code-regen.com'), { ...before, auth_code: r.authCode, updated_at: at });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(verifyAuthCode, { name: 'code-regen.com', authCode: before.auth_code }, { actor: OPERATOR }), AuthCodeMismatch);

      const at2 = engine.clock.advance(minutes(5));
      assert.deepEqual(await engine.run(getAuthCode, { name: 'code-regen.com', unlock: true }, { actor: a.actor }), { authCode: r.authCode });
      assert.deepEqual(await stored('code-regen.com'), { ...before, auth_code: r.authCode, locked: false, updated_at: at2 });
    });

    test('failure: requireUnlocked refuses a locked domain unless unlock lifts the lock', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'code-locked.com', locked: true });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAuthCode, { name: 'code-locked.com', requireUnlocked: true }, { actor: a.actor }), DomainLocked);
      const r = await engine.run(getAuthCode, { name: 'code-locked.com', requireUnlocked: true, unlock: true }, { actor: a.actor });
      assert.equal(r.authCode, (await stored('code-locked.com')).auth_code);
      assert.equal((await stored('code-locked.com')).locked, false);
    });

    test('failure: a released name is not found any more', async () => {
      const a = await newAccount(engine);
      await register(a, { name: 'code-free.tk', domainType: 'FREE' });
      await engine.run(deleteDomain, { name: 'code-free.tk' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAuthCode, { name: 'code-free.tk' }, { actor: a.actor }), DomainNotFound);
    });

    test("failure: another account's domain", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, { name: 'code-theirs.com' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAuthCode, { name: 'code-theirs.com', regenerate: true }, { actor: b.actor }), DomainNotFound);
    });

    test('failure: a domain in redemption gives no code', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'code-redemption.fr' });
      engine.clock.advance(days(366));
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAuthCode, { name: 'code-redemption.fr' }, { actor: a.actor }), DomainStatusProhibits);
    });
  });
}
