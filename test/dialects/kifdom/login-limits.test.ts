/**
 * Failed logins over HTTP: per e-mail (known or not) and per client
 * address, on the engine clock (moved through the operator API).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../support/backends.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, assertFixture, KifdomClient, type KifdomResponse } from './support.ts';

const locked = (seconds: number) => ({ error: { code: 429, message: `Too many failed login attempts. Try again in ${seconds} seconds.` } });

/**
 * The whole 429 body. The sandbox clock runs on from where it was moved,
 * so the seconds left are known only up to the time the test took: at most
 * `max`, and some.
 */
function assertLocked(res: KifdomResponse, max: number): number {
  const seconds = Number(/in (\d+) seconds/.exec(String((res.body as { error?: { message?: unknown } }).error?.message))?.[1]);
  assert.ok(seconds > 0 && seconds <= max, `${seconds} seconds left, at most ${max} expected: ${res.text}`);
  assertBody(res, 429, locked(seconds));
  return seconds;
}

for (const backend of BACKENDS) {
  describe(`${backend}: KifDom failed-login limits`, { timeout: 300_000 }, () => {
    let t: TestServer;
    let api: KifdomClient;
    let user: TestAccount;
    const login = (email: string, password: string) => api.call('POST', '/auth/login', { json: { email, password } });
    const advance = async (duration: string) => assert.equal((await ops(t.url, 'clock advance', { duration })).status, 200);
    const fail = async (email: string, times: number) => {
      for (let i = 1; i <= times; i++) assertFixture(await login(email, `wrong password ${i}`), 401, 'login-401.json');
    };

    before(async () => {
      t = await startTestServer(backend);
      api = new KifdomClient(t.url);
      await api.loadContract();
      user = await newAccount(t.services.engine);
    });
    after(async () => t.close());

    test('10 wrong passwords lock the e-mail for 15 minutes: the right password gets 429 with Retry-After, until the clock has moved', async () => {
      await fail(user.email, 10);
      assertLocked(await login(user.email, user.password), 900);
      const raw = await fetch(`${api.baseUrl}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email.toUpperCase(), password: user.password }),
      });
      const body = (await raw.json()) as { error: { message: string } };
      assert.equal(raw.status, 429);
      assert.equal(raw.headers.get('retry-after'), /in (\d+) seconds/.exec(body.error.message)?.[1], 'Retry-After: the seconds of the message');
      await advance('10m');
      assertLocked(await login(user.email, user.password), 300);
      await advance('5m');
      assertFixture(await login(user.email, user.password), 200, 'login-200.json');
      await advance('15m');
    });

    test('a successful login resets the count', async () => {
      await fail(user.email, 9);
      assertFixture(await login(user.email, user.password), 200, 'login-200.json');
      await fail(user.email, 9);
      assertFixture(await login(user.email, user.password), 200, 'login-200.json');
      await advance('15m');
    });

    test('an unknown e-mail counts and locks like a known one', async () => {
      await fail('nobody-at-all@example.test', 10);
      assertLocked(await login('nobody-at-all@example.test', 'anything'), 900);
      await advance('15m');
    });

    test('30 failures from one address block it for 15 minutes, whatever the e-mail and password', async () => {
      for (let i = 1; i <= 30; i++) assertFixture(await login(`guess-${i}@example.test`, 'password'), 401, 'login-401.json');
      assertLocked(await login(user.email, user.password), 900);
      await advance('15m');
      assertFixture(await login(user.email, user.password), 200, 'login-200.json');
    });
  });
}
