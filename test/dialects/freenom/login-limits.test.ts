/**
 * Failed logins over HTTP: per e-mail (known or not) and per client
 * address (counted together with KifDom's logins), on the engine clock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../support/backends.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { assertError, call, startFreenomServer, type FreenomTestServer, type Reply } from './support.ts';

const WRONG = 'Login credentials do not match any account';

/** The sandbox clock runs on from where it was moved: the seconds left are at most `max`, and some. */
function assertLocked(reply: Reply, max: number): void {
  const seconds = Number(/in (\d+) seconds$/.exec(String(reply.body.error))?.[1]);
  assert.ok(seconds > 0 && seconds <= max, `${seconds} seconds left, at most ${max} expected: ${reply.text}`);
  assertError(reply, `Too many failed login attempts: try again in ${seconds} seconds`);
}

for (const backend of BACKENDS) {
  describe(`${backend}: Freenom failed-login limits`, { timeout: 300_000 }, () => {
    let s: FreenomTestServer;
    let user: TestAccount;
    const list = (email: string, password: string, xml = false) => call(s.v2, '/domain/list', { email, password }, { xml });
    const fail = async (email: string, times: number) => {
      for (let i = 1; i <= times; i++) assertError(await list(email, `wrong password ${i}`), WRONG);
    };
    const ok = async (reply: Reply) => assert.equal(reply.body.status, 'OK', reply.text);

    before(async () => {
      s = await startFreenomServer(backend);
      user = await s.account();
    });
    after(async () => s.close());

    test('10 wrong passwords lock the e-mail for 15 minutes: the right password is refused (JSON and XML) until the clock has moved', async () => {
      await fail(user.email, 10);
      assertLocked(await list(user.email, user.password), 900);
      const xml = await list(user.email, user.password, true);
      assertLocked(xml, 900);
      assert.match(xml.contentType, /^application\/xml/);
      await s.advance('10m');
      assertLocked(await call(s.dotcf, '/domain/list', { email: user.email.toUpperCase(), password: user.password }), 300);
      await s.advance('5m');
      await ok(await list(user.email, user.password));
      await s.advance('15m');
    });

    test('a successful call resets the count', async () => {
      await fail(user.email, 9);
      await ok(await list(user.email, user.password));
      await fail(user.email, 9);
      await ok(await list(user.email, user.password));
      await s.advance('15m');
    });

    test('an unknown e-mail counts and locks like a known one', async () => {
      await fail('nobody-at-all@example.test', 10);
      assertLocked(await list('nobody-at-all@example.test', 'anything'), 900);
      await s.advance('15m');
    });

    test('30 failures from one address, KifDom and Freenom together, block it for both for 15 minutes', async () => {
      for (let i = 1; i <= 15; i++) assertError(await list(`guess-${i}@example.test`, 'password'), WRONG);
      for (let i = 16; i <= 30; i++) {
        const res = await fetch(`${s.url}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `guess-${i}@example.test`, password: 'password' }),
        });
        assert.equal(res.status, 401, `KifDom failure ${i}`);
      }
      assertLocked(await list(user.email, user.password), 900);
      const kifdom = await fetch(`${s.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }),
      });
      assert.equal(kifdom.status, 429);
      await s.advance('15m');
      await ok(await list(user.email, user.password));
    });
  });
}
