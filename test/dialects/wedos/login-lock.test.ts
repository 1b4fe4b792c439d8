/**
 * WAPI failed logins per login (`logins.perAccount`, counted apart from the
 * account password), with the address block off so that it does not answer
 * first; and the address block (2052) still answering first when it is on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WAPI_CODES } from '../../../src/dialects/wedos/codes.ts';
import { BACKENDS } from '../../support/backends.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { assertResponse, envelope, expected, newWapiAccount, postRaw, WapiClient, type WapiReply } from './support.ts';

const T = WAPI_CODES;
const FORM = 'application/x-www-form-urlencoded';

/** 2050 with the lock's text; the seconds left are at most `max` (the sandbox clock runs on from where it was moved). */
function assertLocked(reply: WapiReply, max: number): void {
  const seconds = Number(/try again in (\d+) seconds/.exec(reply.raw)?.[1]);
  assert.ok(seconds > 0 && seconds <= max, `${seconds} seconds left, at most ${max} expected: ${reply.raw}`);
  assertResponse(reply, expected('ping', 2050, `${T[2050]!}: too many failed attempts for this login, try again in ${seconds} seconds`));
}

for (const backend of BACKENDS) {
  describe(`${backend}: WAPI login lock`, { timeout: 300_000 }, () => {
    let s: TestServer;
    let a: { email: string; wapiPassword: string; accountId: number };
    let client: WapiClient;
    const fail = (login: string) => postRaw(s.url, 'json', new URLSearchParams({ request: JSON.stringify(envelope(login, 'wrong', 'ping')) }).toString(), FORM);
    const advance = async (duration: string) => assert.equal((await ops(s.url, 'clock advance', { duration })).status, 200);

    before(async () => {
      s = await startTestServer(backend, { argv: ['--wapi-block-attempts', '0'] });
      a = await newWapiAccount(s.services.engine);
      client = new WapiClient(s.url, a.email, a.wapiPassword);
    });
    after(() => s.close());

    test('10 wrong hashes lock the login for 15 minutes, right hash included; the KifDom password is not locked', async () => {
      for (let i = 1; i <= 10; i++) assertResponse(await fail(a.email), expected('ping', 2050, T[2050]!), `failure ${i}`);
      assertLocked(await client.call('ping'), 900);
      const kifdom = await fetch(`${s.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: a.email, password: 'correct horse battery' }),
      });
      assert.equal(kifdom.status, 200);
      await advance('10m');
      assertLocked(await client.call('ping'), 300);
      await advance('5m');
      assertResponse(await client.call('ping'), expected('ping', 1000, 'OK'));
    });

    test('an unknown login locks like a known one', async () => {
      for (let i = 1; i <= 10; i++) assertResponse(await fail('nobody@example.test'), expected('ping', 2050, T[2050]!), `failure ${i}`);
      assertLocked(await fail('nobody@example.test'), 900);
      await advance('15m');
    });
  });
}
