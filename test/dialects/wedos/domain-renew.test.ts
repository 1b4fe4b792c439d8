/**
 * domain-renew and domain-update-ns over real HTTP: renewal money and
 * expiry, 2203, 2269 while the automatic renewal is pending, 3002, name
 * servers, NSSETs and glue, 2209/2210, other accounts' domains, test mode.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, createNsset, listDomainHosts, registerDomain, type Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import {
  assertCode, assertResponse, assertUnchanged, call, creditOf, currencyOf, domainOf, expected, priceMinor, wapiAccount, ymd, type Wapi,
} from './domain-support.ts';
import { resultText } from './domain-texts.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: WAPI domain-renew and domain-update-ns`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let w: Wapi;
    const db = () => t.services.store.db;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      w = await wapiAccount(engine, t.url);
    });
    after(async () => t.close());

    test('renew: 1000 with the new expiration; the renewal price for the period is charged once', async () => {
      await engine.run(registerDomain, { name: 'renew-me.com' }, { actor: w.actor });
      const currency = await currencyOf(engine, w);
      const d = await domainOf(engine, w, 'renew-me.com');
      const before = await creditOf(engine, w, currency);
      const res = await call(w, 'domain-renew', { name: 'renew-me.com', period: '2' });
      const newExpiry = addMonths(d.expiresAt, 24);
      assertResponse(res, expected('domain-renew', 1000, resultText(1000), { expiration: ymd(newExpiry) }));
      assert.equal((await domainOf(engine, w, 'renew-me.com')).expiresAt.toISOString(), newExpiry.toISOString());
      const after = await creditOf(engine, w, currency);
      const spent = Math.round(Number(before.amount) * 100) - Math.round(Number(after.amount) * 100);
      assert.equal(spent, priceMinor(engine, 'com', 'renew', currency, 2));
    });

    test('renew: a client retrying after a timeout gets 2269, not a second charge, in JSON and XML; the next term renews once it has begun', async () => {
      await engine.run(registerDomain, { name: 'renew-retry.com', autoRenew: false }, { actor: w.actor });
      const currency = await currencyOf(engine, w);
      const d = await domainOf(engine, w, 'renew-retry.com');
      const once = addMonths(d.expiresAt, 12);
      const before = await creditOf(engine, w, currency);
      assertResponse(await call(w, 'domain-renew', { name: 'renew-retry.com', period: '1' }, { clTRID: 'retry-1' }),
        expected('domain-renew', 1000, resultText(1000), { expiration: ymd(once) }, 'retry-1'));
      await assertUnchanged(db(), async () => {
        // The same request again (the answer was lost), and again in XML.
        assertResponse(await call(w, 'domain-renew', { name: 'renew-retry.com', period: '1' }, { clTRID: 'retry-1' }),
          expected('domain-renew', 2269, resultText(2269), undefined, 'retry-1'));
        assertCode(await call(w, 'domain-renew', { name: 'renew-retry.com', period: 1 }, { format: 'xml' }), 2269);
        assertCode(await call(w, 'domain-renew', { name: 'renew-retry.com', period: 3 }), 2269);
        assertCode(await call(w, 'domain-renew', { name: 'renew-retry.com', period: 11 }), 2203);
      });
      const after = await creditOf(engine, w, currency);
      const spent = Math.round(Number(before.amount) * 100) - Math.round(Number(after.amount) * 100);
      assert.equal(spent, priceMinor(engine, 'com', 'renew', currency, 1), 'charged once');
      assert.equal((await domainOf(engine, w, 'renew-retry.com')).expiresAt.toISOString(), once.toISOString());
      await ops(t.url, 'clock set', { at: d.expiresAt.toISOString() }); // the renewed year begins
      assertResponse(await call(w, 'domain-renew', { name: 'renew-retry.com', period: '1' }), expected('domain-renew', 1000, resultText(1000), { expiration: ymd(addMonths(once, 12)) }));
    });

    test('renew: 2203 for a period the TLD does not offer or past its horizon; 3223 for another account\'s domain; test mode; nothing changes', async () => {
      const other = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'renew-foreign.com' }, { actor: other.actor });
      await engine.run(registerDomain, { name: 'renew-limits.com' }, { actor: w.actor });
      await assertUnchanged(db(), async () => {
        assertResponse(await call(w, 'domain-renew', { name: 'renew-limits.com', period: 11 }), expected('domain-renew', 2203, resultText(2203)));
        assertCode(await call(w, 'domain-renew', { name: 'renew-limits.com', period: 10 }), 2203);
        assertCode(await call(w, 'domain-renew', { name: 'renew-limits.com', period: 'x' }), 2203);
        assertCode(await call(w, 'domain-renew', { name: 'renew-limits.com' }), 2100);
        assertCode(await call(w, 'domain-renew', { name: 'renew-foreign.com', period: 1 }), 3223);
        assert.equal((await call(w, 'domain-renew', { name: 'renew-limits.com', period: 1 }, { test: true })).code, 1000);
      });
    });

    test('renew: 3002 without enough credit changes nothing', async () => {
      const poor = await wapiAccount(engine, t.url, { depositCzk: '250.00' });
      await engine.run(registerDomain, { name: 'renew-poor.com' }, { actor: poor.actor });
      await assertUnchanged(db(), async () => assertCode(await call(poor, 'domain-renew', { name: 'renew-poor.com', period: 1 }), 3002));
    });

    test('renew: 2269 while the automatic renewal (.cz: 30 days early) waits for credit; renew_processing; renewed once credit comes', async () => {
      const cz = await wapiAccount(engine, t.url, { depositCzk: '169.00' });
      await engine.run(registerDomain, { name: 'renew-early.cz' }, { actor: cz.actor });
      const d = await domainOf(engine, cz, 'renew-early.cz');
      assert.equal((await call(cz, 'domain-info', { name: 'renew-early.cz' })).code, 1000);
      await ops(t.url, 'clock advance', { duration: '340d' }); // inside the 30 days: the sweeper tried, without credit
      await assertUnchanged(db(), async () => {
        assertResponse(await call(cz, 'domain-renew', { name: 'renew-early.cz', period: 1 }), expected('domain-renew', 2269, resultText(2269)));
      });
      assert.equal(((await call(cz, 'domain-info', { name: 'renew-early.cz' })).data as { domain: { status: string } }).domain.status, 'renew_processing');
      assert.deepEqual((await call(cz, 'domains-list', { status: 'renew_processing' })).data, { domain: { 0: { name: 'renew-early.cz', status: 'renew_processing' } } });
      assert.equal((await ops(t.url, 'account deposit', { account: cz.email, amount: '229.00', currency: 'CZK' })).status, 200);
      await ops(t.url, 'clock advance', { duration: '1d' }); // the retry
      assert.equal((await domainOf(engine, cz, 'renew-early.cz')).expiresAt.toISOString(), addMonths(d.expiresAt, 12).toISOString());
      assert.equal(((await call(cz, 'domain-info', { name: 'renew-early.cz' })).data as { domain: { status: string } }).domain.status, 'active');
    });

    test('update-ns: own servers, then empty (regd\'s own); glue from addr_ip4 for a server under the domain', async () => {
      await engine.run(registerDomain, { name: 'ns-update.com' }, { actor: w.actor });
      const res = await call(w, 'domain-update-ns', { name: 'ns-update.com', dns: { server1: { name: 'ns1.ns-update.com', addr_ip4: '192.0.2.44' }, server2: { name: 'ns2.dns.example' } } });
      assertResponse(res, expected('domain-update-ns', 1000, resultText(1000)));
      assert.deepEqual((await engine.run(listDomainHosts, { name: 'ns-update.com' }, { actor: w.actor })).nameServers, [
        { name: 'ns1.ns-update.com', addresses: ['192.0.2.44'] }, { name: 'ns2.dns.example', addresses: [] },
      ]);
      assert.equal((await call(w, 'domain-update-ns', { name: 'ns-update.com', dns: {} })).code, 1000);
      const d = await domainOf(engine, w, 'ns-update.com');
      assert.deepEqual([d.serviceMode, d.nameServers], ['regd_dns', []]);
    });

    test('update-ns (.cz): an NSSET by handle, then WEDOS (regd\'s own)', async () => {
      await engine.run(registerDomain, { name: 'ns-update.cz' }, { actor: w.actor });
      await engine.run(createNsset, { handle: 'UPDATE-NSSET', hosts: [{ name: 'ns1.cz-upd.example' }, { name: 'ns2.cz-upd.example' }] }, { actor: w.actor });
      assert.equal((await call(w, 'domain-update-ns', { name: 'ns-update.cz', nsset: 'update-nsset' })).code, 1000);
      assert.deepEqual((await domainOf(engine, w, 'ns-update.cz')).nameServers, ['ns1.cz-upd.example', 'ns2.cz-upd.example']);
      assert.equal((await call(w, 'domain-update-ns', { name: 'ns-update.cz', nsset: 'WEDOS' })).code, 1000);
      assert.equal((await domainOf(engine, w, 'ns-update.cz')).serviceMode, 'regd_dns');
    });

    test('update-ns: 2209 and 2210 refusals, another account\'s domain 3223, test mode; nothing changes', async () => {
      const other = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'ns-foreign.com' }, { actor: other.actor });
      await engine.run(registerDomain, { name: 'ns-refused.com' }, { actor: w.actor });
      await engine.run(registerDomain, { name: 'ns-refused.cz' }, { actor: w.actor });
      const two = { server1: { name: 'ns1.dns.example' }, server2: { name: 'ns2.dns.example' } };
      await assertUnchanged(db(), async () => {
        assertResponse(await call(w, 'domain-update-ns', { name: 'ns-refused.cz', nsset: 'NOT-MINE' }), expected('domain-update-ns', 2209, resultText(2209)));
        assertCode(await call(w, 'domain-update-ns', { name: 'ns-refused.com', nsset: 'UPDATE-NSSET' }), 2209);
        assertCode(await call(w, 'domain-update-ns', { name: 'ns-refused.cz', nsset: '' }), 2209);
        assertResponse(await call(w, 'domain-update-ns', { name: 'ns-refused.com', dns: { server1: { name: 'ns1.dns.example' } } }), expected('domain-update-ns', 2210, resultText(2210)));
        assertCode(await call(w, 'domain-update-ns', { name: 'ns-refused.com', dns: { server1: { name: 'bad name' }, server2: { name: 'ns2.dns.example' } } }), 2210);
        assertCode(await call(w, 'domain-update-ns', { name: 'ns-refused.com', dns: { server1: { name: 'ns1.ns-refused.com' }, server2: { name: 'ns2.dns.example' } } }), 2210);
        assertCode(await call(w, 'domain-update-ns', { name: 'ns-refused.cz', dns: two }), 2210);
        assertCode(await call(w, 'domain-update-ns', { name: 'ns-refused.com' }), 2100);
        assertCode(await call(w, 'domain-update-ns', { name: 'ns-foreign.com', dns: two }), 3223);
        assert.equal((await call(w, 'domain-update-ns', { name: 'ns-refused.com', dns: two }, { test: true })).code, 1000);
      });
    });
  });
}
