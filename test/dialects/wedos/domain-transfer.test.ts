/**
 * domain-transfer-check, domain-transfer, domain-send-auth-info and
 * domain-tld-period-check over real HTTP: synchronous (.cz, .eu) and
 * pending (.com) transfers with their money and notification, owner_c and
 * dns rules (kept on a pending transfer and set on arrival), every
 * applicable refusal, the AUTH-ID mail, test mode.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths, deleteDomain, getAuthCode, listHosts, listOutbox, modifyDomain, pollNotification, registerDomain, setDomainNameServers, type Engine,
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
  describe(`${backend}: WAPI transfers, AUTH-ID mail and period check`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let w: Wapi;
    let holder: Wapi;
    let owner: string;
    const db = () => t.services.store.db;
    const authOf = async (name: string) => (await engine.run(getAuthCode, { name }, { actor: holder.actor })).authCode;
    const transfer = (data: Record<string, unknown>, options: { test?: boolean } = {}, who?: Wapi) =>
      call(who ?? w, 'domain-transfer', { rules: RULES, ...data }, options);

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      w = await wapiAccount(engine, t.url);
      holder = await wapiAccount(engine, t.url);
      owner = (await newContactOf(engine, w)).handle;
      for (const name of ['move-pending.com', 'move-locked.com', 'move-poor.eu', 'move-dns-empty.com']) {
        await engine.run(registerDomain, { name }, { actor: holder.actor });
      }
      await engine.run(modifyDomain, { name: 'move-locked.com', locked: true }, { actor: holder.actor });
      for (const name of ['move-pending.com', 'move-dns-empty.com']) {
        await engine.run(setDomainNameServers, { name, nameServers: ['ns1.old-dns.example', 'ns2.old-dns.example'] }, { actor: holder.actor });
      }
      await ops(t.url, 'clock advance', { duration: '61d' }); // past the .com transfer lock after creation
      for (const name of ['move-now.cz', 'move-now.eu', 'move-refused.cz', 'move-redemption.de', 'too-soon.com', 'move-pending.de', 'move-locked.de', 'move-glue.eu']) {
        await engine.run(registerDomain, { name }, { actor: holder.actor });
      }
      await engine.run(deleteDomain, { name: 'move-redemption.de' }, { actor: holder.actor });
      await engine.run(modifyDomain, { name: 'move-locked.de', locked: true }, { actor: holder.actor });
    });
    after(async () => t.close());

    test('transfer-check: 1000 when possible; 3218 with the reason otherwise; 2202/2201 for bad names', async () => {
      await engine.run(registerDomain, { name: 'check-mine.com' }, { actor: w.actor });
      await assertUnchanged(db(), async () => {
        assertResponse(await call(w, 'domain-transfer-check', { name: 'move-pending.com' }), expected('domain-transfer-check', 1000, resultText(1000)));
        assertResponse(await call(w, 'domain-transfer-check', { name: 'nobody-holds.com' }),
          expected('domain-transfer-check', 3218, 'Transfer not possible: the domain is not registered, or cannot be transferred'));
        assertCode(await call(w, 'domain-transfer-check', { name: 'check-mine.com' }), 3218, 'Transfer not possible: the domain is already in your account');
        assertCode(await call(w, 'domain-transfer-check', { name: 'move-locked.com' }), 3218, 'Transfer not possible: the domain is locked by its holder');
        assertCode(await call(w, 'domain-transfer-check', { name: 'too-soon.com' }), 3218, 'Transfer not possible: the domain was registered or transferred too recently');
        assertCode(await call(w, 'domain-transfer-check', { name: 'move-redemption.de' }), 3218, 'Transfer not possible: the domain is not active');
        assertCode(await call(w, 'domain-transfer-check', { name: 'bad_name.com' }), 2202);
        assertCode(await call(w, 'domain-transfer-check', { name: 'x.invalidtld' }), 2201);
      });
    });

    test('transfer (.cz): synchronous, 1000 with num and expiration; owner_c becomes the registrant', async () => {
      const before = await domainOf(engine, holder, 'move-now.cz');
      const res = await transfer({ name: 'move-now.cz', auth_info: await authOf('move-now.cz'), owner_c: owner });
      const d = await domainOf(engine, w, 'move-now.cz');
      assert.equal(res.code, 1000, JSON.stringify(res));
      assertResponse(res, expected('domain-transfer', 1000, resultText(1000), { num: (res.data as { num: string }).num, expiration: ymd(before.expiresAt) }));
      assert.match(String((res.data as { num: string }).num), /^\d+$/);
      const info = ((await call(w, 'domain-info', { name: 'move-now.cz' })).data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([info.owner_c, info.status, info.transfer_date, d.expiresAt.toISOString()], [owner, 'active', ymd(d.transferredAt!), before.expiresAt.toISOString()]);
    });

    test('transfer (.eu): owner_c required (2204); with it 1000, one year added, the price charged once, dns set', async () => {
      const auth = await authOf('move-now.eu');
      await assertUnchanged(db(), async () => assertCode(await transfer({ name: 'move-now.eu', auth_info: auth }), 2204));
      const currency = await currencyOf(engine, w);
      const credit = await creditOf(engine, w, currency);
      const before = await domainOf(engine, holder, 'move-now.eu');
      const res = await transfer({ name: 'move-now.eu', auth_info: auth, owner_c: owner, dns: { server1: { name: 'ns1.eu-dns.example' }, server2: { name: 'ns2.eu-dns.example' } } });
      assertResponse(res, expected('domain-transfer', 1000, resultText(1000), { num: (res.data as { num: string }).num, expiration: ymd(addMonths(before.expiresAt, 12)) }));
      const d = await domainOf(engine, w, 'move-now.eu');
      assert.deepEqual(d.nameServers, ['ns1.eu-dns.example', 'ns2.eu-dns.example']);
      const after = await creditOf(engine, w, currency);
      assert.equal(Math.round(Number(credit.amount) * 100) - Math.round(Number(after.amount) * 100), priceMinor(engine, 'eu', 'transfer', currency));
    });

    test('transfer (.de): pending, 1001; transfer_processing; completes after auto-approval with a poll message', async () => {
      const auth = await authOf('move-pending.de');
      await assertUnchanged(db(), async () => assertCode(await transfer({ name: 'move-pending.de', auth_info: auth, dns: '' }), 2210));
      const currency = await currencyOf(engine, w);
      const credit = await creditOf(engine, w, currency);
      const before = await domainOf(engine, holder, 'move-pending.de');
      const res = await transfer({ name: 'move-pending.de', auth_info: auth });
      assertResponse(res, expected('domain-transfer', 1001, resultText(1001), { num: (res.data as { num: string }).num, expiration: ymd(before.expiresAt) }));
      assert.deepEqual((await call(w, 'domains-list', { status: 'transfer_processing' })).data, { domain: { 0: { name: 'move-pending.de', status: 'transfer_processing' } } });
      const held = await creditOf(engine, w, currency);
      assert.equal(Math.round(Number(credit.amount) * 100) - Math.round(Number(held.amount) * 100), priceMinor(engine, 'de', 'transfer', currency));
      await assertUnchanged(db(), async () => assertCode(await transfer({ name: 'move-pending.de', auth_info: auth }), 3219));

      await ops(t.url, 'clock advance', { duration: '6d' });
      const info = ((await call(w, 'domain-info', { name: 'move-pending.de' })).data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([info.status, info.expiration], ['active', ymd(before.expiresAt)]);
      assert.deepEqual(await creditOf(engine, w, currency), held);
      const polled = await engine.run(pollNotification, {}, { actor: w.actor });
      assert.deepEqual([polled.notification?.kind, polled.notification?.domainName], ['transfer.completed', 'move-pending.de']);
    });

    test('transfer (.eu): a server under the domain itself gets its glue once the domain has arrived', async () => {
      const res = await transfer({
        name: 'move-glue.eu', auth_info: await authOf('move-glue.eu'), owner_c: owner,
        dns: { server1: { name: 'ns1.move-glue.eu', addr_ip4: '192.0.2.61' }, server2: { name: 'ns2.eu-dns.example' } },
      });
      assert.equal(res.code, 1000, JSON.stringify(res));
      assert.deepEqual((await domainOf(engine, w, 'move-glue.eu')).nameServers, ['ns1.move-glue.eu', 'ns2.eu-dns.example']);
      const host = (await engine.run(listHosts, {}, { actor: w.actor })).find((h) => h.name === 'ns1.move-glue.eu');
      assert.deepEqual(host?.addresses, ['192.0.2.61']);
    });

    test('transfer (.com): owner_c required (2204); pending with dns (1001): glue written now, owner and servers set on arrival; empty dns gives regd\'s own', async () => {
      const auth = await authOf('move-pending.com');
      const emptyAuth = await authOf('move-dns-empty.com');
      await engine.run(registerDomain, { name: 'my-dns.com' }, { actor: w.actor });
      const two = { server1: { name: 'ns.my-dns.com', addr_ip4: '192.0.2.44' }, server2: { name: 'ns2.eu-dns.example' } };
      await assertUnchanged(db(), async () => {
        assertCode(await transfer({ name: 'move-pending.com', auth_info: auth }), 2204);
        // Under the domain itself: its glue can only be given once the domain has arrived.
        assertCode(await transfer({ name: 'move-pending.com', auth_info: auth, owner_c: owner, dns: { server1: { name: 'ns1.move-pending.com', addr_ip4: '192.0.2.45' }, server2: two.server2 } }), 2210,
          'Invalid DNS server format: ns1.move-pending.com lies under the domain itself, whose glue can be set only once the transfer has completed (domain-update-ns)');
        assertCode(await transfer({ name: 'move-pending.com', auth_info: auth, owner_c: owner, dns: { server1: two.server2 } }), 2210);
        assertCode(await transfer({ name: 'move-pending.com', auth_info: auth, owner_c: owner, dns: { server1: { name: 'ns.move-locked.com' }, server2: two.server2 } }), 2210);
        assertCode(await transfer({ name: 'move-pending.com', auth_info: auth, owner_c: owner, dns: { server1: { name: 'bad_host!' }, server2: two.server2 } }), 2210);
      });
      const before = await domainOf(engine, holder, 'move-pending.com');
      const res = await transfer({ name: 'move-pending.com', auth_info: auth, owner_c: owner, dns: two });
      assertResponse(res, expected('domain-transfer', 1001, resultText(1001), { num: (res.data as { num: string }).num, expiration: ymd(addMonths(before.expiresAt, 12)) }));
      const glue = (await engine.run(listHosts, {}, { actor: w.actor })).find((h) => h.name === 'ns.my-dns.com');
      assert.deepEqual(glue?.addresses, ['192.0.2.44']);
      assert.deepEqual((await domainOf(engine, holder, 'move-pending.com')).nameServers, ['ns1.old-dns.example', 'ns2.old-dns.example']);
      assert.equal((await transfer({ name: 'move-dns-empty.com', auth_info: emptyAuth, owner_c: owner, dns: '' })).code, 1001);

      await ops(t.url, 'clock advance', { duration: '6d' });
      const info = ((await call(w, 'domain-info', { name: 'move-pending.com' })).data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([info.status, info.expiration, info.owner_c], ['active', ymd(addMonths(before.expiresAt, 12)), owner]);
      const arrived = await domainOf(engine, w, 'move-pending.com');
      assert.deepEqual([arrived.serviceMode, arrived.nameServers], ['custom_ns', ['ns.my-dns.com', 'ns2.eu-dns.example']]);
      const empty = await domainOf(engine, w, 'move-dns-empty.com');
      assert.deepEqual([empty.serviceMode, empty.nameServers], ['regd_dns', []]);
    });

    test('transfer refusals change nothing: 2215, 2263, 2271, 3227, 3207, 3218, 3266, 2245, 2246, 2207, 2210, 2100', async () => {
      const other = await wapiAccount(engine, t.url);
      const foreign = (await newContactOf(engine, other)).handle;
      const auth = await authOf('move-refused.cz');
      await engine.run(registerDomain, { name: 'already-mine.cz' }, { actor: w.actor });
      await assertUnchanged(db(), async () => {
        assertResponse(await transfer({ name: 'move-refused.cz' }), expected('domain-transfer', 2215, resultText(2215)));
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: 'abc1' }), 2263);
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: 'has space 123' }), 2271);
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: 'x'.repeat(33) }), 2271);
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: 'Wrong-Code-123' }), 3227);
        assertCode(await transfer({ name: 'already-mine.cz', auth_info: 'Wrong-Code-123' }), 3207);
        assertCode(await transfer({ name: 'nobody-holds.cz', auth_info: 'Wrong-Code-123' }), 3218);
        assertCode(await transfer({ name: 'move-locked.de', auth_info: 'Wrong-Code-123' }), 3218);
        assertCode(await transfer({ name: 'move-redemption.de', auth_info: 'Wrong-Code-123' }), 3266);
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: auth, rules: undefined }), 2245);
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: auth, rules: { fname: '', lname: 'X' } }), 2246);
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: auth, owner_c: foreign }), 2207);
        assertCode(await transfer({ name: 'move-refused.cz', auth_info: auth, dns: '' }), 2210);
        assertCode(await transfer({ auth_info: auth }), 2100);
        assert.equal((await transfer({ name: 'move-refused.cz', auth_info: auth }, { test: true })).code, 1000);
      });
    });

    test('transfer: 3002 without enough credit changes nothing', async () => {
      const poor = await wapiAccount(engine, t.url, { depositCzk: '1.00' });
      const contact = (await newContactOf(engine, poor)).handle;
      const auth = await authOf('move-poor.eu');
      await assertUnchanged(db(), async () => assertCode(await transfer({ name: 'move-poor.eu', auth_info: auth, owner_c: contact }, {}, poor), 3002));
    });

    test('send-auth-info: 1000 mails the AUTH-ID to the registrant; 2243 locked; 3210 not active; 3222 deleted; 3223 not yours', async () => {
      const contact = await newContactOf(engine, w, { email: 'owner-mail@example.cz' });
      await engine.run(registerDomain, { name: 'auth-mail.com', contacts: { registrant: contact.id } }, { actor: w.actor });
      assertResponse(await call(w, 'domain-send-auth-info', { name: 'auth-mail.com' }), expected('domain-send-auth-info', 1000, resultText(1000)));
      const { items } = await engine.run(listOutbox, { limit: 1 }, { actor: w.actor });
      const { authCode } = await engine.run(getAuthCode, { name: 'auth-mail.com' }, { actor: w.actor });
      assert.deepEqual([items[0]?.to, items[0]?.kind, items[0]?.body.includes(authCode)], ['owner-mail@example.cz', 'auth_code', true]);

      await engine.run(registerDomain, { name: 'auth-locked.com', locked: true }, { actor: w.actor });
      await engine.run(registerDomain, { name: 'auth-redemption.de' }, { actor: w.actor });
      await engine.run(deleteDomain, { name: 'auth-redemption.de' }, { actor: w.actor });
      await engine.run(registerDomain, { name: 'auth-gone.com' }, { actor: w.actor });
      await engine.run(deleteDomain, { name: 'auth-gone.com' }, { actor: w.actor });
      await assertUnchanged(db(), async () => {
        assertResponse(await call(w, 'domain-send-auth-info', { name: 'auth-locked.com' }), expected('domain-send-auth-info', 2243, resultText(2243)));
        assertCode(await call(w, 'domain-send-auth-info', { name: 'auth-redemption.de' }), 3210);
        assertCode(await call(w, 'domain-send-auth-info', { name: 'auth-gone.com' }), 3222);
        assertCode(await call(w, 'domain-send-auth-info', { name: 'move-locked.com' }), 3223);
        assert.equal((await call(w, 'domain-send-auth-info', { name: 'auth-mail.com' }, { test: true })).code, 1000);
      });
    });

    test('tld-period-check: 1000 or 2203; the TLD with or without its dot; 2201 for a TLD regd does not offer', async () => {
      await assertUnchanged(db(), async () => {
        assertResponse(await call(w, 'domain-tld-period-check', { tld: 'cz', period: '1' }), expected('domain-tld-period-check', 1000, resultText(1000)));
        assertCode((await call(w, 'domain-tld-period-check', { tld: '.COM', period: 10 })), 1000);
        assertResponse(await call(w, 'domain-tld-period-check', { tld: 'com', period: 11 }), expected('domain-tld-period-check', 2203, resultText(2203)));
        assertCode(await call(w, 'domain-tld-period-check', { tld: 'cz', period: 0 }), 2203);
        assertCode(await call(w, 'domain-tld-period-check', { tld: 'invalidtld', period: 1 }), 2201);
        assertCode(await call(w, 'domain-tld-period-check', { period: 1 }), 2100);
      });
    });
  });
}
