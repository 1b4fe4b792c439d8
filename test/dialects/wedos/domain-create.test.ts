/**
 * domain-create and domain-check over real HTTP: synchronous and
 * asynchronous creation, name servers (own, empty, NSSET, glue), contacts,
 * consent, money (one charge, the credit block, 3002 changes nothing),
 * every refusal the document lists, test mode.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createHost, createNsset, deleteDomain, formatAmount, listDomainHosts, listOrders, pollNotification, registerDomain, type Engine,
} from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import {
  assertCode, assertResponse, assertUnchanged, call, creditOf, currencyOf, domainOf, expected, newContactOf, priceMinor, wapiAccount, ymd,
  type Wapi,
} from './domain-support.ts';
import { resultText } from './domain-texts.ts';

const RULES = { fname: 'Jan', lname: 'Novák' };

for (const backend of BACKENDS) {
  describe(`${backend}: WAPI domain-create and domain-check`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let w: Wapi;
    let owner: string;
    let admin: string;
    const db = () => t.services.store.db;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      w = await wapiAccount(engine, t.url);
      owner = (await newContactOf(engine, w)).handle;
      admin = (await newContactOf(engine, w, { firstName: 'Eva', email: 'eva@example.cz' })).handle;
    });
    after(async () => t.close());

    const create = (data: Record<string, unknown>, options: { test?: boolean } = {}) =>
      call(w, 'domain-create', { period: 1, owner_c: owner, rules: RULES, ...data }, options);

    test('domain-check: available, used, quarantine, reserved, blocked; invalid name and TLD', async () => {
      const other = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'taken-check.com' }, { actor: other.actor });
      await engine.run(registerDomain, { name: 'quarantine-check.de' }, { actor: other.actor });
      await engine.run(deleteDomain, { name: 'quarantine-check.de' }, { actor: other.actor });
      assertResponse(await call(w, 'domain-check', { name: 'free-check.com' }), expected('domain-check', 1000, resultText(1000)));
      assertResponse(await call(w, 'domain-check', { name: 'taken-check.com' }), expected('domain-check', 3201, resultText(3201)));
      assertCode(await call(w, 'domain-check', { name: 'quarantine-check.de' }), 3204);
      assertCode(await call(w, 'domain-check', { name: 'www.com' }), 3205);
      assertCode(await call(w, 'domain-check', { name: 'bad_name.com' }), 2202);
      assertCode(await call(w, 'domain-check', { name: 'name.invalidtld' }), 2201);
      assertCode(await call(w, 'domain-check', {}), 2100);
    });

    test('create (sync, .com): 1000 with num, expiration and credit; one charge of the TLD price; own DNS and contacts', async () => {
      const currency = await currencyOf(engine, w);
      const before = await creditOf(engine, w, currency);
      const res = await create({ name: 'wapi-create.com', admin_c: admin.toLowerCase(), dns: { server1: { name: 'ns1.provider.example' }, server2: { name: 'ns2.provider.example' } } });
      const d = await domainOf(engine, w, 'wapi-create.com');
      const orders = await engine.run(listOrders, { kind: 'register' }, { actor: w.actor });
      const order = orders.find((o) => o.items.some((i) => i.domainName === 'wapi-create.com'))!;
      const price = priceMinor(engine, 'com', 'register', currency);
      const after = await creditOf(engine, w, currency);
      assertResponse(res, expected('domain-create', 1000, resultText(1000), { num: order.number, expiration: ymd(d.expiresAt), credit: after }));
      assert.equal(order.amountMinor, price);
      assert.equal(after.amount, formatAmount(Number(before.amount.replace('.', '')) - price, currency));
      assert.deepEqual([d.state, d.serviceMode, d.nameServers, d.periodMonths], ['active', 'custom_ns', ['ns1.provider.example', 'ns2.provider.example'], 12]);
      const info = await call(w, 'domain-info', { name: 'wapi-create.com' });
      const domain = (info.data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([domain.owner_c, domain.admin_c], [owner, admin]);
    });

    test('create: empty dns is regd\'s own name servers; a period of 3 years; the credit block follows the balance', async () => {
      const currency = await currencyOf(engine, w);
      const res = await create({ name: 'wapi-empty-dns.net', period: '3', dns: '' });
      assert.equal(res.code, 1000, JSON.stringify(res));
      const d = await domainOf(engine, w, 'wapi-empty-dns.net');
      assert.deepEqual([d.serviceMode, d.periodMonths], ['regd_dns', 36]);
      assert.deepEqual((res.data as Record<string, unknown>).credit, await creditOf(engine, w, currency));
      assert.equal((res.data as Record<string, unknown>).expiration, ymd(d.expiresAt));
    });

    test('create: name servers under the new domain take their glue from addr_ip4/addr_ip6', async () => {
      const res = await create({
        name: 'wapi-glue.org',
        dns: { server1: { name: 'ns1.wapi-glue.org', addr_ip4: '192.0.2.10', addr_ip6: '2001:db8::10' }, server2: { name: 'ns2.elsewhere.example' } },
      });
      assert.equal(res.code, 1000, JSON.stringify(res));
      const hosts = await engine.run(listDomainHosts, { name: 'wapi-glue.org' }, { actor: w.actor });
      assert.deepEqual(hosts.nameServers, [
        { name: 'ns1.wapi-glue.org', addresses: ['192.0.2.10', '2001:db8::10'] },
        { name: 'ns2.elsewhere.example', addresses: [] },
      ]);
    });

    test('create over XML: dns as repeated server elements (the XML form), period and rules as text', async () => {
      const res = await call(w, 'domain-create', {
        name: 'wapi-xml.com', period: '1', owner_c: owner, rules: RULES,
        dns: { server: [{ name: 'ns1.xml-dns.example', addr_ip4: '' }, { name: 'ns2.xml-dns.example' }] },
      }, { format: 'xml' });
      const d = await domainOf(engine, w, 'wapi-xml.com');
      assert.equal(res.code, 1000, JSON.stringify(res));
      assert.deepEqual([d.nameServers, (res.data as Record<string, unknown>).expiration], [['ns1.xml-dns.example', 'ns2.xml-dns.example'], ymd(d.expiresAt)]);
      const info = await call(w, 'domain-info', { name: 'wapi-xml.com' }, { format: 'xml' });
      const domain = (info.data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([domain.name, domain.status, domain.owner_c, domain.dns], [
        // domain-info answers the servers in the shape the request used: repeated <server> elements.
        'wapi-xml.com', 'active', owner, { server: [{ name: 'ns1.xml-dns.example' }, { name: 'ns2.xml-dns.example' }] },
      ]);
      // … which domain-update-ns takes back as they are.
      assert.equal((await call(w, 'domain-update-ns', { name: 'wapi-xml.com', dns: domain.dns }, { format: 'xml' })).code, 1000);
    });

    test('create (.cz): nsset WEDOS is regd\'s own servers; an own NSSET by handle; own DNS refused (2210)', async () => {
      assert.equal((await create({ name: 'wapi-default.cz', nsset: 'WEDOS' })).code, 1000);
      assert.equal((await domainOf(engine, w, 'wapi-default.cz')).serviceMode, 'regd_dns');
      await engine.run(createNsset, { handle: 'WAPI-NSSET', hosts: [{ name: 'ns1.cz-provider.example' }, { name: 'ns2.cz-provider.example' }] }, { actor: w.actor });
      assert.equal((await create({ name: 'wapi-nsset.cz', nsset: 'wapi-nsset' })).code, 1000);
      const info = await call(w, 'domain-info', { name: 'wapi-nsset.cz' });
      assert.equal((info.data as { domain: Record<string, unknown> }).domain.nsset, 'WAPI-NSSET');
      await assertUnchanged(db(), async () => {
        assertCode(await create({ name: 'wapi-own-dns.cz', dns: { server1: { name: 'ns1.provider.example' }, server2: { name: 'ns2.provider.example' } } }), 2210);
        assertCode(await create({ name: 'wapi-unknown-nsset.cz', nsset: 'NO-SUCH-NSSET' }), 2209);
        assertCode(await create({ name: 'wapi-nsset-com.com', nsset: 'WAPI-NSSET' }), 2209);
      });
    });

    test('create (async, .cn): 1001, setup_processing until the registry confirms; then active and a poll message', async () => {
      const res = await create({ name: 'wapi-async.cn', dns: '' });
      const d = await domainOf(engine, w, 'wapi-async.cn');
      assert.equal(res.code, 1001, JSON.stringify(res));
      assert.equal((res.data as Record<string, unknown>).expiration, ymd(d.expiresAt));
      const list = await call(w, 'domains-list', { status: 'setup_processing' });
      assert.deepEqual(list.data, { domain: { 0: { name: 'wapi-async.cn', status: 'setup_processing' } } });

      assert.equal((await ops(t.url, 'clock advance', { duration: '11m' })).status, 200);
      const info = await call(w, 'domain-info', { name: 'wapi-async.cn' });
      assert.equal((info.data as { domain: Record<string, unknown> }).domain.status, 'active');
      const polled = await engine.run(pollNotification, {}, { actor: w.actor });
      assert.deepEqual([polled.notification?.kind, polled.notification?.domainName], ['domain.created', 'wapi-async.cn']);
    });

    test('create (async): name servers under the domain itself are refused (2210), nothing changes', async () => {
      await assertUnchanged(db(), async () => {
        assertCode(await create({ name: 'wapi-async-glue.cn', dns: { server1: { name: 'ns1.wapi-async-glue.cn', addr_ip4: '192.0.2.1' }, server2: { name: 'ns2.x.example' } } }), 2210);
      });
    });

    test('refusals change nothing: 3201, 3204, 3205, 3206, 2201, 2202, 2203, 2204, 2207, 2245, 2246, 2100, 2210, 3221', async () => {
      const other = await wapiAccount(engine, t.url);
      const foreign = (await newContactOf(engine, other)).handle;
      await engine.run(registerDomain, { name: 'taken-create.com' }, { actor: other.actor });
      await engine.run(registerDomain, { name: 'quarantine-create.de' }, { actor: other.actor });
      await engine.run(deleteDomain, { name: 'quarantine-create.de' }, { actor: other.actor });
      await assertUnchanged(db(), async () => {
        assertResponse(await create({ name: 'taken-create.com', dns: '' }), expected('domain-create', 3201, resultText(3201)));
        assertCode(await create({ name: 'quarantine-create.de', dns: '' }), 3204);
        assertCode(await create({ name: 'nic.com', dns: '' }), 3205);
        assertCode(await create({ name: 'cznic.cz', nsset: 'WEDOS' }), 3205);
        assertCode(await create({ name: 'wapi.invalidtld', dns: '' }), 2201);
        assertCode(await create({ name: '-bad-.com', dns: '' }), 2202);
        assertCode(await create({ name: 'bad-period.com', dns: '', period: 11 }), 2203);
        assertCode(await create({ name: 'bad-period.com', dns: '', period: 'one' }), 2203);
        assertCode(await create({ name: 'no-owner.com', dns: '', owner_c: '' }), 2204);
        assertCode(await create({ name: 'foreign-owner.com', dns: '', owner_c: foreign }), 2207);
        assertCode(await create({ name: 'unknown-owner.com', dns: '', owner_c: 'REGD-C999999' }), 2207);
        // The contacts' codes come before the registration's refusals, whichever way the handle is read.
        assertCode(await create({ name: 'taken-create.com', dns: '', owner_c: foreign }), 2207);
        assertCode(await create({ name: 'taken-create.com', dns: '', owner_c: 'not-a-handle' }), 2207);
        assertResponse(await create({ name: 'foreign-admin.com', dns: '', admin_c: foreign }), expected('domain-create', 2101, 'Invalid parameter value: admin_c'));
        assertResponse(await create({ name: 'taken-create.com', dns: '', admin_c: 'REGD-C0' }), expected('domain-create', 2101, 'Invalid parameter value: admin_c'));
        assertCode(await create({ name: 'cars.com', dns: '', owner_c: foreign }), 2207);
        assertCode(await create({ name: 'poor-owner.cn', dns: { server1: { name: 'ns1.poor-owner.cn', addr_ip4: '192.0.2.1' }, server2: { name: 'ns2.provider.example' } }, owner_c: foreign }), 2207);
        assertCode(await create({ name: 'no-rules.com', dns: '', rules: undefined }), 2245);
        assertCode(await create({ name: 'bad-rules.com', dns: '', rules: { fname: 'Jan' } }), 2246);
        assertCode(await create({ name: 'no-dns.com' }), 2100);
        assertCode(await create({ name: 'one-ns.com', dns: { server1: { name: 'ns1.provider.example' } } }), 2210);
        assertCode(await create({ name: 'glueless.com', dns: { server1: { name: 'ns1.glueless.com' }, server2: { name: 'ns2.provider.example' } } }), 2210);
        assertCode(await create({ name: 'cars.com', dns: '' }), 3221);
      });
    });

    test('2202 for a mixed-script look-alike (domain-check, domain-create) or a script the TLD does not offer; single-script IDNs are created', async () => {
      await assertUnchanged(db(), async () => {
        for (const name of ['раураl.com', 'xn--l-7sba6dbr.com']) {
          assertResponse(await call(w, 'domain-check', { name }), expected('domain-check', 2202, resultText(2202)));
          assertResponse(await create({ name, dns: '' }), expected('domain-create', 2202, resultText(2202)));
        }
        assertResponse(await create({ name: 'пример.de', dns: '' }), expected('domain-create', 2202, resultText(2202)));
        assertResponse(await create({ name: 'čeština.cz', nsset: 'WEDOS' }), expected('domain-create', 2202, resultText(2202)));
      });
      assertResponse(await call(w, 'domain-check', { name: 'пример.eu' }), expected('domain-check', 1000, resultText(1000)));
      const made = await create({ name: 'münchen.de', dns: '' });
      assert.equal(made.code, 1000, JSON.stringify(made));
    });

    test('3002: not enough credit changes nothing', async () => {
      const poor = await wapiAccount(engine, t.url, { depositCzk: '1.00' });
      const contact = (await newContactOf(engine, poor)).handle;
      await assertUnchanged(db(), async () => {
        const res = await call(poor, 'domain-create', { name: 'too-expensive.com', period: 1, dns: '', owner_c: contact, rules: RULES });
        assertResponse(res, expected('domain-create', 3002, resultText(3002)));
      });
    });

    test('test mode runs every check and changes nothing', async () => {
      await assertUnchanged(db(), async () => {
        const res = await create({ name: 'wapi-test-mode.com', dns: '' }, { test: true });
        assert.equal(res.code, 1000, JSON.stringify(res));
      });
      await assertUnchanged(db(), async () => assertCode(await create({ name: 'taken-create.com', dns: '' }, { test: true }), 3201));
    });

    test('glue for a name server under another domain of the account is written; under a foreign domain it is not', async () => {
      const other = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'foreign-ns-parent.com' }, { actor: other.actor });
      await engine.run(createHost, { name: 'ns1.foreign-ns-parent.com', addresses: ['198.51.100.1'] }, { actor: other.actor });
      const res = await create({
        name: 'wapi-glue-other.com',
        dns: {
          server1: { name: 'ns9.wapi-create.com', addr_ip4: '192.0.2.99' },
          server2: { name: 'ns1.foreign-ns-parent.com', addr_ip4: '203.0.113.1' },
        },
      });
      assert.equal(res.code, 1000, JSON.stringify(res));
      const hosts = await engine.run(listDomainHosts, { name: 'wapi-glue-other.com' }, { actor: w.actor });
      assert.deepEqual(hosts.nameServers, [
        { name: 'ns9.wapi-create.com', addresses: ['192.0.2.99'] },
        { name: 'ns1.foreign-ns-parent.com', addresses: ['198.51.100.1'] },
      ]);
    });
  });
}
