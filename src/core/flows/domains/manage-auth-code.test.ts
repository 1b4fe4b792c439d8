import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days, minutes } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { AuthCodeMismatch, DomainNotFound, DomainStatusProhibits, InvalidDomainName, InvalidValue } from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { deleteDomain } from './delete-domain.ts';
import { getAuthCode, setAuthCode, verifyAuthCode } from './manage-auth-code.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: authorization codes`, () => {
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
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAuthCode, { name: 'code-free.tk' }, { actor: a.actor }), DomainNotFound);
    });

    test("failure: another account's domain", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, { name: 'code-theirs.com' });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAuthCode, { name: 'code-theirs.com', regenerate: true }, { actor: b.actor }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setAuthCode, { name: 'code-theirs.com', authCode: 'Mine12345' }, { actor: b.actor }), DomainNotFound);
    });

    test('failure: a domain in redemption gives no code and takes none', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'code-redemption.fr' });
      engine.clock.advance(days(366));
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getAuthCode, { name: 'code-redemption.fr' }, { actor: a.actor }), DomainStatusProhibits);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setAuthCode, { name: 'code-redemption.fr', authCode: 'Again1234' }, { actor: a.actor }), DomainStatusProhibits);
    });
  });
}
