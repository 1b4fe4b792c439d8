/**
 * The verified-credentials cache through the flows, on each backend: a
 * repeated valid credential costs no statement and no transaction; a wrong
 * one always takes the full path; entries expire; every change to what an
 * entry vouches for (password, API key, WAPI password, status, a revoked
 * token, a failed login) refuses the old credential at once, in this
 * process, and, on PostgreSQL, from a second engine on the same schema
 * through the change log. Plus the cache's own rules (tickets, LRU bound).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestEngine, type TestEngine } from '../../test/support/backends.ts';
import { newAccount } from '../../test/support/fixtures.ts';
import { countingTransactions, StatementCounter } from '../../test/support/statement-counter.ts';
import { openStore, type Store } from '../store/index.ts';
import { OPERATOR, SYSTEM } from './context.ts';
import { MINUTE } from './clock.ts';
import { sha1Hex } from './credentials.ts';
import { createEngine, type Engine } from './engine.ts';
import { CredentialsCache } from './credentials-cache.ts';
import { startCredentialsFeed, type RunningCredentialsFeed } from './credentials-feed.ts';
import {
  authenticateByApiKey, authenticateByPassword, authenticateWapiLogin, getWapiIpAllowlist, rotateApiKey, setAccountLevel, setAccountStatus,
  setPassword, setWapiIpAllowlist, setWapiPassword, updateAccount,
} from './flows/accounts/index.ts';
import { checkToken, revokeToken } from './flows/sessions/index.ts';
import type { LoginLockout } from './flows/accounts/login-lockout.ts';

const LOCKOUT: LoginLockout = { attempts: 3, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
const TOKEN_EXPIRES = new Date('2026-01-15T11:00:00Z');

/** A WAPI check as the WEDOS dialect makes it (sha1(login + secret + HH), hour 07). */
const wapiCheck = (login: string, auth: string) => (secret: string) => sha1Hex(login + secret + '07') === auth;
const wapiAuth = (login: string, password: string) => sha1Hex(login + sha1Hex(password) + '07');

interface Counted {
  readonly engine: Engine;
  statements: number;
  transactions: number;
  /** Moves the cache's monotonic clock (TTL). */
  advance(ms: number): void;
}

/** An engine over `base`'s store whose statements and transactions are counted (the feed reads past the counter). */
function countedEngine(base: TestEngine): Counted & { feed: RunningCredentialsFeed } {
  const counter = new StatementCounter();
  let offset = 0;
  const out = {
    statements: 0,
    transactions: 0,
    advance: (ms: number) => void (offset += ms),
  } as Counted & { feed: RunningCredentialsFeed };
  const db = countingTransactions(base.store.db.withPlugin(counter), () => void out.transactions++);
  const engine = createEngine({
    store: { ...base.store, db },
    clock: base.clock,
    policy: base.policy,
    credentials: { monotonicNow: () => performance.now() + offset },
  });
  Object.defineProperty(out, 'statements', { get: () => counter.count });
  Object.assign(out, { engine, feed: startCredentialsFeed({ store: base.store, credentials: engine.credentials, commits: engine.commits }, { intervalMs: 50 }) });
  return out;
}

/** Statements and transactions `fn` cost. */
async function cost(c: Counted, fn: () => Promise<unknown>): Promise<{ statements: number; transactions: number }> {
  const s = c.statements;
  const t = c.transactions;
  await fn();
  return { statements: c.statements - s, transactions: c.transactions - t };
}

const FREE = { statements: 0, transactions: 0 };

