import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days, minutes } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { DomainNotFound, DomainStatusProhibits, InvalidValue } from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { setAuthCode } from './set-auth-code.ts';
import { verifyAuthCode } from './verify-auth-code.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: setting the authorization code`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const stored = (name: string) => engine.store.db.selectFrom('domains').selectAll().where('name', '=', name).where('released_at', 'is', null).executeTakeFirstOrThrow();

    test('success: the registrant sets a code; the gaining side verifies it', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, { name: 'code-set.com' });
      const at = engine.clock.advance(minutes(1));
      assert.deepEqual(await engine.run(setAuthCode, { name: 'code-set.com', authCode: 'Tr4nsfer!Me' }, { actor: a.actor }), { authCode: 'Tr4nsfer!Me' });
      assert.equal((await stored('code-set.com')).updated_at.getTime(), at.getTime());
      const expected = { name: 'code-set.com', holderAccountId: a.id };
      assert.deepEqual(await engine.run(verifyAuthCode, { name: 'Code-Set.COM', authCode: 'Tr4nsfer!Me' }, { actor: b.actor }), expected);
      assert.deepEqual(await engine.run(verifyAuthCode, { name: 'code-set.com', authCode: 'Tr4nsfer!Me' }, { actor: OPERATOR }), expected);
      for (const edge of ['abc123', 'A1' + 'x'.repeat(30)]) {
        assert.deepEqual(await engine.run(setAuthCode, { name: 'code-set.com', authCode: edge }, { actor: a.actor }), { authCode: edge });
      }
    });

    test('failure: codes that are too short, too long, with spaces, non-ASCII, or without a letter or a digit', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'code-invalid.com' });
      const bad = ['ab12', 'abc12', 'A1' + 'x'.repeat(31), 'abc 123', 'abcdéf1', 'abcdefgh', '12345678', '!!!!!!!!', '', 42];
      for (const authCode of bad) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setAuthCode, { name: 'code-invalid.com', authCode } as never, { actor: a.actor }), InvalidValue);
      }
    });

    test("failure: another account's domain", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, { name: 'code-theirs.com' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setAuthCode, { name: 'code-theirs.com', authCode: 'Mine12345' }, { actor: b.actor }), DomainNotFound);
    });

    test('failure: a domain in redemption takes no code', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'code-redemption.fr' });
      engine.clock.advance(days(366));
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setAuthCode, { name: 'code-redemption.fr', authCode: 'Again1234' }, { actor: a.actor }), DomainStatusProhibits);
    });
  });
}
