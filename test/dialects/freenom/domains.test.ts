/**
 * Freenom domain functions over HTTP: search, register, renew, getinfo,
 * modify, delete, restore, upgrade and list. Whole responses against
 * fixtures (JSON and XML), FREE and PAID, the documented "NOT AVAILABLE"
 * results, and every refusal in the error envelope with nothing changed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../support/backends.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { assertError, assertFixture, call, creds, newContact, OUTSIDE_NS, startFreenomServer, type FreenomTestServer, type ParamMap } from './support.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: Freenom domain functions`, { timeout: 120_000 }, () => {
    let t: FreenomTestServer;
    let a: TestAccount;
    let b: TestAccount;
    let owner: string;
    let tech: string;
    before(async () => {
      t = await startFreenomServer(backend);
      [a, b] = [await t.account(), await t.account()];
      owner = await newContact(t.v2, a);
      tech = await newContact(t.v2, a, { contact_firstname: 'Tereza', contact_organization: 'Tech s.r.o.' });
    });
    after(async () => t.close());

    const balance = async (acct: TestAccount) => {
      const row = await t.services.store.db.selectFrom('balances').select('balance_minor').where('account_id', '=', acct.id).where('currency', '=', 'EUR').executeTakeFirst();
      return row?.balance_minor ?? 0;
    };
    const register = (acct: TestAccount, params: ParamMap, xml = false, base = t.v2) =>
      call(base, '/domain/register', { ...creds(acct), ...params }, { method: 'POST', xml });

    /** A failing call changes no table. */
    const unchanged = async (reply: Promise<ReturnType<typeof call> extends Promise<infer R> ? R : never>, message: string | RegExp) => {
      const before = await snapshotTables(t.services.store.db, [...TABLES]);
      assertError(await reply, message);
      assert.deepEqual(await snapshotTables(t.services.store.db, [...TABLES]), before);
    };

    test('domain/search: PAID with one price per period, FREE in XML, taken and reserved names', async () => {
      assertFixture(await call(t.v2, '/domain/search', { domainname: 'TEST001.TK', domaintype: 'PAID' }), 'search-paid.json');
      assertFixture(await call(t.v2, '/domain/search', { domainname: 'test001.tk', domaintype: 'free' }, { xml: true }), 'search-free.xml');
      assertFixture(await call(t.v2, '/domain/search', { domainname: 'www.tk', domaintype: 'PAID' }), 'search-not-available.json', { DOMAIN: 'www.tk' });
      assertError(await call(t.v2, '/domain/search', { domainname: 'test001.tk' }), 'Missing parameter: domaintype');
      assertError(await call(t.v2, '/domain/search', { domainname: 'test001.tk', domaintype: 'CHEAP' }), 'Invalid value for domaintype: PAID or FREE is required');
      assertError(await call(t.v2, '/domain/search', { domainname: 'test001.zz', domaintype: 'PAID' }), 'Invalid value for domainname: the extension .zz is not supported');
      assertError(await call(t.v2, '/domain/search', { domainname: '-bad-.tk', domaintype: 'PAID' }), 'Invalid value for domainname: label "-bad-" starts or ends with a hyphen');
    });

    test('domain/register FREE: default 3M, no contacts needed; 1Y is 12M', async () => {
      assertFixture(await register(a, { domainname: 'test001.tk', domaintype: 'FREE' }), 'register-free.json');
      const twelve = await register(a, { domainname: 'test001-year.tk', domaintype: 'FREE', period: '1Y' });
      assert.deepEqual((twelve.body.domain as Record<string, string>[])[0], {
        domainname: 'test001-year.tk', domaintype: 'FREE', expirationdate: '20330115', period: '12M', status: 'REGISTERED',
      });
      assertFixture(await call(t.v2, '/domain/search', { domainname: 'test001.tk', domaintype: 'PAID' }), 'search-not-available.json', { DOMAIN: 'test001.tk' });
    });

    test('domain/register PAID with name servers and contacts, charged once', async () => {
      const before = await balance(a);
      const r = await register(a, {
        domainname: 'test002.tk', domaintype: 'PAID', period: '2Y', nameserver: [...OUTSIDE_NS],
        owner_id: owner, admin_id: owner, tech_id: tech, autorenew: 'disabled',
      });
      assertFixture(r, 'register-paid.json', { OWNER: owner, TECH: tech });
      assert.equal(await balance(a), before - 1798);
    });

    test('domain/register PAID with ID shield and no owner, in XML', async () => {
      assertFixture(await register(a, { domainname: 'test003.ml', domaintype: 'PAID', idshield: 'enabled' }, true), 'register-paid.xml');
      const row = await t.services.store.db.selectFrom('domains').select(['privacy', 'auto_renew']).where('name', '=', 'test003.ml').executeTakeFirstOrThrow();
      assert.deepEqual(row, { privacy: 'full', auto_renew: true });
    });

    test('domain/register: a taken or reserved name is the documented NOT AVAILABLE, nothing changed', async () => {
      for (const [domainname, type] of [['test002.tk', 'PAID'], ['test001.tk', 'FREE'], ['freenom.tk', 'FREE'], ['TEST002.TK', 'FREE']] as const) {
        const before = await snapshotTables(t.services.store.db, [...TABLES]);
        assertFixture(await register(b, { domainname, domaintype: type, owner_id: '1', idshield: 'enabled' }), 'register-not-available.json', { DOMAIN: domainname.toLowerCase(), TYPE: type });
        assert.deepEqual(await snapshotTables(t.services.store.db, [...TABLES]), before);
      }
    });

    test('domain/register: every refusal in the envelope, nothing changed', async () => {
      const base = { domainname: 'refused.tk', domaintype: 'PAID', owner_id: owner };
      await unchanged(register(a, { domaintype: 'PAID' }), 'Missing parameter: domainname');
      await unchanged(register(a, { domainname: 'refused.tk' }), 'Missing parameter: domaintype');
      await unchanged(register(a, { domainname: 'refused.tk', domaintype: 'PAID' }), 'Missing parameter: owner_id');
      await unchanged(register(a, { ...base, idshield: 'maybe' }), 'Invalid value for idshield: enabled or disabled is required');
      await unchanged(register(a, { ...base, autorenew: 'yes' }), 'Invalid value for autorenew: enabled or disabled is required');
      await unchanged(register(a, { ...base, period: '2 years' }), 'Invalid value for period: a period such as 1Y (years) or 3M (months) is required');
      await unchanged(register(a, { ...base, period: '11Y' }), 'Invalid value for period: 11Y is not allowed (allowed: 1Y, 2Y, 3Y, 4Y, 5Y, 6Y, 7Y, 8Y, 9Y, 10Y)');
      await unchanged(register(a, { ...base, domaintype: 'FREE', period: '13M' }), 'Invalid value for period: 13M is not allowed (allowed: 1M, 2M, 3M, 4M, 5M, 6M, 7M, 8M, 9M, 10M, 11M, 12M)');
      await unchanged(register(a, { ...base, domainname: 'refused.com', domaintype: 'FREE' }), 'Invalid value for domaintype: .com offers no free registrations');
      await unchanged(register(a, { ...base, forward_url: 'http://www.freenom.com/', nameserver: [...OUTSIDE_NS] }), 'forward_url and nameserver are mutually exclusive');
      await unchanged(register(a, { ...base, forward_url: 'ftp://files.example/' }), 'Invalid value for forward_url: an http:// or https:// URL is required');
      await unchanged(register(a, { ...base, forward_url: 'http://www.freenom.com/', forward_mode: 'frame' }), 'Invalid value for forward_mode: cloak or 301_redirect is required');
      await unchanged(register(a, { ...base, nameserver: [OUTSIDE_NS[0]] }), 'Between 2 and 13 nameservers are required; 1 given');
      await unchanged(register(a, { ...base, nameserver: ['ns1.refused.tk', 'ns2.refused.tk'] }), 'Nameserver ns1.refused.tk needs a glue record: register it with nameserver/register first');
      await unchanged(register(a, { ...base, owner_id: '999999' }), 'Contact 999999 not found (owner_id)');
      const foreign = await newContact(t.v2, b);
      await unchanged(register(a, { ...base, tech_id: foreign }), `Contact ${foreign} not found (tech_id)`);
      const poor = await t.account('1.00');
      const poorOwner = await newContact(t.v2, poor);
      await unchanged(register(poor, { ...base, owner_id: poorOwner }), 'Insufficient funds');
      await unchanged(register(a, { ...base, domainname: 'cars.com' }), 'Domain cars.com is a premium domain and cannot be registered through this API');
    });

    test('domain/register and domain/search: a mixed-script look-alike is an invalid name; a single-script IDN is not', async () => {
      const refused = 'Invalid value for domainname: label "раураl" mixes scripts (Cyrillic, Latin)';
      for (const domainname of ['раураl.tk', 'xn--l-7sba6dbr.tk']) {
        await unchanged(register(a, { domainname, domaintype: 'FREE' }), refused);
        await unchanged(call(t.v2, '/domain/search', { domainname, domaintype: 'FREE' }), refused);
      }
      await unchanged(register(a, { domainname: 'pαypal.tk', domaintype: 'FREE' }), 'Invalid value for domainname: label "pαypal" mixes scripts (Greek, Latin)');
      const search = await call(t.v2, '/domain/search', { domainname: 'пример.tk', domaintype: 'FREE' });
      assert.deepEqual(search.body, { domain: [{ domainname: 'xn--e1afmkfd.tk', domaintype: 'FREE', status: 'AVAILABLE' }], result: 'DOMAIN AVAILABLE', status: 'OK' });
      const r = await register(a, { domainname: 'пример.tk', domaintype: 'FREE' });
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
    });

    test('domain/renew PAID: whole response, charged', async () => {
      const before = await balance(a);
      assertFixture(await call(t.v2, '/domain/renew', { ...creds(a), domainname: 'test002.tk', period: '3Y' }, { method: 'POST' }), 'renew-paid.json', { OWNER: owner, TECH: tech });
      assert.equal(await balance(a), before - 2697);
    });

    test('domain/renew refusals: another account, bad period; a FREE domain outside its window is NOT AVAILABLE', async () => {
      const renew = (acct: TestAccount, params: ParamMap) => call(t.v2, '/domain/renew', { ...creds(acct), ...params }, { method: 'POST' });
      await unchanged(renew(b, { domainname: 'test002.tk' }), 'Domain test002.tk not found');
      await unchanged(renew(a, { domainname: 'test002.tk', period: '3M' }), 'Invalid value for period: 3M is not allowed (allowed: 1Y, 2Y, 3Y, 4Y, 5Y, 6Y, 7Y, 8Y, 9Y, 10Y)');
      await unchanged(renew(a, {}), 'Missing parameter: domainname');
      const before = await snapshotTables(t.services.store.db, [...TABLES]);
      assertFixture(await renew(a, { domainname: 'test001.tk' }), 'renew-not-available.json');
      assert.deepEqual(await snapshotTables(t.services.store.db, [...TABLES]), before);
    });

    const getinfo = (acct: TestAccount, domainname: string, xml = false) => call(t.v2, '/domain/getinfo', { ...creds(acct), domainname }, { xml });
    const modify = (acct: TestAccount, params: ParamMap) => call(t.v2, '/domain/modify', { ...creds(acct), ...params }, { method: 'PUT' });
    const domainOf = (reply: { body: Record<string, unknown> }) => (reply.body.domain as Record<string, unknown>[])[0]!;

    test('domain/getinfo PAID: forwarding, auth code, price and the four contact hashes', async () => {
      const r = await register(a, {
        domainname: 'test004.tk', domaintype: 'PAID', forward_url: 'http://www.freenom.com/', forward_mode: '301_redirect',
        owner_id: owner, admin_id: owner, tech_id: tech,
      });
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
      const info = await getinfo(a, 'TEST004.TK');
      assertFixture(info, 'getinfo-forward.json', { OWNER: owner, TECH: tech });
      assert.equal(domainOf(info).authcode, domainOf(r).authcode);
      await unchanged(getinfo(b, 'test004.tk'), 'Domain test004.tk not found');
      await unchanged(getinfo(a, 'test004.zz'), 'Invalid value for domainname: the extension .zz is not supported');
    });

    test('nameserver glue then domain/modify to in-domain name servers: getinfo shows the glue (XML)', async () => {
      assert.equal((await register(a, { domainname: 'test005.ga', domaintype: 'FREE' })).body.result, 'DOMAIN REGISTERED');
      await unchanged(modify(a, { domainname: 'test005.ga', nameserver: ['ns1.test005.ga', 'ns2.test005.ga'] }), 'Nameserver ns1.test005.ga needs a glue record: register it with nameserver/register first');
      for (const [hostname, ipaddress] of [['ns1', '192.0.2.1'], ['ns2.test005.ga', '2001:0db8::2']] as const) {
        const g = await call(t.v2, '/nameserver/register', { ...creds(a), domainname: 'test005.ga', hostname, ipaddress }, { method: 'PUT' });
        assert.equal(g.body.result, 'NAMESERVER REGISTERED', g.text);
      }
      const m = await modify(a, { domainname: 'test005.ga', nameserver: ['ns1.test005.ga', 'NS2.test005.ga'] });
      assert.equal(m.text, '{"domain":[{"domainname":"test005.ga","status":"MODIFIED"}],"result":"DOMAIN MODIFIED","status":"OK"}');
    });

    test('domain/modify: forwarding and name servers replace each other; ID shield, auto-renew, contacts', async () => {
      assertFixture(await getinfo(a, 'test005.ga', true), 'getinfo-free-glue.xml');
      assertFixture(await modify(a, { domainname: 'test004.tk', nameserver: [...OUTSIDE_NS], idshield: 'enabled', autorenew: 'disabled', owner_id: tech, billing_id: owner }), 'modify.json');
      let d = domainOf(await getinfo(a, 'test004.tk'));
      assert.deepEqual([d.forward_url, d.forward_mode, d.nameserver, d.autorenew], ['', '', OUTSIDE_NS.map((hostname) => ({ hostname, ipaddress: '' })), 'disabled']);
      assert.deepEqual([(d.owner_contact as Record<string, string>).contact_id, (d.billing_contact as Record<string, string>).contact_id], [tech, owner]);
      assertFixture(await modify(a, { domainname: 'test004.tk', forward_url: 'https://example.org/landing' }), 'modify.json');
      d = domainOf(await getinfo(a, 'test004.tk'));
      assert.deepEqual([d.forward_url, d.forward_mode, d.nameserver], ['https://example.org/landing', 'cloak', []]);
      const row = await t.services.store.db.selectFrom('domains').select(['privacy', 'service_mode']).where('name', '=', 'test004.tk').executeTakeFirstOrThrow();
      assert.deepEqual(row, { privacy: 'full', service_mode: 'stealth' });
      assertFixture(await modify(a, { domainname: 'test004.tk' }), 'modify.json');
      assertFixture(await modify(a, { domainname: 'test004.tk', forward_url: 'http://www.freenom.com/', forward_mode: '301_redirect', owner_id: owner }), 'modify.json');

      await unchanged(modify(a, { domainname: 'test004.tk', forward_url: 'http://x.example/', nameserver: [...OUTSIDE_NS] }), 'forward_url and nameserver are mutually exclusive');
      await unchanged(modify(a, { domainname: 'test004.tk', nameserver: [OUTSIDE_NS[0]] }), 'Between 2 and 13 nameservers are required; 1 given');
      await unchanged(modify(a, { domainname: 'test004.tk', nameserver: [OUTSIDE_NS[0], OUTSIDE_NS[0]] }), 'Invalid value for nameserver: the same name server is listed twice');
      await unchanged(modify(a, { domainname: 'test004.tk', nameserver: ['ns1.test004.tk', 'ns2.test004.tk'] }), 'Nameserver ns1.test004.tk needs a glue record: register it with nameserver/register first');
      await unchanged(modify(b, { domainname: 'test004.tk', idshield: 'enabled' }), 'Domain test004.tk not found');
      await unchanged(modify(a, { domainname: 'test004.tk', admin_id: '424242' }), 'Contact 424242 not found (admin_id)');
      await unchanged(modify(a, { nameserver: [...OUTSIDE_NS] }), 'Missing parameter: domainname');
    });

    test('domain/delete: a PAID .tk leaves the account and is free at once (the document); restore applies to redemption (.fr policy)', async () => {
      const del = (acct: TestAccount, domainname: string) => call(t.v2, '/domain/delete', { ...creds(acct), domainname }, { method: 'DELETE' });
      const restore = (acct: TestAccount, domainname: string, xml = false) => call(t.v2, '/domain/restore', { ...creds(acct), domainname }, { method: 'POST', xml });
      await unchanged(del(b, 'test004.tk'), 'Domain test004.tk not found');
      await unchanged(restore(a, 'test004.tk'), 'Domain test004.tk cannot be restored');
      // "Cette commande effacera le domaine du compte. Le domaine sera immédiatement disponible a l'enregistrement par d'autres utilisateurs."
      const paid = await balance(a);
      assertFixture(await del(a, 'test004.tk'), 'delete.json', { DOMAIN: 'test004.tk' });
      assert.equal(await balance(a), paid, 'nothing refunded after the add grace');
      assertError(await getinfo(a, 'test004.tk'), 'Domain test004.tk not found');
      assert.ok(!((await call(t.v2, '/domain/list', creds(a))).body.domain as Record<string, string>[]).some((d) => d.domainname === 'test004.tk'));
      assert.equal((await call(t.v2, '/domain/search', { domainname: 'test004.tk', domaintype: 'PAID' })).body.result, 'DOMAIN AVAILABLE');
      await unchanged(restore(a, 'test004.tk'), 'Domain test004.tk not found');
      assert.equal((await register(b, { domainname: 'test004.tk', domaintype: 'FREE' })).body.result, 'DOMAIN REGISTERED');

      // A TLD whose policy keeps a redemption period (.fr, no add grace): CANCELLED, restorable at the TLD's restore price.
      assert.equal((await register(a, { domainname: 'test004-redeem.fr', domaintype: 'PAID', owner_id: owner })).body.result, 'DOMAIN REGISTERED');
      assertFixture(await del(a, 'test004-redeem.fr'), 'delete.json', { DOMAIN: 'test004-redeem.fr' });
      const cancelled = domainOf(await getinfo(a, 'test004-redeem.fr'));
      assert.deepEqual([cancelled.status, cancelled.authcode], ['CANCELLED', '']);
      await unchanged(modify(a, { domainname: 'test004-redeem.fr', idshield: 'disabled' }), 'Domain test004-redeem.fr is redemption: modify is not allowed');
      const before = await balance(a);
      assertFixture(await restore(a, 'test004-redeem.fr', true), 'restore.xml', { DOMAIN: 'test004-redeem.fr' });
      assert.equal(await balance(a), before - 2500);
      assert.equal(domainOf(await getinfo(a, 'test004-redeem.fr')).status, 'ACTIVE');

      assertFixture(await del(a, 'test005.ga'), 'delete.json', { DOMAIN: 'test005.ga' });
      const search = await call(t.v2, '/domain/search', { domainname: 'test005.ga', domaintype: 'FREE' });
      assert.equal(search.body.result, 'DOMAIN AVAILABLE');
      await unchanged(restore(a, 'test005.ga'), 'Domain test005.ga not found');
    });

    test('domain/upgrade: FREE to PAID, period added and charged, owner and ID shield set', async () => {
      assert.equal((await register(a, { domainname: 'test006.gq', domaintype: 'FREE' })).body.result, 'DOMAIN REGISTERED');
      const upgrade = (acct: TestAccount, params: ParamMap) => call(t.v2, '/domain/upgrade', { ...creds(acct), ...params }, { method: 'POST' });
      await unchanged(upgrade(a, { domainname: 'test006.gq' }), 'Missing parameter: period');
      await unchanged(upgrade(a, { domainname: 'test006.gq', period: '3M' }), 'Invalid value for period: 3M is not allowed (allowed: 1Y, 2Y, 3Y, 4Y, 5Y, 6Y, 7Y, 8Y, 9Y, 10Y)');
      await unchanged(upgrade(b, { domainname: 'test006.gq', period: '1Y' }), 'Domain test006.gq not found');
      await unchanged(upgrade(a, { domainname: 'test002.tk', period: '1Y' }), 'Domain test002.tk is not a free domain');
      await unchanged(upgrade(a, { domainname: 'test006.gq', period: '1Y', owner_id: '777777' }), 'Contact 777777 not found (owner_id)');
      const before = await balance(a);
      assertFixture(await upgrade(a, { domainname: 'test006.gq', period: '1Y', owner_id: owner, idshield: 'enabled' }), 'upgrade.json');
      assert.equal(await balance(a), before - 899);
      const d = domainOf(await getinfo(a, 'test006.gq'));
      assert.deepEqual([d.domaintype, d.expirationdate, (d.owner_contact as Record<string, string>).contact_id], ['PAID', '20330415', owner]);
    });

    test('domain/list: whole list, DOMAINS FOUND as documented, pages, CANCELLED domains', async () => {
      const c = await t.account();
      assert.equal((await register(c, { domainname: 'gamma.ml', domaintype: 'PAID', idshield: 'enabled', autorenew: 'disabled' })).body.status, 'OK');
      assert.equal((await register(c, { domainname: 'alpha.tk', domaintype: 'FREE' })).body.status, 'OK');
      assert.equal((await register(c, { domainname: 'beta.cf', domaintype: 'PAID', period: '2Y', idshield: 'enabled' })).body.status, 'OK');
      assert.equal((await call(t.v2, '/domain/delete', { ...creds(c), domainname: 'gamma.ml' }, { method: 'DELETE' })).body.status, 'OK');
      // CANCELLED: a domain in redemption (.fr keeps one after a delete; a deleted .ml leaves the list at once).
      assert.equal((await register(c, { domainname: 'delta.fr', domaintype: 'PAID', idshield: 'enabled', autorenew: 'disabled' })).body.status, 'OK');
      assert.equal((await call(t.v2, '/domain/delete', { ...creds(c), domainname: 'delta.fr' }, { method: 'DELETE' })).body.status, 'OK');
      assertFixture(await call(t.v2, '/domain/list', creds(c)), 'list.json');
      assertFixture(await call(t.v2, '/domain/list', { ...creds(c), pagenr: '2', results_per_page: '2' }, { xml: true }), 'list-page2.xml');
      const empty = await call(t.v2, '/domain/list', { ...creds(c), pagenr: '9' });
      assert.equal(empty.text, '{"domain":[],"result":"DOMAINS FOUND","status":"OK"}');
      assertError(await call(t.v2, '/domain/list', { ...creds(c), pagenr: '0' }), 'Invalid value for pagenr: a whole number from 1 to 1000000 is required');
      assertError(await call(t.v2, '/domain/list', { ...creds(c), results_per_page: '1001' }), 'Invalid value for results_per_page: a whole number from 1 to 1000 is required');
      const none = await call(t.v2, '/domain/list', creds(await t.account()));
      assert.equal(none.text, '{"domain":[],"result":"DOMAINS FOUND","status":"OK"}');
    });

    test('domain/renew FREE inside its last 14 days (clock moved), in XML', async () => {
      await t.advance('81d');
      assertFixture(await call(t.v2, '/domain/renew', { ...creds(a), domainname: 'test001.tk' }, { method: 'POST', xml: true }), 'renew-free.xml');
    });
  });
}

const TABLES = ['balances', 'ledger_entries', 'orders', 'order_items', 'domains', 'contacts', 'hosts', 'transfers', 'freenom_idempotency'] as const;