for (const backend of BACKENDS) {
  describe(`${backend}: the verified-credentials cache`, { timeout: 120_000 }, () => {
    let base: TestEngine;
    let c: Counted & { feed: RunningCredentialsFeed };
    let engine: Engine;
    before(async () => {
      base = await openTestEngine(backend);
      c = countedEngine(base);
      engine = c.engine;
      await c.feed.readNow();
    });
    after(async () => {
      await c?.feed.stop();
      await base?.store.close();
    });

    const login = (email: string, password: string) => engine.run(authenticateByPassword, { email, password, lockout: LOCKOUT }, { actor: SYSTEM });
    const byKey = (key: string) => engine.run(authenticateByApiKey, { key }, { actor: SYSTEM });
    const wapi = (email: string, auth: string) =>
      engine.run(authenticateWapiLogin, { login: email, verify: wapiCheck(email, auth), presented: auth, lockout: LOCKOUT }, { actor: SYSTEM });
    const token = (jti: string, accountId: number) => engine.run(checkToken, { jti, accountId }, { actor: SYSTEM });

    test('success: a repeated password, API key, WAPI hash or token costs no statement and no transaction; the first one does', async () => {
      const a = await newAccount(engine);
      await engine.run(setWapiPassword, { accountId: a.id, password: 'wapi secret 1' }, { actor: OPERATOR });
      const auth = wapiAuth(a.email, 'wapi secret 1');
      // The log's own row of that change, read later, would drop what is cached below once more.
      await c.feed.readNow();
      for (const [what, check] of [
        ['password', () => login(a.email, a.password)],
        ['API key', () => byKey(a.apiKey)],
        ['WAPI', () => wapi(a.email, auth)],
        ['token', () => token('jti-hit', a.id)],
        ['WAPI allowlist', () => engine.run(getWapiIpAllowlist, { accountId: a.id }, { actor: OPERATOR })],
      ] as const) {
        const first = await cost(c, check);
        assert.ok(first.statements > 0, `${what}: the first check reads the database`);
        assert.deepEqual(await cost(c, check), FREE, `${what}: the second does not`);
      }
      assert.equal((await login(a.email.toUpperCase(), a.password)).id, a.id, 'the e-mail in another case is the same login');
      assert.deepEqual(await cost(c, () => login(` ${a.email.toUpperCase()}`, a.password)), FREE);
      assert.deepEqual(await token('jti-hit', a.id), { revoked: false, accountActive: true });
    });

    test('success: a check answered from the cache announces no commit (it wrote nothing); a failure counted does', async () => {
      const a = await newAccount(engine);
      await login(a.email, a.password);
      let announced = 0;
      const unsubscribe = engine.commits.subscribe(() => void announced++);
      try {
        await login(a.email, a.password);
        assert.equal(announced, 0);
        await assert.rejects(login(a.email, 'wrong'), { code: 'INVALID_CREDENTIALS' });
        assert.equal(announced, 0, 'a failure is a refusal: the one-statement path throws (as before)');
        await login(a.email, a.password);
        assert.equal(announced, 1, 'the full path after it clears the count: announced');
      } finally {
        unsubscribe();
      }
    });

    test('failure: a wrong password, key or hash pays full price every time, and is never cached', async () => {
      const a = await newAccount(engine);
      await login(a.email, a.password);
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        const paid = await cost(c, () => assert.rejects(login(a.email, 'not the password'), { code: 'INVALID_CREDENTIALS' }));
        assert.ok(paid.statements >= 2, 'read, then the failure counted');
        assert.ok(performance.now() - started > 2, 'scrypt ran');
      }
      await engine.run(setPassword, { accountId: a.id, password: a.password }, { actor: OPERATOR }); // lifts the count
      for (let i = 0; i < 2; i++) {
        const paid = await cost(c, () => assert.rejects(byKey('not-a-key'), { code: 'INVALID_CREDENTIALS' }));
        assert.equal(paid.statements, 1);
        const wrong = await cost(c, () => assert.rejects(wapi(a.email, 'f'.repeat(40)), { code: 'INVALID_CREDENTIALS' }));
        assert.ok(wrong.statements >= 2);
      }
      assert.equal(engine.credentials.size > 0, true);
    });

    test('success: an entry lives the TTL, then the database is asked again', async () => {
      const a = await newAccount(engine);
      await login(a.email, a.password);
      assert.deepEqual(await cost(c, () => login(a.email, a.password)), FREE);
      c.advance(engine.credentials.ttlMs + 1);
      assert.ok((await cost(c, () => login(a.email, a.password))).statements > 0);
      assert.deepEqual(await cost(c, () => login(a.email, a.password)), FREE);
    });

    test('failure: a new password, a rotated key, a new WAPI password refuse the old one at once', async () => {
      const a = await newAccount(engine);
      await engine.run(setWapiPassword, { accountId: a.id, password: 'wapi secret 1' }, { actor: OPERATOR });
      const auth = wapiAuth(a.email, 'wapi secret 1');
      await login(a.email, a.password);
      await byKey(a.apiKey);
      await wapi(a.email, auth);
      await engine.run(setPassword, { accountId: a.id, password: 'a new password 2' }, { actor: a.actor });
      await assert.rejects(login(a.email, a.password), { code: 'INVALID_CREDENTIALS' });
      assert.equal((await login(a.email, 'a new password 2')).id, a.id);
      const { apiKey } = await engine.run(rotateApiKey, {}, { actor: a.actor });
      await assert.rejects(byKey(a.apiKey), { code: 'INVALID_CREDENTIALS' });
      assert.equal((await byKey(apiKey)).id, a.id);
      await engine.run(setWapiPassword, { accountId: a.id, password: 'wapi secret 2' }, { actor: a.actor });
      await assert.rejects(wapi(a.email, auth), { code: 'INVALID_CREDENTIALS' });
      assert.equal((await wapi(a.email, wapiAuth(a.email, 'wapi secret 2'))).id, a.id);
    });

    test('failure: a suspended account is refused at once everywhere; its level and profile are fresh after a change', async () => {
      const a = await newAccount(engine);
      await engine.run(setWapiPassword, { accountId: a.id, password: 'wapi secret 1' }, { actor: OPERATOR });
      const auth = wapiAuth(a.email, 'wapi secret 1');
      await login(a.email, a.password);
      await byKey(a.apiKey);
      await wapi(a.email, auth);
      await token('jti-suspended', a.id);
      await engine.run(setAccountLevel, { accountId: a.id, level: 'bulk' }, { actor: OPERATOR });
      assert.equal((await login(a.email, a.password)).level, 'bulk');
      await engine.run(updateAccount, { accountId: a.id, firstName: 'Renamed' }, { actor: a.actor });
      assert.equal((await byKey(a.apiKey)).firstName, 'Renamed');
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assert.rejects(login(a.email, a.password), { code: 'ACCOUNT_SUSPENDED' });
      await assert.rejects(byKey(a.apiKey), { code: 'ACCOUNT_SUSPENDED' });
      await assert.rejects(wapi(a.email, auth), { code: 'ACCOUNT_SUSPENDED' });
      assert.deepEqual(await token('jti-suspended', a.id), { revoked: false, accountActive: false });
      await engine.run(setAccountStatus, { accountId: a.id, status: 'active' }, { actor: OPERATOR });
      assert.equal((await login(a.email, a.password)).status, 'active');
    });

    test('failure: a revoked token is refused at once; the WAPI allowlist is fresh after it is set', async () => {
      const a = await newAccount(engine);
      await token('jti-revoked', a.id);
      assert.deepEqual(await cost(c, () => token('jti-revoked', a.id)), FREE);
      await engine.run(revokeToken, { jti: 'jti-revoked', accountId: a.id, expiresAt: TOKEN_EXPIRES }, { actor: a.actor });
      assert.deepEqual(await token('jti-revoked', a.id), { revoked: true, accountActive: true });
      assert.deepEqual(await engine.run(getWapiIpAllowlist, {}, { actor: a.actor }), []);
      await engine.run(setWapiIpAllowlist, { networks: ['192.0.2.0/24'] }, { actor: a.actor });
      assert.deepEqual(await engine.run(getWapiIpAllowlist, {}, { actor: a.actor }), ['192.0.2.0/24']);
    });

    test('failure: after a failed login the right password goes to the database again: the lockout still counts and locks', async () => {
      const a = await newAccount(engine);
      await login(a.email, a.password);
      await assert.rejects(login(a.email, 'wrong 1'), { code: 'INVALID_CREDENTIALS' });
      assert.ok((await cost(c, () => login(a.email, a.password))).statements > 0, 'the success clears the count in the database');
      await login(a.email, a.password);
      for (let i = 0; i < LOCKOUT.attempts; i++) await assert.rejects(login(a.email, `wrong ${i}`), { code: 'INVALID_CREDENTIALS' });
      await assert.rejects(login(a.email, a.password), { code: 'LOGIN_LOCKED' }, 'the lock refuses a password that was cached');
      await assert.rejects(login(a.email, a.password), { code: 'LOGIN_LOCKED' });
      base.clock.advance(LOCKOUT.lockMs);
      assert.equal((await login(a.email, a.password)).id, a.id);
    });

    test('failure: a change written past the flows (SQL) is caught by the change log', async () => {
      const a = await newAccount(engine);
      await login(a.email, a.password);
      await sql`update accounts set status = 'suspended' where id = ${a.id}`.execute(base.store.db);
      // What a direct writer does on the embedded store (a data import): announce it.
      engine.commits.notify();
      await c.feed.readNow();
      await assert.rejects(login(a.email, a.password), { code: 'ACCOUNT_SUSPENDED' });
    });

    if (backend === 'postgres') {
      describe('a second engine on the same schema', () => {
        let other: Store;
        let engine2: Engine;
        let feed2: RunningCredentialsFeed;
        before(async () => {
          const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(base.store.db)).rows[0]!.s;
          other = await openStore({ databaseUrl: process.env.DATABASE_URL!, schema, poolSize: 4, migrate: false });
          engine2 = createEngine({ store: other, clock: base.clock, policy: base.policy });
          feed2 = startCredentialsFeed(engine2, { intervalMs: 50 });
          await feed2.readNow();
        });
        after(async () => {
          await feed2?.stop().catch(() => undefined);
          await other?.close();
        });

        /** Until engine's log reader has read what was committed before this call. */
        const caughtUp = () => c.feed.readNow();

        test('failure: its password change, key rotation, suspension and token revocation are refused here after one read of the log', async () => {
          const a = await newAccount(engine);
          await login(a.email, a.password);
          await byKey(a.apiKey);
          await token('jti-other', a.id);
          assert.deepEqual(await cost(c, () => login(a.email, a.password)), FREE);

          await engine2.run(setPassword, { accountId: a.id, password: 'changed elsewhere' }, { actor: OPERATOR });
          await caughtUp();
          await assert.rejects(login(a.email, a.password), { code: 'INVALID_CREDENTIALS' });
          assert.equal((await login(a.email, 'changed elsewhere')).id, a.id);

          await engine2.run(rotateApiKey, { accountId: a.id }, { actor: OPERATOR });
          await caughtUp();
          await assert.rejects(byKey(a.apiKey), { code: 'INVALID_CREDENTIALS' });

          await engine2.run(revokeToken, { jti: 'jti-other', accountId: a.id, expiresAt: TOKEN_EXPIRES }, { actor: OPERATOR });
          await caughtUp();
          assert.equal((await token('jti-other', a.id)).revoked, true);

          await login(a.email, 'changed elsewhere');
          await engine2.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
          await caughtUp();
          await assert.rejects(login(a.email, 'changed elsewhere'), { code: 'ACCOUNT_SUSPENDED' });
        });

        test('failure: the polling alone catches up within a second', async () => {
          const a = await newAccount(engine);
          await login(a.email, a.password);
          await engine2.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
          const deadline = performance.now() + 1_000;
          for (;;) {
            try {
              await login(a.email, a.password);
            } catch (e) {
              assert.equal((e as { code?: string }).code, 'ACCOUNT_SUSPENDED');
              break;
            }
            assert.ok(performance.now() < deadline, 'still accepted after 1 s');
            await new Promise((r) => setTimeout(r, 20));
          }
        });

        test('failure: failed logins counted there drop the entry here', async () => {
          const a = await newAccount(engine);
          await login(a.email, a.password);
          for (let i = 0; i < LOCKOUT.attempts; i++) {
            await assert.rejects(engine2.run(authenticateByPassword, { email: a.email, password: `wrong ${i}`, lockout: LOCKOUT }, { actor: SYSTEM }));
          }
          await caughtUp();
          await assert.rejects(login(a.email, a.password), { code: 'LOGIN_LOCKED' });
        });

        test('success: without its log reader, a PostgreSQL engine\'s cache answers nothing', async () => {
          const a = await newAccount(engine2);
          await feed2.stop();
          const counter = new StatementCounter();
          const e3 = createEngine({ store: { ...other, db: other.db.withPlugin(counter) }, clock: base.clock, policy: base.policy });
          for (let i = 0; i < 2; i++) {
            const s = counter.count;
            await e3.run(authenticateByApiKey, { key: a.apiKey }, { actor: SYSTEM });
            assert.equal(counter.count - s, 1);
          }
          assert.equal((await engine2.run(authenticateByApiKey, { key: a.apiKey }, { actor: SYSTEM })).id, a.id);
          assert.equal(engine2.credentials.get(engine2.credentials.keyOf('apikey', a.apiKey)), undefined, 'a stopped reader stops the cache');
        });
      });
    }
  });
}

