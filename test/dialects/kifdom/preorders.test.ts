import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { failDropRequest, listDropRequests, registerDomain, SYSTEM, type Engine } from '../../../src/core/index.ts';
import { sweep } from '../../../src/jobs/sweeper.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, assertFixture, assertUnchanged, KifdomClient } from './support.ts';

/** "2023-05-17T09:27:27.000000Z" */
const isoMicros = (at: Date) => at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

for (const backend of BACKENDS) {
  describe(`${backend}: KifDom preorders`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let api: KifdomClient;
    let engine: Engine;
    let holder: TestAccount;
    let user: TestAccount;
    let token: string;
    const db = () => t.services.store.db;
    const numeric = (onHold: number, total: number, balance: number, message: string) => ({ ON_HOLD: onHold, TOTAL: total, BALANCE: balance, MESSAGE: message });

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      api = new KifdomClient(t.url);
      await api.loadContract();
      holder = await newAccount(engine, { depositEur: '100.00' });
      for (const name of ['mydomain.fr', 'crème.fr', 'lost.fr']) {
        await engine.run(registerDomain, { name, currency: 'EUR', autoRenew: false }, { actor: holder.actor });
      }
      user = await newAccount(engine, { depositEur: '100.00' });
      token = await api.login(user.email, user.password);
    });
    after(async () => t.close());

    test('list: empty at first', async () => {
      assertBody(await api.call('GET', '/preorders', { token }), 200, { meta: { balance: '100.00', 'on-hold': '0.00', total: 0, error: false }, data: [] });
    });

    test('create: the document example (200) puts the .fr price on hold', async () => {
      const res = await api.call('POST', '/preorders', { token, json: { domain_name: 'mydomain.fr' } });
      assertFixture(res, 200, 'write-ok-200.json', { BALANCE: '100.00', ON_HOLD: '6.99', TOTAL: 0, MESSAGE: 'Preorder successfully created.' });
      const [request] = await engine.run(listDropRequests, { kind: 'preorder' }, { actor: user.actor });
      const list = await api.call('GET', '/preorders', { token });
      assertFixture(list, 200, 'seed-preorders-list-200.json', { BALANCE: '100.00', ON_HOLD: '6.99', TOTAL: 0, LAST_UPDATE: isoMicros(request!.updatedAt) });
    });

    test('create: the document example (400) for a name already preordered; nothing changes', async () => {
      const res = await assertUnchanged(db(), () => api.call('POST', '/preorders', { token, json: { domain_name: 'MyDomain.fr' } }));
      assertFixture(res, 400, 'error-400-numeric.json', numeric(6.99, 0, 100, 'You already have preordered this domain name.'));
    });

    test('create: refused requests change nothing', async () => {
      await api.call('POST', '/domains', { token, json: { name: 'mine.fr', renewable: 0 } });
      const cases: [unknown, string][] = [
        [{ domain_name: 'free-to-take.fr' }, 'This domain name is available: register it with POST /api/v1/domains instead.'],
        [{ domain_name: 'mine.fr' }, 'This domain name is already yours.'],
        [{ domain_name: 'www.fr' }, 'This domain name is reserved by the registry.'],
        [{ domain_name: 'name.xyz' }, 'The extension .xyz of the `domain_name` parameter is not offered.'],
        [{ domain_name: ['mydomain.fr'] }, 'The `domain_name` parameter should be a string.'],
        [{}, 'The `domain_name` parameter is required.'],
      ];
      for (const [json, message] of cases) {
        const res = await assertUnchanged(db(), () => api.call('POST', '/preorders', { token, json }));
        assertFixture(res, 400, 'error-400-numeric.json', numeric(6.99, 1, 93.01, message));
      }
      const poor = await newAccount(engine, { depositEur: '5.00' });
      const poorToken = await api.login(poor.email, poor.password);
      const res = await assertUnchanged(db(), () => api.call('POST', '/preorders', { token: poorToken, json: { domain_name: 'lost.fr' } }));
      assertFixture(res, 400, 'error-400-numeric.json', numeric(0, 0, 5, 'Your credits balance is insufficient for this operation.'));
    });

    test('an accented name is listed in Unicode with its punycode; a failed preorder releases its hold', async () => {
      assert.equal((await api.call('POST', '/preorders', { token, json: { domain_name: 'crème.fr' } })).status, 200);
      assert.equal((await api.call('POST', '/preorders', { token, json: { domain_name: 'lost.fr' } })).status, 200);
      const lost = (await engine.run(listDropRequests, { kind: 'preorder' }, { actor: user.actor })).find((r) => r.name === 'lost.fr')!;
      assert.equal(await engine.run(failDropRequest, { requestId: lost.id, reason: 'the registry refused the name' }, { actor: SYSTEM }), true);
      const res = await api.call('GET', '/preorders', { token });
      const body = res.body as { meta: unknown; data: { name: string; punycode_name: string; status: string }[] };
      assert.deepEqual(body.meta, { balance: '93.01', 'on-hold': '13.98', total: 1, error: false });
      assert.deepEqual(body.data.map(({ name, punycode_name, status }) => ({ name, punycode_name, status })), [
        { name: 'mydomain.fr', punycode_name: 'mydomain.fr', status: 'Précommande en cours' },
        { name: 'crème.fr', punycode_name: 'xn--crme-6oa.fr', status: 'Précommande en cours' },
        { name: 'lost.fr', punycode_name: 'lost.fr', status: 'Précommande échouée' },
      ]);
    });

    // Last: it moves the sandbox clock past the release of the preordered names.
    test('when the name is released the sweeper registers it for the preorder: the hold becomes the charge', async () => {
      // As a running sweeper would: once just after the names expire, once after their release (.fr: 30 days of redemption).
      for (const duration of ['366d', '40d']) {
        assert.equal((await ops(t.url, 'clock advance', { duration })).status, 200);
        const swept = await sweep(engine, { wait: true, onError: (err) => assert.fail(String(err)) });
        assert.equal(swept.skipped, false);
      }
      token = await api.login(user.email, user.password); // the old token expired with the clock move
      const list = (await api.call('GET', '/preorders', { token })).body as { meta: unknown; data: { name: string; status: string }[] };
      assert.deepEqual(list.data.map((p) => [p.name, p.status]), [
        ['mydomain.fr', 'Précommande réussie'],
        ['crème.fr', 'Précommande réussie'],
        ['lost.fr', 'Précommande échouée'],
      ]);
      const domains = (await api.call('GET', '/domains', { token })).body as { meta: { balance: string; 'on-hold': string; total: number }; data: { punycode_name: string; status: string }[] };
      // 93.01 − 2 × 6.99: the holds became the charges; mine.fr (not renewed) has been released meanwhile.
      assert.deepEqual(domains.meta, { balance: '79.03', 'on-hold': '0.00', total: 2, error: false });
      assert.deepEqual(domains.data.map((d) => [d.punycode_name, d.status]), [['mydomain.fr', 'active'], ['xn--crme-6oa.fr', 'active']]);
    });
  });
}
