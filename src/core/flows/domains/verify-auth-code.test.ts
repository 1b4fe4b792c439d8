import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { AuthCodeMismatch, DomainNotFound, InvalidDomainName } from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { deleteDomain } from './delete-domain.ts';
import { setAuthCode } from './set-auth-code.ts';
import { verifyAuthCode } from './verify-auth-code.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: verifying the authorization code`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const stored = (name: string) => engine.store.db.selectFrom('domains').selectAll().where('name', '=', name).where('released_at', 'is', null).executeTakeFirstOrThrow();

    test('success: the stored code proves the name, whatever its case, to any account and to the operator', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, { name: 'code-proved.com' });
      const code = (await stored('code-proved.com')).auth_code;
      const expected = { name: 'code-proved.com', holderAccountId: a.id };
      assert.deepEqual(await engine.run(verifyAuthCode, { name: 'Code-Proved.COM', authCode: code }, { actor: b.actor }), expected);
      assert.deepEqual(await engine.run(verifyAuthCode, { name: 'code-proved.com', authCode: code }, { actor: OPERATOR }), expected);
    });

    test('failure: a wrong code, an unknown name, an invalid name', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, { name: 'code-verify.com' });
      await engine.run(setAuthCode, { name: 'code-verify.com', authCode: 'Secret123' }, { actor: a.actor });
      const verify = (name: string, authCode: unknown) => engine.run(verifyAuthCode, { name, authCode } as never, { actor: b.actor });
      for (const wrong of ['Secret124', 'secret123', 'Secret1234', 'Secret12', '', undefined]) {
        await assertFailsAndChangesNothing(engine.store.db, () => verify('code-verify.com', wrong), AuthCodeMismatch);
      }
      await assertFailsAndChangesNothing(engine.store.db, () => verify('code-nobody.com', 'Secret123'), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => verify('-bad-.com', 'Secret123'), InvalidDomainName);
    });

    test('failure: a released name is not found any more', async () => {
      const a = await newAccount(engine);
      await register(a, { name: 'code-free.tk', domainType: 'FREE' });
      const code = (await stored('code-free.tk')).auth_code;
      await engine.run(deleteDomain, { name: 'code-free.tk' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(verifyAuthCode, { name: 'code-free.tk', authCode: code }, { actor: OPERATOR }), DomainNotFound);
    });
  });
}
