import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { MINUTE } from '../../clock.ts';
import { sha1Hex } from '../../credentials.ts';
import { AccountSuspended, InvalidCredentials, LoginLocked } from '../../errors/index.ts';
import { authenticateByPassword, authenticateWapiLogin, setAccountStatus, setPassword, setWapiPassword } from './index.ts';
import type { LoginLockout } from './login-lockout.ts';

/** A WAPI check as the WEDOS dialect makes it (sha1(login + secret + HH), hour 07). */
const wapiHash = (login: string, auth: string) => (secret: string) => sha1Hex(login + secret + '07') === auth;

const LOCKOUT: LoginLockout = { attempts: 3, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

for (const backend of BACKENDS) {
  describe(`${backend}: login lockout`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const login = (email: string, password: string, lockout: LoginLockout = LOCKOUT) =>
      engine.run(authenticateByPassword, { email, password, lockout }, { actor: OPERATOR });
    const fail = async (email: string, times: number, lockout: LoginLockout = LOCKOUT) => {
      for (let i = 0; i < times; i++) await assert.rejects(login(email, `wrong ${i}`, lockout), InvalidCredentials, `failure ${i + 1}`);
    };
    const lockedFor = (seconds: number) => (e: unknown) => e instanceof LoginLocked && e.details.retryAfterSeconds === seconds;

    test('failure: N failures lock the login, the right password too, until the lock ends on the engine clock', async () => {
      const a = await newAccount(engine);
      await fail(a.email, 3);
      await assert.rejects(login(a.email, a.password), lockedFor(900));
      await assert.rejects(login(a.email, 'wrong again'), lockedFor(900));
      engine.clock.advance(14 * MINUTE);
      await assert.rejects(login(a.email.toUpperCase(), a.password), lockedFor(60), 'the same login whatever its case');
      engine.clock.advance(MINUTE);
      assert.equal((await login(a.email, a.password)).id, a.id);
    });

    test('success: a successful login clears the count; failures older than the window do not count', async () => {
      const a = await newAccount(engine);
      await fail(a.email, 2);
      await login(a.email, a.password);
      await fail(a.email, 2);
      assert.equal((await login(a.email, a.password)).id, a.id, 'two failures after the reset: not locked');
      await fail(a.email, 2);
      engine.clock.advance(16 * MINUTE);
      await fail(a.email, 2);
      assert.equal((await login(a.email, a.password)).id, a.id, 'the first two were outside the window');
    });

    test('failure: an unknown e-mail locks like a known one', async () => {
      await fail('nobody-here@example.test', 3);
      await assert.rejects(login('nobody-here@example.test', 'anything'), LoginLocked);
    });

    test('success: a new password lifts the lock; a suspended account is told so only after the lock', async () => {
      const a = await newAccount(engine);
      await fail(a.email, 3);
      await engine.run(setPassword, { accountId: a.id, password: 'a brand new password' }, { actor: OPERATOR });
      assert.equal((await login(a.email, 'a brand new password')).id, a.id);
      const s = await newAccount(engine);
      await engine.run(setAccountStatus, { accountId: s.id, status: 'suspended' }, { actor: OPERATOR });
      await fail(s.email, 3);
      await assert.rejects(login(s.email, s.password), LoginLocked);
      engine.clock.advance(15 * MINUTE);
      await assert.rejects(login(s.email, s.password), AccountSuspended);
    });

    test('success: attempts 0 never locks; the default limit is 10', async () => {
      const a = await newAccount(engine);
      const off = { ...LOCKOUT, attempts: 0 };
      await fail(a.email, 5, off);
      assert.equal((await login(a.email, a.password, off)).id, a.id);
      const b = await newAccount(engine);
      for (let i = 0; i < 10; i++) {
        await assert.rejects(engine.run(authenticateByPassword, { email: b.email, password: 'nope' }, { actor: OPERATOR }), InvalidCredentials);
      }
      await assert.rejects(engine.run(authenticateByPassword, { email: b.email, password: b.password }, { actor: OPERATOR }), lockedFor(900));
      engine.clock.advance(15 * MINUTE);
    });

    test('success: WAPI hashes count apart from the password, and a new WAPI password lifts their lock', async () => {
      const a = await newAccount(engine);
      await engine.run(setWapiPassword, { accountId: a.id, password: 'wapi-password-1' }, { actor: OPERATOR });
      const wapi = (auth: string) => engine.run(authenticateWapiLogin, { login: a.email, verify: wapiHash(a.email, auth), lockout: LOCKOUT }, { actor: OPERATOR });
      for (let i = 0; i < 3; i++) await assert.rejects(wapi('0'.repeat(40)), InvalidCredentials);
      await assert.rejects(wapi(sha1Hex(a.email + sha1Hex('wapi-password-1') + '07')), LoginLocked);
      assert.equal((await login(a.email, a.password)).id, a.id, 'the password login is not locked');
      await engine.run(setWapiPassword, { accountId: a.id, password: 'wapi-password-2' }, { actor: OPERATOR });
      assert.equal((await wapi(sha1Hex(a.email + sha1Hex('wapi-password-2') + '07'))).id, a.id);
    });

    test('failure: a burst of parallel guesses learns at most the limit of outcomes; a right guess among them after the lock is refused', async () => {
      const a: TestAccount = await newAccount(engine);
      const guesses = Array.from({ length: 12 }, (_, i) => (i === 11 ? a.password : `guess ${i}`));
      const outcomes = await Promise.allSettled(guesses.map((g) => login(a.email, g)));
      const answered = outcomes.filter((o) => o.status === 'fulfilled' || !(o.reason instanceof LoginLocked));
      assert.ok(answered.length <= 3 + 1, `${answered.length} outcomes of 12 parallel guesses were answered`);
      await assert.rejects(login(a.email, a.password), LoginLocked);
    });
  });
}
