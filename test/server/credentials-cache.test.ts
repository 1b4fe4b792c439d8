/**
 * The verified-credentials cache over HTTP, one server for the four APIs:
 * a credential that was just accepted (and so cached) is refused by the
 * very next request once its password, key or WAPI password changed, its
 * account was suspended or its KifDom token revoked.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../support/backends.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { OPERATOR } from '../../src/core/context.ts';
import { rotateApiKey, setAccountStatus, setPassword, setWapiPassword } from '../../src/core/index.ts';
import { WAPI_CODES } from '../../src/dialects/wedos/codes.ts';
import { startTestServer, type TestServer } from './support.ts';
import { assertError, call } from '../dialects/freenom/support.ts';
import { assertBody, KifdomClient } from '../dialects/kifdom/support.ts';
import { api3, assertBody as assertDynadot } from '../dialects/dynadot/support.ts';
import { assertResponse, expected, newWapiAccount, WapiClient } from '../dialects/wedos/support.ts';

const AS_OPERATOR = { actor: OPERATOR };

for (const backend of BACKENDS) {
  describe(`${backend}: cached credentials are refused at once after a change`, { timeout: 300_000 }, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(backend);
    });
    after(async () => t?.close());

    const status = (a: { id: number } | { accountId: number }, s: 'active' | 'suspended') =>
      t.services.engine.run(setAccountStatus, { accountId: 'id' in a ? a.id : a.accountId, status: s }, AS_OPERATOR);

    test('Freenom: a new password, then a suspension', async () => {
      const a = await newAccount(t.services.engine);
      const list = (password: string) => call(`${t.url}/v2`, '/domain/list', { email: a.email, password });
      for (let i = 0; i < 3; i++) assert.equal((await list(a.password)).body.status, 'OK');
      await t.services.engine.run(setPassword, { accountId: a.id, password: 'the new password' }, AS_OPERATOR);
      assertError(await list(a.password), 'Login credentials do not match any account');
      for (let i = 0; i < 2; i++) assert.equal((await list('the new password')).body.status, 'OK');
      await status(a, 'suspended');
      assertError(await list('the new password'), 'Account is suspended');
    });

    test('KifDom: a token in use, then its account suspended; a token in use, then logged out', async () => {
      const api = new KifdomClient(t.url);
      const a = await newAccount(t.services.engine);
      let token = await api.login(a.email, a.password);
      for (let i = 0; i < 3; i++) assert.equal((await api.call('GET', '/domains', { token })).status, 200);
      await status(a, 'suspended');
      assertBody(await api.call('GET', '/domains', { token }), 401, { message: 'User not found' });
      assertBody(await api.call('POST', '/auth/login', { json: { email: a.email, password: a.password } }), 401, { error: { code: 401, message: 'Your account is suspended.' } });
      await status(a, 'active');
      token = await api.login(a.email, a.password);
      for (let i = 0; i < 3; i++) assert.equal((await api.call('GET', '/domains', { token })).status, 200);
      assert.equal((await api.call('POST', '/auth/logout', { token })).status, 200);
      assertBody(await api.call('GET', '/domains', { token }), 401, { message: 'The token has been blacklisted' });
      await t.services.engine.run(setPassword, { accountId: a.id, password: 'the new password' }, AS_OPERATOR);
      assert.equal((await api.call('POST', '/auth/login', { json: { email: a.email, password: a.password } })).status, 401);
    });

    test('WAPI: a new WAPI password, then a suspension', async () => {
      const a = await newWapiAccount(t.services.engine);
      const ping = (password: string) => new WapiClient(t.url, a.email, password).call('ping');
      for (let i = 0; i < 3; i++) assertResponse(await ping(a.wapiPassword), expected('ping', 1000, WAPI_CODES[1000]!));
      await t.services.engine.run(setWapiPassword, { accountId: a.accountId, password: 'the new wapi password' }, AS_OPERATOR);
      assertResponse(await ping(a.wapiPassword), expected('ping', 2050, WAPI_CODES[2050]!));
      for (let i = 0; i < 2; i++) assertResponse(await ping('the new wapi password'), expected('ping', 1000, WAPI_CODES[1000]!));
      await status(a, 'suspended');
      assertResponse(await ping('the new wapi password'), expected('ping', 2050, `${WAPI_CODES[2050]!}: the account is suspended`));
    });

    test('Dynadot: a rotated key, then a suspension', async () => {
      const a: TestAccount = await newAccount(t.services.engine);
      const processing = (key: string) => api3(t.url, 'json', { key, command: 'is_processing' });
      for (let i = 0; i < 3; i++) assert.equal((await processing(a.apiKey)).status, 200);
      assert.doesNotMatch((await processing(a.apiKey)).text, /invalid key/);
      const { apiKey } = await t.services.engine.run(rotateApiKey, { accountId: a.id }, AS_OPERATOR);
      assertDynadot(await processing(a.apiKey), '{"Response":{"ResponseCode":"-1","Error":"invalid key"}}');
      assert.doesNotMatch((await processing(apiKey)).text, /invalid key/);
      await status(a, 'suspended');
      assertDynadot(await processing(apiKey), '{"Response":{"ResponseCode":"-1","Error":"your account is locked"}}');
    });
  });
}