describe('the cache itself', () => {
  test('a check that read before a change cannot store what it read', () => {
    const cache = new CredentialsCache();
    const key = cache.keyOf<string>('apikey', 'k');
    const ticket = cache.ticket();
    cache.forgetAccount(7);
    cache.set(ticket, key, 'stale', { accountId: 7 });
    assert.equal(cache.get(key), undefined);
    cache.set(ticket, key, 'other account', { accountId: 8 });
    assert.equal(cache.get(key), 'other account', 'a change to another account does not matter');
    const t2 = cache.ticket();
    cache.forgetLogin(42);
    cache.set(t2, cache.keyOf<string>('password', 'x'), 'stale', { accountId: 9, login: 42 });
    assert.equal(cache.get(cache.keyOf<string>('password', 'x')), undefined);
    const t3 = cache.ticket();
    cache.forgetAll();
    cache.set(t3, key, 'stale', { accountId: 8 });
    assert.equal(cache.get(key), undefined);
  });

  test('keys: keyed per process, length-prefixed parts', () => {
    const a = new CredentialsCache();
    const b = new CredentialsCache();
    assert.notEqual(a.keyOf('password', 'e', 'p'), b.keyOf('password', 'e', 'p'));
    assert.notEqual(a.keyOf('password', 'a\0b', 'c'), a.keyOf('password', 'a', 'b\0c'));
    assert.notEqual(a.keyOf('password', 'x'), a.keyOf('apikey', 'x'));
    assert.ok(!a.keyOf('password', 'e@x.test', 'hunter2').includes('hunter2'));
  });

  test('bounded: the least recently used entry goes first; TTL 0 turns it off', () => {
    const cache = new CredentialsCache({ maxEntries: 2 });
    const k = (n: string) => cache.keyOf<number>('apikey', n);
    cache.set(cache.ticket(), k('1'), 1, { accountId: 1 });
    cache.set(cache.ticket(), k('2'), 2, { accountId: 2 });
    assert.equal(cache.get(k('1')), 1);
    cache.set(cache.ticket(), k('3'), 3, { accountId: 3 });
    assert.equal(cache.get(k('2')), undefined);
    assert.equal(cache.get(k('1')), 1);
    assert.equal(cache.get(k('3')), 3);
    assert.equal(cache.size, 2);
    const off = new CredentialsCache({ ttlMs: 0 });
    off.set(off.ticket(), off.keyOf<number>('apikey', 'x'), 1, { accountId: 1 });
    assert.equal(off.get(off.keyOf<number>('apikey', 'x')), undefined);
  });

  test('an incoherent cache (PostgreSQL without its log reader) answers nothing', () => {
    let coherent = true;
    const cache = new CredentialsCache({ coherent: () => coherent });
    const key = cache.keyOf<number>('apikey', 'x');
    cache.set(cache.ticket(), key, 1, { accountId: 1 });
    coherent = false;
    assert.equal(cache.get(key), undefined);
    coherent = true;
    assert.equal(cache.get(key), 1);
  });
});
