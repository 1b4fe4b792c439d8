import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATOR, accountActor } from '../../src/core/context.ts';
import { createAccount, depositFunds } from '../../src/core/flows/accounts/index.ts';
import { registerDomain } from '../../src/core/flows/domains/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { TEST_TOKEN, ops, startTestServer, type TestServer } from './support.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: operator API`, { timeout: 120_000 }, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(backend);
    });
    after(async () => t.close());

    test('no token, a wrong token or another scheme: 401 JSON, nothing runs', async () => {
      for (const auth of [null, 'Bearer wrong-token', `Bearer ${TEST_TOKEN}x`, `Basic ${TEST_TOKEN}`, TEST_TOKEN]) {
        const r = await ops(t.url, 'account create', { email: 'intruder@example.test', password: 'long-enough' }, auth);
        assert.equal(r.status, 401, String(auth));
        assert.equal(r.body.error?.code, 'UNAUTHORIZED');
      }
      const list = await ops(t.url, 'account list');
      assert.deepEqual(list.body.result, []);
      const commands = await fetch(`${t.url}/_ops/commands`);
      assert.equal(commands.status, 401);
    });

    test('with the token: the CLI handlers run (create, deposit, show)', async () => {
      const created = await ops(t.url, 'account create', { email: 'ops@example.test', password: 'long-enough', firstName: 'Ops' });
      assert.equal(created.status, 200);
      const r = created.body.result as { account: { id: number; email: string }; apiKey: string; password?: string };
      assert.equal(r.account.email, 'ops@example.test');
      assert.equal(typeof r.apiKey, 'string');
      assert.equal(r.password, undefined, 'a given password is never echoed');
      const dep = await ops(t.url, 'account deposit', { account: 'ops@example.test', amount: '12.50', currency: 'USD' });
      assert.equal(dep.status, 200);
      const shown = await ops(t.url, 'account show', { account: String(r.account.id) });
      const balances = (shown.body.result as { balances: { currency: string; balance: string; balanceMinor: number }[] }).balances;
      assert.deepEqual(balances.map((b) => [b.currency, b.balance, b.balanceMinor]), [['USD', '12.50', 1250]]);
      const commands = (await (await fetch(`${t.url}/_ops/commands`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).json()) as { commands: string[] };
      assert.ok(commands.commands.includes('clock advance') && commands.commands.includes('export'));
    });

    test('flow errors keep their code; unknown commands and bad bodies are JSON errors', async () => {
      const missing = await ops(t.url, 'account show', { account: '999999' });
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body, { error: { code: 'ACCOUNT_NOT_FOUND', message: 'Account 999999 not found.', category: 'NotFound' } });
      const invalid = await ops(t.url, 'account deposit', { account: '1', amount: 'lots' });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.error?.code, 'INVALID_VALUE');
      const unknown = await ops(t.url, 'account explode');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error?.code, 'UNKNOWN_COMMAND');
      const malformed = await fetch(`${t.url}/_ops/run`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` }, body: '{"command":' });
      assert.equal(malformed.status, 400);
      assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'INVALID_REQUEST');
      const wrongShape = await fetch(`${t.url}/_ops/run`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` }, body: '{"command":[]}' });
      assert.equal(wrongShape.status, 400);
    });

    test('domain, order and tld commands read through the operator flows', async () => {
      const { engine } = t.services;
      const { account } = await engine.run(createAccount, { email: 'holder@example.test', password: 'long-enough' }, { actor: OPERATOR });
      await engine.run(depositFunds, { accountId: account.id, amount: '100.00', currency: 'EUR' }, { actor: OPERATOR });
      await engine.run(registerDomain, { name: 'ops-listed.com' }, { actor: accountActor(account.id), source: 'test' });

      const all = (await ops(t.url, 'domain list')).body.result as { name: string; accountId: number; state: string }[];
      assert.deepEqual(all.map((d) => [d.name, d.accountId, d.state]), [['ops-listed.com', account.id, 'active']]);
      const mine = (await ops(t.url, 'domain list', { account: 'holder@example.test', state: 'expired' })).body.result as unknown[];
      assert.deepEqual(mine, []);
      const shown = await ops(t.url, 'domain show', { name: 'OPS-LISTED.com' });
      assert.equal(shown.status, 200);
      assert.deepEqual((shown.body.result as { name: string; accountId: number }).name, 'ops-listed.com');
      assert.equal((shown.body.result as { accountId: number }).accountId, account.id);
      const free = await ops(t.url, 'domain show', { name: 'not-registered.com' });
      assert.equal(free.body.error?.code, 'DOMAIN_NOT_FOUND');

      const orders = (await ops(t.url, 'order list', { account: String(account.id) })).body.result as { kind: string; amount: string; currency: string }[];
      assert.deepEqual(orders.map((o) => [o.kind, o.amount, o.currency]), [['register', '9.99', 'EUR'], ['deposit', '100.00', 'EUR']]);

      const tlds = (await ops(t.url, 'tld list')).body.result as { tld: string; prices: Record<string, Record<string, string>> }[];
      assert.equal(tlds.find((x) => x.tld === 'com')?.prices.EUR?.register, '9.99');
      const com = (await ops(t.url, 'tld show', { tld: '.COM' })).body.result as { grace: { autoRenew: string }; premium: Record<string, Record<string, string>> };
      assert.equal(com.grace.autoRenew, '45d');
      assert.equal(com.premium['cars.com']?.EUR, '4999.00');
      assert.equal((await ops(t.url, 'tld show', { tld: 'nope' })).body.error?.code, 'INVALID_VALUE');
    });
  });
}
