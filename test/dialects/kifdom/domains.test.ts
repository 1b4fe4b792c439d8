import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHost, getAuthCode, getDomain, registerDomain, requestTransfer, type Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, assertFixture, assertUnchanged, isoSeconds, KifdomClient } from './support.ts';

async function expiryOf(engine: Engine, account: TestAccount, name: string): Promise<string> {
  return isoSeconds((await engine.run(getDomain, { name }, { actor: account.actor })).expiresAt);
}

for (const backend of BACKENDS) {
  describe(`${backend}: KifDom domains and name servers`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let api: KifdomClient;
    let engine: Engine;
    /** Holds myhostingcompany.net and its glue hosts. */
    let hosting: TestAccount;
    /** Holds mydomain1.fr and mydomain2.fr: the document's list example. */
    let lister: TestAccount;
    let listerToken: string;
    /** Holds mydomain.fr, example.com and café.fr. */
    let user: TestAccount;
    let token: string;
    const db = () => t.services.store.db;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      api = new KifdomClient(t.url);
      await api.loadContract();
      hosting = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'myhostingcompany.net', currency: 'EUR' }, { actor: hosting.actor });
      await engine.run(createHost, { name: 'ns1.myhostingcompany.net', addresses: ['192.0.2.1'] }, { actor: hosting.actor });
      await engine.run(createHost, { name: 'ns2.myhostingcompany.net', addresses: ['192.0.2.2'] }, { actor: hosting.actor });
      lister = await newAccount(engine, { depositEur: '100.00' });
      listerToken = await api.login(lister.email, lister.password);
      user = await newAccount(engine, { depositEur: '100.00' });
      token = await api.login(user.email, user.password);
    });
    after(async () => t.close());

    test('create: the document example (200) charges the .fr price and answers the account meta', async () => {
      const res = await api.call('POST', '/domains', { token, json: { name: 'mydomain.fr', renewable: 0, label: 'MyDomain.' } });
      assertFixture(res, 200, 'write-ok-200.json', { BALANCE: '93.01', ON_HOLD: '0.00', TOTAL: 1, MESSAGE: 'Domain name successfully created.' });
      const show = await api.call('GET', '/domains/mydomain.fr', { token });
      assertBody(show, 200, {
        meta: { balance: '93.01', 'on-hold': '0.00', total: 1, error: false },
        domain: {
          name: 'mydomain.fr', punycode_name: 'mydomain.fr', status: 'active', renew: false, kifdns: true, dns: [],
          registry_ends_at: await expiryOf(engine, user, 'mydomain.fr'), label: 'MyDomain.',
        },
      });
    });

    test('create: an IDN in Unicode; renewable defaults to 1 and label to null; shown by either spelling', async () => {
      const res = await api.call('POST', '/domains', { token, json: { name: 'café.fr' } });
      assertFixture(res, 200, 'write-ok-200.json', { BALANCE: '86.02', ON_HOLD: '0.00', TOTAL: 2, MESSAGE: 'Domain name successfully created.' });
      const expected = {
        meta: { balance: '86.02', 'on-hold': '0.00', total: 2, error: false },
        domain: {
          name: 'café.fr', punycode_name: 'xn--caf-dma.fr', status: 'active', renew: true, kifdns: true, dns: [],
          registry_ends_at: await expiryOf(engine, user, 'xn--caf-dma.fr'), label: null,
        },
      };
      assertBody(await api.call('GET', `/domains/${encodeURIComponent('café.fr')}`, { token }), 200, expected);
      assertBody(await api.call('GET', '/domains/xn--caf-dma.fr', { token }), 200, expected);
      assertBody(await api.call('GET', '/domains/CAF%C3%89.FR', { token }), 200, expected);
    });

    test('list and show: the document examples (domain on KifDom DNS with records; delegated domain in outgoing transfer)', async () => {
      for (const [name, label] of [['mydomain1.fr', 'MyDomain1'], ['mydomain2.fr', 'MyDomain2']]) {
        const res = await api.call('POST', '/domains', { token: listerToken, json: { name, renewable: 0, label } });
        assert.equal(res.status, 200, res.text);
      }
      // The document's A record reads 111.33.444.22, which is no IPv4 address (444 > 255).
      const records = [
        { type: 'A', name: '@', value: '111.33.144.22', ttl: 1800 },
        { type: 'CNAME', name: 'www', value: 'myblog.fr', ttl: 1800 },
        { type: 'MX', name: '@', value: 'mailhost1.example.com', priority: '10', ttl: 1800 },
        { type: 'MX', name: '@', value: 'mailhost2.example.com', priority: 20, ttl: 1800 },
      ];
      for (const r of records) {
        const res = await api.call('POST', '/dns-zones', { token: listerToken, json: { domain_name: 'mydomain1.fr', ...r } });
        assert.equal(res.status, 200, res.text);
      }
      const ns = await api.call('PUT', '/name-servers/mydomain2.fr', { token: listerToken, json: { ns: ['ns1.myhostingcompany.net', 'ns2.myhostingcompany.net'] } });
      assertFixture(ns, 200, 'bare-200.json', { MESSAGE: 'Nameserver successfully updated.' });
      const { authCode } = await engine.run(getAuthCode, { name: 'mydomain2.fr' }, { actor: lister.actor });
      await engine.run(requestTransfer, { name: 'mydomain2.fr', authCode, currency: 'EUR' }, { actor: hosting.actor });

      const vars = { BALANCE: '86.02', ENDS_1: await expiryOf(engine, lister, 'mydomain1.fr'), ENDS_2: await expiryOf(engine, lister, 'mydomain2.fr') };
      assertFixture(await api.call('GET', '/domains', { token: listerToken }), 200, 'seed-domains-list-200.json', vars);
      assertFixture(await api.call('GET', '/domains/mydomain1.fr', { token: listerToken }), 200, 'seed-domains-show-200.json', vars);
    });

    test('create: the document example (400) for a `price` that is not an integer; nothing changes', async () => {
      const res = await assertUnchanged(db(), () => api.call('POST', '/domains', { token, json: { name: 'another.fr', price: '6.99' } }));
      assertFixture(res, 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 2, BALANCE: 86.02, MESSAGE: 'The `price` parameter should be an integer.' });
    });

    test('create: refused requests name the problem and change nothing', async () => {
      const cases: [unknown, string][] = [
        [{ name: 'mydomain1.fr' }, 'This domain name is not available.'],
        [{ name: 'mydomain.fr' }, 'This domain name is not available.'],
        [{ name: 'example.xyz' }, 'The extension .xyz of the `name` parameter is not offered.'],
        [{ name: '-bad.fr' }, 'The `name` parameter is not a valid domain name: label "-bad" starts or ends with a hyphen.'],
        [{ name: 'www.fr' }, 'This domain name is reserved by the registry.'],
        [{ name: 'cars.com' }, 'This domain name is a premium name (4999.00 EUR): send its price in cents in the `price` parameter to accept it.'],
        [{ name: 'cars.com', price: 100 }, 'The `price` parameter (100) is lower than the price of this domain name (499900).'],
        [{ name: 'x.fr', renewable: 2 }, 'The `renewable` parameter should be 0 or 1.'],
        [{ name: 'x.fr', renewable: true }, 'The `renewable` parameter should be an integer.'],
        [{ name: 'x.fr', label: 5 }, 'The `label` parameter should be a string or null.'],
        [{ name: 'x.fr', label: 'x'.repeat(256) }, 'The `label` parameter may not be greater than 255 characters.'],
        [{ name: 'x.fr', price: -1 }, 'The `price` parameter should be at least 0.'],
        [{ name: 12 }, 'The `name` parameter should be a string.'],
        [{ renewable: 1 }, 'The `name` parameter is required.'],
      ];
      for (const [json, message] of cases) {
        const res = await assertUnchanged(db(), () => api.call('POST', '/domains', { token, json }));
        assertFixture(res, 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 2, BALANCE: 86.02, MESSAGE: message });
      }
      const poor = await newAccount(engine, { depositEur: '1.00' });
      const poorToken = await api.login(poor.email, poor.password);
      const res = await assertUnchanged(db(), () => api.call('POST', '/domains', { token: poorToken, json: { name: 'poor.fr' } }));
      assertFixture(res, 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 0, BALANCE: 1, MESSAGE: 'Your credits balance is insufficient for this operation.' });
    });

    test('create: a premium name with its price accepted in `price`', async () => {
      const rich = await newAccount(engine, { depositEur: '5000.00' });
      const richToken = await api.login(rich.email, rich.password);
      const res = await api.call('POST', '/domains', { token: richToken, json: { name: 'cars.com', price: 499900 } });
      assertFixture(res, 200, 'write-ok-200.json', { BALANCE: '1.00', ON_HOLD: '0.00', TOTAL: 1, MESSAGE: 'Domain name successfully created.' });
    });

    test('create: `price` is the most the client accepts, on an ordinary name too; above it nothing is charged or created', async () => {
      const client = await newAccount(engine, { depositEur: '100.00' });
      const clientToken = await api.login(client.email, client.password);
      for (const price of [1, 998]) {
        const res = await assertUnchanged(db(), () => api.call('POST', '/domains', { token: clientToken, json: { name: 'pc1.com', price } }));
        assertFixture(res, 400, 'error-400-numeric.json', {
          ON_HOLD: 0, TOTAL: 0, BALANCE: 100, MESSAGE: `The \`price\` parameter (${price}) is lower than the price of this domain name (999).`,
        });
      }
      // At the price, or above it: charged the price (9.99), not the ceiling.
      const exact = await api.call('POST', '/domains', { token: clientToken, json: { name: 'pc1.com', price: 999 } });
      assertFixture(exact, 200, 'write-ok-200.json', { BALANCE: '90.01', ON_HOLD: '0.00', TOTAL: 1, MESSAGE: 'Domain name successfully created.' });
      const above = await api.call('POST', '/domains', { token: clientToken, json: { name: 'pc2.com', price: 5000 } });
      assertFixture(above, 200, 'write-ok-200.json', { BALANCE: '80.02', ON_HOLD: '0.00', TOTAL: 2, MESSAGE: 'Domain name successfully created.' });
      // A premium name: `price` at or above its price is the consent, and it is charged its price.
      const rich = await newAccount(engine, { depositEur: '5000.00' });
      const richToken = await api.login(rich.email, rich.password);
      const premium = await assertUnchanged(db(), () => api.call('POST', '/domains', { token: richToken, json: { name: 'best.com', price: 249999 } }));
      assertFixture(premium, 400, 'error-400-numeric.json', {
        ON_HOLD: 0, TOTAL: 0, BALANCE: 5000, MESSAGE: 'The `price` parameter (249999) is lower than the price of this domain name (250000).',
      });
      const accepted = await api.call('POST', '/domains', { token: richToken, json: { name: 'best.com', price: 300000 } });
      assertFixture(accepted, 200, 'write-ok-200.json', { BALANCE: '2500.00', ON_HOLD: '0.00', TOTAL: 1, MESSAGE: 'Domain name successfully created.' });
    });

    test('create: a mixed-script look-alike, or a script its extension does not offer, is not a valid domain name; single-script IDNs are', async () => {
      const client = await newAccount(engine, { depositEur: '100.00' });
      const clientToken = await api.login(client.email, client.password);
      const cases: [string, string][] = [
        ['раураl.com', 'label "раураl" mixes scripts (Cyrillic, Latin)'],
        ['xn--l-7sba6dbr.com', 'label "раураl" mixes scripts (Cyrillic, Latin)'],
        ['pαypal.com', 'label "pαypal" mixes scripts (Greek, Latin)'],
        ['пример.de', 'label "пример" uses the Cyrillic script, which .de does not offer (only Latin)'],
      ];
      for (const [name, reason] of cases) {
        const res = await assertUnchanged(db(), () => api.call('POST', '/domains', { token: clientToken, json: { name } }));
        assertFixture(res, 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 0, BALANCE: 100, MESSAGE: `The \`name\` parameter is not a valid domain name: ${reason}.` });
      }
      const de = await api.call('POST', '/domains', { token: clientToken, json: { name: 'münchen.de' } });
      assertFixture(de, 200, 'write-ok-200.json', { BALANCE: '94.51', ON_HOLD: '0.00', TOTAL: 1, MESSAGE: 'Domain name successfully created.' });
      const eu = await api.call('POST', '/domains', { token: clientToken, json: { name: 'пример.eu' } });
      assertFixture(eu, 200, 'write-ok-200.json', { BALANCE: '88.52', ON_HOLD: '0.00', TOTAL: 2, MESSAGE: 'Domain name successfully created.' });
    });

    test('show: an unknown, another account\'s or malformed name is refused the same way', async () => {
      const notFound = 'None of your domain names matching this `domain_name` has been found.';
      for (const [path, message] of [
        ['/domains/nothing-here.fr', notFound],
        ['/domains/mydomain1.fr', notFound],
        ['/domains/not_a_domain', 'The `domain_name` parameter is not a valid domain name: label "not_a_domain" may contain only letters, digits and hyphens.'],
      ] as const) {
        assertFixture(await api.call('GET', path, { token }), 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 2, BALANCE: 86.02, MESSAGE: message });
      }
    });

    test('update: the document example (200) delegates to three name servers and changes renewal and label', async () => {
      assert.equal((await api.call('POST', '/domains', { token, json: { name: 'example.com' } })).status, 200);
      for (const [i, host] of ['ns1.example.com', 'ns2.example.com', 'ns3.example.com'].entries()) {
        await engine.run(createHost, { name: host, addresses: [`198.51.100.${i + 1}`] }, { actor: user.actor });
      }
      await api.call('PUT', '/domains/mydomain.fr', { token, json: { renew: 1 } });
      const res = await api.call('PUT', '/domains/mydomain.fr', { token, json: { renew: 0, label: 'MyDomain', ns: ['ns1.example.com', 'ns2.example.com', 'ns3.example.com'] } });
      assertFixture(res, 200, 'write-ok-200.json', { BALANCE: '76.03', ON_HOLD: '0.00', TOTAL: 3, MESSAGE: 'Domain name successfully updated.' });
      const nsEntry = (id: number, data: string) => ({ id, type: 'NS', name: null, data, priority: null, ttl: 3600 });
      assertBody(await api.call('GET', '/domains/mydomain.fr', { token }), 200, {
        meta: { balance: '76.03', 'on-hold': '0.00', total: 3, error: false },
        domain: {
          name: 'mydomain.fr', punycode_name: 'mydomain.fr', status: 'active', renew: false, kifdns: false,
          ns: [nsEntry(1, 'ns1.example.com'), nsEntry(2, 'ns2.example.com'), nsEntry(3, 'ns3.example.com')],
          registry_ends_at: await expiryOf(engine, user, 'mydomain.fr'), label: 'MyDomain',
        },
      });
      const zone = (id: number, value: string) => ({ id, type: 'NS', name: '@', value, ttl: 3600 });
      assertBody(await api.call('GET', '/name-servers/mydomain.fr', { token }), 200, {
        meta: { balance: '76.03', 'on-hold': '0.00', total: 3, error: false },
        data: [zone(1, 'ns1.example.com'), zone(2, 'ns2.example.com'), zone(3, 'ns3.example.com')],
      });
    });

    test('update: the document example (400) for a `renew` that is not an integer; nothing changes', async () => {
      const res = await assertUnchanged(db(), () => api.call('PUT', '/domains/mydomain.fr', { token, json: { renew: 'yes' } }));
      assertFixture(res, 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 3, BALANCE: 76.03, MESSAGE: 'The `renew` parameter should be an integer.' });
    });

    test('update: refused requests change nothing, not even the fields that were valid', async () => {
      const cases: [string, unknown, string][] = [
        ['mydomain.fr', { renew: 2 }, 'The `renew` parameter should be 0 or 1.'],
        ['mydomain.fr', { renew: 1, ns: ['not a host!', 'ns2.example.com'] }, 'Provided `value` is not accurate for this `type` of NS record.'],
        ['mydomain.fr', { label: 'changed', ns: ['ns1.example.com'] }, 'The `ns` parameter should list between 2 and 13 name servers.'],
        ['mydomain.fr', { ns: 'ns1.example.com' }, 'The `ns` parameter should be an array.'],
        ['mydomain.fr', { ns: [1, 2] }, 'The `ns` parameter should be an array of strings.'],
        ['mydomain.fr', { ns: ['ns1.example.com', 'NS1.example.com'] }, 'The `ns` parameter is invalid: the same name server is listed twice.'],
        ['mydomain.fr', { ns: ['ns1.mydomain.fr', 'ns2.example.com'] }, 'The name server ns1.mydomain.fr lies under a domain of this registry and needs a glue record (an IP address) first.'],
        ['mydomain.fr', { label: ['x'] }, 'The `label` parameter should be a string or null.'],
        ['mydomain1.fr', { renew: 1 }, 'None of your domain names matching this `domain_name` has been found.'],
        ['unknown-name.fr', {}, 'None of your domain names matching this `domain_name` has been found.'],
      ];
      for (const [name, json, message] of cases) {
        const res = await assertUnchanged(db(), () => api.call('PUT', `/domains/${name}`, { token, json }));
        assertFixture(res, 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 3, BALANCE: 76.03, MESSAGE: message });
      }
    });

    test('update: label null removes it; an empty body changes nothing; ns [] returns to the KifDom name servers', async () => {
      const ok = { BALANCE: '76.03', ON_HOLD: '0.00', TOTAL: 3, MESSAGE: 'Domain name successfully updated.' };
      assertFixture(await assertUnchanged(db(), () => api.call('PUT', '/domains/mydomain.fr', { token, json: {} })), 200, 'write-ok-200.json', ok);
      assertFixture(await api.call('PUT', '/domains/mydomain.fr', { token, json: { label: null, ns: [] } }), 200, 'write-ok-200.json', ok);
      const shown = (await api.call('GET', '/domains/mydomain.fr', { token })).body as { domain: Record<string, unknown> };
      assert.equal(shown.domain.label, null);
      assert.equal(shown.domain.kifdns, true);
      assert.deepEqual(shown.domain.dns, []);
      assert.equal('ns' in shown.domain, false);
    });

    test('name servers: the document example for a domain on the KifDom name servers', async () => {
      assertFixture(await api.call('GET', '/name-servers/mydomain.fr', { token }), 200, 'seed-name-servers-show-200.json', { BALANCE: '76.03', TOTAL: 3 });
    });

    test('name servers update: the document examples (200 and both 400s)', async () => {
      const ok = await api.call('PUT', '/name-servers/mydomain.fr', { token, json: { ns: ['ns1.example.com', 'ns2.example.com', 'ns3.example.com'] } });
      assertFixture(ok, 200, 'bare-200.json', { MESSAGE: 'Nameserver successfully updated.' });
      const vars = { BALANCE: '76.03', ON_HOLD: '0.00', TOTAL: 3 };
      const foreign = await assertUnchanged(db(), () => api.call('PUT', '/name-servers/mydomain1.fr', { token, json: { ns: ['ns1.example.com', 'ns2.example.com'] } }));
      assertFixture(foreign, 400, 'error-400-string.json', { ...vars, MESSAGE: 'None of your nameservers matching this `id` has been found.' });
      const invalid = await assertUnchanged(db(), () => api.call('PUT', '/name-servers/mydomain.fr', { token, json: { ns: ['ns1.example.com', 'ns2..example.com'] } }));
      assertFixture(invalid, 400, 'error-400-string.json', { ...vars, MESSAGE: 'Provided `value` is not accurate for this `type` of NS record.' });
      const missing = await assertUnchanged(db(), () => api.call('PUT', '/name-servers/mydomain.fr', { token, json: {} }));
      assertFixture(missing, 400, 'error-400-string.json', { ...vars, MESSAGE: 'The `ns` parameter is required.' });
      assertFixture(await api.call('PUT', '/name-servers/mydomain.fr', { token, json: { ns: [] } }), 200, 'bare-200.json', { MESSAGE: 'Nameserver successfully updated.' });
      assertFixture(await api.call('GET', '/name-servers/mydomain.fr', { token }), 200, 'seed-name-servers-show-200.json', { BALANCE: '76.03', TOTAL: 3 });
    });

    test('name servers show: another account\'s domain is not found', async () => {
      const res = await api.call('GET', '/name-servers/mydomain2.fr', { token });
      assertFixture(res, 400, 'error-400-numeric.json', { ON_HOLD: 0, TOTAL: 3, BALANCE: 76.03, MESSAGE: 'None of your domain names matching this `domain_name` has been found.' });
    });
  });
}
