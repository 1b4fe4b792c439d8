import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { OPERATOR, setAccountStatus } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newAccount } from '../../support/fixtures.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, assertFixture, KifdomClient, restartableServer } from './support.ts';

const RESOURCE_PATHS = [
  ['GET', '/domains'], ['POST', '/domains'], ['GET', '/domains/example.fr'], ['PUT', '/domains/example.fr'],
  ['GET', '/name-servers/example.fr'], ['PUT', '/name-servers/example.fr'],
  ['POST', '/dns-zones'], ['GET', '/dns-zones/example.fr'], ['PUT', '/dns-zones'], ['DELETE', '/dns-zones'],
  ['GET', '/preorders'], ['POST', '/preorders'],
] as const;
const AUTH_PATHS = ['/auth/refresh', '/auth/me', '/auth/logout'] as const;

for (const backend of BACKENDS) {
  describe(`${backend}: KifDom authentication`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let api: KifdomClient;
    let user: Awaited<ReturnType<typeof newAccount>>;
    before(async () => {
      t = await startTestServer(backend);
      api = new KifdomClient(t.url);
      await api.loadContract();
      user = await newAccount(t.services.engine, {
        firstName: 'Jeanne', lastName: 'Martin', address: '12 rue de la Paix', postcode: '75002', city: 'Paris', country: 'FR', phone: '+33.612345678',
      });
    });
    after(async () => t.close());

    test('login: the document example (200) — a bearer token for 3600 s', async () => {
      const res = await api.call('POST', '/auth/login', { json: { email: user.email, password: user.password } });
      assertFixture(res, 200, 'login-200.json');
    });

    test('login: the e-mail is matched without regard to case', async () => {
      const res = await api.call('POST', '/auth/login', { json: { email: user.email.toUpperCase(), password: user.password } });
      assertFixture(res, 200, 'login-200.json');
    });

    test('login: the document example (401) for a wrong password or an unknown e-mail; a suspended account is told so', async () => {
      assertFixture(await api.call('POST', '/auth/login', { json: { email: user.email, password: 'wrong password' } }), 401, 'login-401.json');
      assertFixture(await api.call('POST', '/auth/login', { json: { email: 'nobody@example.test', password: user.password } }), 401, 'login-401.json');
      const suspended = await newAccount(t.services.engine);
      await t.services.engine.run(setAccountStatus, { accountId: suspended.id, status: 'suspended' }, { actor: OPERATOR });
      assertBody(await api.call('POST', '/auth/login', { json: { email: suspended.email, password: suspended.password } }), 401, {
        error: { code: 401, message: 'Your account is suspended.' },
      });
      assertFixture(await api.call('POST', '/auth/login', { json: { email: suspended.email, password: 'wrong password' } }), 401, 'login-401.json');
    });

    test('login: missing or mistyped fields are a 400 naming the parameter', async () => {
      const cases: [unknown, string][] = [
        [{ email: user.email }, 'The `password` parameter is required.'],
        [{ password: 'x' }, 'The `email` parameter is required.'],
        [{}, 'The `email` parameter is required.'],
        [{ email: 12, password: 'x' }, 'The `email` parameter should be a string.'],
        [{ email: user.email, password: ['x'] }, 'The `password` parameter should be a string.'],
        [[user.email, user.password], 'The request body should be a JSON object.'],
      ];
      for (const [json, message] of cases) {
        assertFixture(await api.call('POST', '/auth/login', { json }), 400, 'login-400.json', { MESSAGE: message });
      }
      assertFixture(await api.call('POST', '/auth/login', {}), 400, 'login-400.json', { MESSAGE: 'The `email` parameter is required.' });
      assertFixture(await api.call('POST', '/auth/login', { raw: '{"email":' }), 400, 'login-400.json', { MESSAGE: 'The request body is not valid JSON.' });
    });

    test('me: the document example (200) with the account profile', async () => {
      const token = await api.login(user.email, user.password);
      assertFixture(await api.call('POST', '/auth/me', { token }), 200, 'me-200.json', { EMAIL: user.email });
    });

    test('auth endpoints: {"message":"Unauthenticated."} without a token, with a bad one, with a revoked one', async () => {
      const revoked = await api.login(user.email, user.password);
      assertFixture(await api.call('POST', '/auth/logout', { token: revoked }), 200, 'logout-200.json');
      for (const path of AUTH_PATHS) {
        assertFixture(await api.call('POST', path), 401, 'unauthenticated-401.json');
        assertFixture(await api.call('POST', path, { token: 'not-a-token' }), 401, 'unauthenticated-401.json');
        assertFixture(await api.call('POST', path, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'unauthenticated-401.json');
        assertFixture(await api.call('POST', path, { token: revoked }), 401, 'unauthenticated-401.json');
      }
    });

    test('resource endpoints: "Token not provided" without a token; a refused token says why', async () => {
      const foreignKey = new TextEncoder().encode('a-secret-that-is-not-this-installations');
      const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('regd/kifdom').setAudience('kifdom-api-v1')
        .setSubject(String(user.id)).setJti('forged').setIssuedAt().setExpirationTime('1h').sign(foreignKey);
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: String(user.id), jti: 'x', exp: 4e9, iat: 1 })).toString('base64url')}.`;
      for (const [method, path] of RESOURCE_PATHS) {
        assertFixture(await api.call(method, path), 401, 'token-not-provided-401.json');
        assertFixture(await api.call(method, path, { headers: { Authorization: 'Bearer' } }), 401, 'token-not-provided-401.json');
        for (const token of ['garbage', forged, unsigned]) {
          assertBody(await api.call(method, path, { token }), 401, { message: 'Token Signature could not be verified.' });
        }
      }
    });

    test('refresh: a new working token; the old one is revoked and cannot be refreshed twice', async () => {
      const old = await api.login(user.email, user.password);
      const refreshed = await api.call('POST', '/auth/refresh', { token: old });
      assertFixture(refreshed, 200, 'login-200.json');
      const fresh = (refreshed.body as { access_token: string }).access_token;
      assert.notEqual(fresh, old);
      assert.equal((await api.call('GET', '/domains', { token: fresh })).status, 200);
      assertBody(await api.call('GET', '/domains', { token: old }), 401, { message: 'The token has been blacklisted' });
      assertFixture(await api.call('POST', '/auth/refresh', { token: old }), 401, 'unauthenticated-401.json');
      assertFixture(await api.call('POST', '/auth/me', { token: old }), 401, 'unauthenticated-401.json');
    });

    test('logout: the document example (200); the token is refused from then on', async () => {
      const token = await api.login(user.email, user.password);
      const other = await api.login(user.email, user.password);
      assertFixture(await api.call('POST', '/auth/logout', { token }), 200, 'logout-200.json');
      assertBody(await api.call('GET', '/preorders', { token }), 401, { message: 'The token has been blacklisted' });
      assertFixture(await api.call('POST', '/auth/logout', { token }), 401, 'unauthenticated-401.json');
      assert.equal((await api.call('GET', '/preorders', { token: other })).status, 200, 'another token of the account still works');
    });

    test('a token of an account suspended since is refused', async () => {
      const later = await newAccount(t.services.engine);
      const token = await api.login(later.email, later.password);
      await t.services.engine.run(setAccountStatus, { accountId: later.id, status: 'suspended' }, { actor: OPERATOR });
      assertBody(await api.call('GET', '/domains', { token }), 401, { message: 'User not found' });
      assertFixture(await api.call('POST', '/auth/me', { token }), 401, 'unauthenticated-401.json');
    });

    // Last in this suite: it moves the sandbox clock.
    test('expiry runs on the engine clock: valid after 59 minutes, expired after 2 hours', async () => {
      const token = await api.login(user.email, user.password);
      assert.equal((await ops(t.url, 'clock advance', { duration: '59m' })).status, 200);
      assert.equal((await api.call('POST', '/auth/me', { token })).status, 200);
      assert.equal((await ops(t.url, 'clock advance', { duration: '2h' })).status, 200);
      assertBody(await api.call('GET', '/domains', { token }), 401, { message: 'Token has expired' });
      assertFixture(await api.call('POST', '/auth/me', { token }), 401, 'unauthenticated-401.json');
      assertFixture(await api.call('POST', '/auth/refresh', { token }), 401, 'unauthenticated-401.json');
      const again = await api.login(user.email, user.password);
      assert.equal((await api.call('GET', '/domains', { token: again })).status, 200);
    });
  });

  describe(`${backend}: KifDom tokens survive a restart`, { timeout: 120_000 }, () => {
    test('the signing secret and the revocations are in the database', async () => {
      const data = restartableServer(backend);
      try {
        const first = await data.start();
        const user = await newAccount(first.services.engine);
        let api = new KifdomClient(first.url);
        const kept = await api.login(user.email, user.password);
        const revoked = await api.login(user.email, user.password);
        assert.equal((await api.call('POST', '/auth/logout', { token: revoked })).status, 200);
        await first.close();

        const second = await data.start();
        try {
          api = new KifdomClient(second.url);
          assert.equal((await api.call('GET', '/domains', { token: kept })).status, 200, 'a token signed before the restart is still valid');
          assertBody(await api.call('GET', '/domains', { token: revoked }), 401, { message: 'The token has been blacklisted' });
          assertFixture(await api.call('POST', '/auth/refresh', { token: revoked }), 401, 'unauthenticated-401.json');
        } finally {
          await second.close();
        }
      } finally {
        await data.destroy();
      }
    });
  });
}
