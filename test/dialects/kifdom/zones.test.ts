import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { addRecord, getDomain, publishedRecords, registerDomain, type Engine } from '../../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../../src/services/dns/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';
import { startTestServer, waitFor, type TestServer } from '../../server/support.ts';
import { assertBody, assertFixture, assertUnchanged, KifdomClient } from './support.ts';

/** dig against the DNS server: the status and the answer lines (whitespace collapsed). */
function dig(port: number, name: string, type: string): Promise<{ status: string | undefined; answer: string[] }> {
  return new Promise((resolve, reject) => {
    execFile('dig', ['@127.0.0.1', '-p', String(port), '+norec', '+time=2', '+tries=1', name, type], { timeout: 10_000, encoding: 'utf8' }, (err, stdout) => {
      if (err && (err as { killed?: boolean }).killed) return reject(new Error(`dig ${name} ${type} timed out`));
      const section = /;; ANSWER SECTION:\n([\s\S]*?)(?:\n\n|$)/.exec(stdout)?.[1] ?? '';
      resolve({
        status: /status: ([A-Z]+)/.exec(stdout)?.[1],
        answer: section.split('\n').filter((l) => l && !l.startsWith(';')).map((l) => l.replace(/\s+/g, ' ').trim()),
      });
    });
  });
}

type Row = { id: number; type: string; name: string; value: string; ttl: number; priority?: number };

for (const backend of BACKENDS) {
  describe(`${backend}: KifDom DNS zones`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let api: KifdomClient;
    let engine: Engine;
    let user: TestAccount;
    let token: string;
    let other: TestAccount;
    let otherRecordId: number;
    const db = () => t.services.store.db;
    const zone = async (name = 'mydomain.fr') => ((await api.call('GET', `/dns-zones/${name}`, { token })).body as { data: Row[] }).data;
    const numeric = (message: string) => ({ ON_HOLD: 0, TOTAL: 1, BALANCE: 93.01, MESSAGE: message });
    const stringMeta = (message: string) => ({ ON_HOLD: '0.00', TOTAL: 1, BALANCE: '93.01', MESSAGE: message });

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      api = new KifdomClient(t.url);
      await api.loadContract();
      user = await newAccount(engine, { depositEur: '100.00' });
      token = await api.login(user.email, user.password);
      assert.equal((await api.call('POST', '/domains', { token, json: { name: 'mydomain.fr' } })).status, 200);
      other = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'other.fr', currency: 'EUR' }, { actor: other.actor });
      otherRecordId = (await engine.run(addRecord, { name: 'other.fr', record: { type: 'A', name: 'www', value: '192.0.2.80', ttl: 600 } }, { actor: other.actor })).record.id;
    });
    after(async () => t.close());

    test('create: the document example (200); the record is listed with its id and without priority for a CNAME', async () => {
      const res = await api.call('POST', '/dns-zones', {
        token, json: { domain_name: 'mydomain.fr', type: 'CNAME', name: 'blog', value: 'myblog.fr', priority: '10', ttl: 3600 },
      });
      assertFixture(res, 200, 'write-ok-200.json', { BALANCE: '93.01', ON_HOLD: '0.00', TOTAL: 1, MESSAGE: 'DNS zone successfully created.' });
      const rows = await zone();
      assert.deepEqual(rows.map(({ id: _id, ...r }) => r), [{ type: 'CNAME', name: 'blog', value: 'myblog.fr', ttl: 3600 }]);
    });

    test('show: MX with its priority, TXT, and NS delegations of a subdomain, in id order', async () => {
      for (const json of [
        { domain_name: 'mydomain.fr', type: 'MX', name: '@', value: 'mail.mydomain.fr', priority: 10, ttl: 1800 },
        { domain_name: 'mydomain.fr', type: 'TXT', name: '@', value: 'v=spf1 mx -all', ttl: 300 },
      ]) {
        assert.equal((await api.call('POST', '/dns-zones', { token, json })).status, 200);
      }
      // NS delegations are made elsewhere (KifDom creates only A, AAAA, CNAME, MX and TXT) and shown here.
      const domain = await engine.run(getDomain, { name: 'mydomain.fr' }, { actor: user.actor });
      await engine.run(addRecord, { name: domain.name, record: { type: 'NS', name: 'lab', value: 'ns1.lab-dns.fr', ttl: 3600 } }, { actor: user.actor });
      assertFixture(await api.call('GET', '/dns-zones/mydomain.fr', { token }), 200, 'seed-dns-zones-show-200.json', { BALANCE: '93.01' });
    });

    test('create: the document example (400) for a value that does not fit the type; nothing changes', async () => {
      const res = await assertUnchanged(db(), () =>
        api.call('POST', '/dns-zones', { token, json: { domain_name: 'mydomain.fr', type: 'A', name: 'www', value: 'myblog.fr', ttl: 3600 } }),
      );
      assertFixture(res, 400, 'error-400-numeric.json', numeric('Provided `value` is not accurate for this `type` of DNS record.'));
    });

    test('create: refused requests name the parameter and change nothing', async () => {
      const base = { domain_name: 'mydomain.fr', type: 'A', name: 'www', value: '192.0.2.10', ttl: 3600 };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, type: 'AAAA' }, 'Provided `value` is not accurate for this `type` of DNS record.'],
        [{ ...base, type: 'MX', value: 'mx.example.com' }, 'Provided `priority` is not accurate for this `type` of DNS record.'],
        [{ ...base, type: 'MX', value: 'mx.example.com', priority: 'ten' }, 'The `priority` parameter should be an integer.'],
        [{ ...base, type: 'MX', value: 'mx.example.com', priority: 70000 }, 'Provided `priority` is not accurate for this `type` of DNS record.'],
        [{ ...base, type: 'SRV' }, 'The `type` parameter should be one of: A, AAAA, CNAME, MX, TXT.'],
        [{ ...base, type: 'a' }, 'The `type` parameter should be one of: A, AAAA, CNAME, MX, TXT.'],
        [{ ...base, name: 'bad name!' }, 'Provided `name` is not accurate for this `type` of DNS record.'],
        [{ ...base, ttl: '3600' }, 'The `ttl` parameter should be an integer.'],
        [{ ...base, ttl: 5 }, 'The `ttl` parameter should be an integer between 60 and 86400.'],
        [{ ...base, name: 'blog' }, 'A CNAME record cannot share its `name` with other records, nor be set on the domain itself.'],
        [{ ...base, type: 'CNAME', name: '@', value: 'elsewhere.fr' }, 'A CNAME record cannot share its `name` with other records, nor be set on the domain itself.'],
        [{ ...base, type: 'CNAME', name: 'blog', value: 'myblog.fr' }, 'This DNS record already exists.'],
        [{ ...base, domain_name: 'other.fr' }, 'None of your domain names matching this `domain_name` has been found.'],
        [{ ...base, domain_name: 'nowhere.fr' }, 'None of your domain names matching this `domain_name` has been found.'],
        [{ type: 'A', name: 'www', value: '192.0.2.10', ttl: 3600 }, 'The `domain_name` parameter is required.'],
        [{ ...base, value: undefined }, 'The `value` parameter is required.'],
        [{ ...base, ttl: undefined }, 'The `ttl` parameter is required.'],
      ];
      for (const [json, message] of cases) {
        const res = await assertUnchanged(db(), () => api.call('POST', '/dns-zones', { token, json }));
        assertFixture(res, 400, 'error-400-numeric.json', numeric(message));
      }
    });

    test('update: the document example (200) keeps the id and serves the new values', async () => {
      const blog = (await zone()).find((r) => r.name === 'blog')!;
      const res = await api.call('PUT', '/dns-zones', { token, json: { dns_zone_id: blog.id, type: 'CNAME', name: 'blog', value: 'newblog.fr', priority: '10', ttl: 3600 } });
      assertFixture(res, 200, 'bare-200.json', { MESSAGE: 'DNS zone successfully updated.' });
      assert.deepEqual((await zone()).find((r) => r.id === blog.id), { id: blog.id, type: 'CNAME', name: 'blog', value: 'newblog.fr', ttl: 3600 });
    });

    test('update: the document example (400) and other refusals, with the success-shaped meta; nothing changes', async () => {
      const blog = (await zone()).find((r) => r.name === 'blog')!;
      const base = { dns_zone_id: blog.id, type: 'CNAME', name: 'blog', value: 'newblog.fr', ttl: 3600 };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, type: 'A' }, 'Provided `value` is not accurate for this `type` of DNS record.'],
        [{ ...base, dns_zone_id: 99_999_999 }, "This DNS record doesn't exists."],
        [{ ...base, dns_zone_id: otherRecordId, type: 'A', name: 'www', value: '192.0.2.1' }, "This DNS record doesn't exists."],
        [{ ...base, dns_zone_id: String(blog.id) }, 'The `dns_zone_id` parameter should be an integer.'],
        [{ ...base, dns_zone_id: undefined }, 'The `dns_zone_id` parameter is required.'],
        [{ ...base, ttl: 1e6 }, 'The `ttl` parameter should be an integer between 60 and 86400.'],
      ];
      for (const [json, message] of cases) {
        const res = await assertUnchanged(db(), () => api.call('PUT', '/dns-zones', { token, json }));
        assertFixture(res, 400, 'error-400-string.json', stringMeta(message));
      }
    });

    test('delete: the document examples (200, then 400 "doesn\'t exists"); another account\'s id is not found', async () => {
      const created = await api.call('POST', '/dns-zones', { token, json: { domain_name: 'mydomain.fr', type: 'A', name: 'old', value: '192.0.2.99', ttl: 600 } });
      assert.equal(created.status, 200);
      const id = (await zone()).find((r) => r.name === 'old')!.id;
      assertFixture(await api.call('DELETE', '/dns-zones', { token, json: { dns_zone_id: id } }), 200, 'bare-200.json', { MESSAGE: 'DNS zone successfully deleted.' });
      assert.equal((await zone()).some((r) => r.id === id), false);
      for (const json of [{ dns_zone_id: id }, { dns_zone_id: otherRecordId }, { dns_zone_id: 0 }]) {
        const res = await assertUnchanged(db(), () => api.call('DELETE', '/dns-zones', { token, json }));
        assertFixture(res, 400, 'error-400-string.json', stringMeta("This DNS record doesn't exists."));
      }
      const typed = await assertUnchanged(db(), () => api.call('DELETE', '/dns-zones', { token, json: { dns_zone_id: 'abc' } }));
      assertFixture(typed, 400, 'error-400-string.json', stringMeta('The `dns_zone_id` parameter should be an integer.'));
      const missing = await assertUnchanged(db(), () => api.call('DELETE', '/dns-zones', { token }));
      assertFixture(missing, 400, 'error-400-string.json', stringMeta('The `dns_zone_id` parameter is required.'));
    });

    test('show: another account\'s zone, an unknown one and a malformed name are refused', async () => {
      const notFound = numeric('None of your domain names matching this `domain_name` has been found.');
      assertFixture(await api.call('GET', '/dns-zones/other.fr', { token }), 400, 'error-400-numeric.json', notFound);
      assertFixture(await api.call('GET', '/dns-zones/nowhere.fr', { token }), 400, 'error-400-numeric.json', notFound);
      assertFixture(await api.call('GET', '/dns-zones/x..fr', { token }), 400, 'error-400-numeric.json', numeric('The `domain_name` parameter is not a valid domain name: empty label.'));
    });

    test('a record created through KifDom is published: the DNS reader and a real DNS query see it, and its removal', async () => {
      const dns: RunningDnsServer = await startDnsServer({ engine, config: { port: 0, pollIntervalMs: 20 } });
      try {
        const res = await api.call('POST', '/dns-zones', { token, json: { domain_name: 'mydomain.fr', type: 'A', name: 'www', value: '192.0.2.44', ttl: 900 } });
        assert.equal(res.status, 200);
        const domain = await engine.run(getDomain, { name: 'mydomain.fr' }, { actor: user.actor });
        const published = await publishedRecords(db(), domain.id);
        const www = published.find((r) => r.name === 'www' && r.type === 'A');
        assert.ok(www, 'the record is in the published zone');
        assert.equal(www.value, '192.0.2.44');
        assert.equal(www.ttl, 900);
        await waitFor(async () => (await dig(dns.udpPort, 'www.mydomain.fr', 'A')).answer.length > 0, 'the DNS server to serve www.mydomain.fr');
        // A query that saw the record may have met one copy of the index: wait until every answering process holds it.
        await dns.answerers?.settled();
        assert.deepEqual((await dig(dns.udpPort, 'www.mydomain.fr', 'A')).answer, ['www.mydomain.fr. 900 IN A 192.0.2.44']);
        assert.deepEqual((await dig(dns.udpPort, 'blog.mydomain.fr', 'CNAME')).answer, ['blog.mydomain.fr. 3600 IN CNAME newblog.fr.']);

        const del = await api.call('DELETE', '/dns-zones', { token, json: { dns_zone_id: www.id } });
        assert.equal(del.status, 200);
        assert.equal((await publishedRecords(db(), domain.id)).some((r) => r.id === www.id), false);
        await waitFor(async () => (await dig(dns.udpPort, 'www.mydomain.fr', 'A')).status === 'NXDOMAIN', 'www.mydomain.fr to be gone');
      } finally {
        await dns.close();
      }
    });

    test('a domain delegated elsewhere (kifdns false) has no zone to manage here', async () => {
      assert.equal((await api.call('POST', '/domains', { token, json: { name: 'delegated.fr' } })).status, 200);
      const ns = await api.call('PUT', '/name-servers/delegated.fr', { token, json: { ns: ['ns1.external-dns.io', 'ns2.external-dns.io'] } });
      assertFixture(ns, 200, 'bare-200.json', { MESSAGE: 'Nameserver successfully updated.' });
      const vars = { ON_HOLD: 0, TOTAL: 2, BALANCE: 86.02 };
      const message = 'This domain name does not use the KifDom name servers (`kifdns` is false).';
      assertFixture(await api.call('GET', '/dns-zones/delegated.fr', { token }), 400, 'error-400-numeric.json', { ...vars, MESSAGE: message });
      const res = await assertUnchanged(db(), () =>
        api.call('POST', '/dns-zones', { token, json: { domain_name: 'delegated.fr', type: 'A', name: '@', value: '192.0.2.1', ttl: 600 } }),
      );
      assertFixture(res, 400, 'error-400-numeric.json', { ...vars, MESSAGE: message });
      assertBody(await api.call('GET', '/name-servers/delegated.fr', { token }), 200, {
        meta: { balance: '86.02', 'on-hold': '0.00', total: 2, error: false },
        data: [
          { id: 1, type: 'NS', name: '@', value: 'ns1.external-dns.io', ttl: 3600 },
          { id: 2, type: 'NS', name: '@', value: 'ns2.external-dns.io', ttl: 3600 },
        ],
      });
    });
  });
}
