/**
 * Freenom contacts, glue records (checked in the DNS server's answers),
 * transfers, test_mode, the 30-second POST idempotency and the Dot CF
 * edition, over HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';
import { startDnsServer, type RunningDnsServer } from '../../../src/services/dns/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import {
  assertError, assertFixture, call, CONTACT, creds, newContact, OUTSIDE_NS, startFreenomServer, type FreenomTestServer, type ParamMap, type Reply,
} from './support.ts';

const TABLES = ['balances', 'ledger_entries', 'orders', 'order_items', 'domains', 'contacts', 'hosts', 'transfers', 'outbox', 'freenom_idempotency'] as const;
const FORWARD_ADDRESS = '198.51.100.7';

for (const backend of BACKENDS) {
  describe(`${backend}: Freenom contacts, name servers, transfers, test_mode, idempotency, Dot CF`, { timeout: 120_000 }, () => {
    let t: FreenomTestServer;
    let dns: RunningDnsServer;
    let xferLosing: TestAccount;
    let xferGaining: TestAccount;
    before(async () => {
      t = await startFreenomServer(backend);
      dns = await startDnsServer({ engine: t.services.engine, config: { host: '127.0.0.1', port: 0, forwardAddresses: [FORWARD_ADDRESS], pollIntervalMs: 60_000 } });
    });
    after(async () => {
      await dns?.close();
      await t.close();
    });

    const snapshot = () => snapshotTables(t.services.store.db, [...TABLES]);
    const unchanged = async (reply: Promise<Reply>, message: string | RegExp) => {
      const before = await snapshot();
      assertError(await reply, message);
      assert.deepEqual(await snapshot(), before);
    };
    const balance = async (acct: TestAccount) => {
      const row = await t.services.store.db.selectFrom('balances').select('balance_minor').where('account_id', '=', acct.id).where('currency', '=', 'EUR').executeTakeFirst();
      return row?.balance_minor ?? 0;
    };
    const post = (acct: TestAccount, path: string, params: ParamMap, base = t.v2) => call(base, path, { ...creds(acct), ...params }, { method: 'POST' });
    const put = (acct: TestAccount, path: string, params: ParamMap) => call(t.v2, path, { ...creds(acct), ...params }, { method: 'PUT' });
    const del = (acct: TestAccount, path: string, params: ParamMap) => call(t.v2, path, { ...creds(acct), ...params }, { method: 'DELETE' });
    const get = (acct: TestAccount, path: string, params: ParamMap = {}, xml = false, base = t.v2) => call(base, path, { ...creds(acct), ...params }, { xml });
    const first = (reply: Reply, key: string) => (reply.body[key] as Record<string, string>[])[0]!;

    test('contact/register, update, getinfo (several ids), list, delete', async () => {
      const a = await t.account();
      const other = await t.account();
      const created = await put(a, '/contact/register', CONTACT);
      const id1 = first(created, 'contact').contact_id!;
      assertFixture(created, 'contact-register.json', { ID: id1 });
      assertFixture(await call(t.v2, '/contact/register', { ...creds(a), contact_id: id1, contact_city: 'Ostrava', contact_fax: '' }, { method: 'PUT', xml: true }), 'contact-updated.xml', { ID: id1 });
      const id2 = await newContact(t.v2, a, {
        contact_title: 'Ms', contact_firstname: 'Eva', contact_middlename: 'Marie', contact_lastname: 'Kralova', contact_organization: 'Kral & Co',
        contact_address: 'Dlouha 5', contact_city: 'Brno', contact_zipcode: '602 00', contact_statecode: 'CZ-64', contact_phone: '+420 987 654 321',
        contact_fax: '+420.987654322', contact_email: 'eva@example.cz',
      });
      assert.equal(first(await post(a, '/domain/register', { domainname: 'contacts1.tk', domaintype: 'PAID', owner_id: id1, tech_id: id1 }), 'domain').status, 'REGISTERED');
      assert.equal(first(await post(a, '/domain/register', { domainname: 'contacts2.ml', domaintype: 'PAID', idshield: 'enabled', billing_id: id1 }), 'domain').status, 'REGISTERED');
      assertFixture(await get(a, '/contact/getinfo', { contact_id: [id2, id1, id2] }), 'contact-getinfo.json', { ID1: id1, ID2: id2 });
      assertFixture(await get(a, '/contact/list', {}, true), 'contact-list.xml', { ID1: id1, ID2: id2 });

      await unchanged(put(a, '/contact/register', { contact_firstname: 'X' }), 'Missing parameter: contact_lastname');
      await unchanged(put(a, '/contact/register', { ...CONTACT, contact_statecode: '' }), 'Missing parameter: contact_statecode');
      await unchanged(put(a, '/contact/register', { ...CONTACT, contact_email: 'not-an-address' }), 'Invalid value for contact_email: a valid e-mail address is required');
      await unchanged(put(a, '/contact/register', { ...CONTACT, contact_phone: '12' }), 'Invalid value for contact_phone: an international number such as +420.123456789 is required');
      await unchanged(put(a, '/contact/register', { ...CONTACT, contact_countrycode: 'Czechia' }), 'Invalid value for contact_countrycode: a two-letter ISO 3166-1 country code is required');
      await unchanged(put(a, '/contact/register', { contact_id: id1, contact_lastname: '' }), 'Missing parameter: contact_lastname');
      await unchanged(put(other, '/contact/register', { contact_id: id1, contact_city: 'Plzen' }), `Contact ${id1} not found (contact_id)`);
      await unchanged(get(other, '/contact/getinfo', { contact_id: id1 }), `Contact ${id1} not found (contact_id)`);
      await unchanged(get(a, '/contact/getinfo'), 'Missing parameter: contact_id');
      await unchanged(get(a, '/contact/getinfo', { contact_id: 'me' }), 'Invalid value for contact_id: a contact id (positive number) is required');
      await unchanged(del(a, '/contact/delete', { contact_id: id1 }), 'Contact is linked to a domain and cannot be deleted');
      await unchanged(del(other, '/contact/delete', { contact_id: id2 }), `Contact ${id2} not found (contact_id)`);
      assertFixture(await del(a, '/contact/delete', { contact_id: id2 }), 'contact-delete.json', { ID: id2 });
      assertError(await get(a, '/contact/getinfo', { contact_id: id2 }), `Contact ${id2} not found (contact_id)`);
    });

    test('nameserver/register, update, list, delete; glue published in the DNS delegation', async () => {
      const a = await t.account();
      const b = await t.account();
      assert.equal(first(await post(a, '/domain/register', { domainname: 'glue1.tk', domaintype: 'FREE', nameserver: [...OUTSIDE_NS] }), 'domain').status, 'REGISTERED');
      assert.equal(first(await post(b, '/domain/register', { domainname: 'glue2.tk', domaintype: 'FREE' }), 'domain').status, 'REGISTERED');
      assertFixture(await put(a, '/nameserver/register', { domainname: 'glue1.tk', hostname: 'NS1.glue1.tk', ipaddress: '192.0.2.53' }), 'nameserver-register.json');
      assertFixture(await call(t.v2, '/nameserver/register', { ...creds(a), domainname: 'glue1.tk', hostname: 'ns1', ipaddress: '192.0.2.54' }, { method: 'PUT', xml: true }), 'nameserver-updated.xml');
      assert.equal(first(await put(a, '/nameserver/register', { domainname: 'glue1.tk', hostname: 'ns2', ipaddress: '2001:DB8:0::53' }), 'nameserver').status, 'REGISTERED');
      assertFixture(await get(a, '/nameserver/list', { domainname: 'glue1.tk' }), 'nameserver-list.json');

      await unchanged(put(a, '/nameserver/register', { domainname: 'glue1.tk', hostname: 'ns3.glue2.tk', ipaddress: '192.0.2.1' }), 'Invalid value for hostname: the name server must lie under glue1.tk');
      await unchanged(put(a, '/nameserver/register', { domainname: 'glue2.tk', hostname: 'ns1', ipaddress: '192.0.2.1' }), 'Nameserver ns1.glue2.tk lies under glue2.tk, which is not a domain of this account');
      await unchanged(put(a, '/nameserver/register', { domainname: 'glue1.tk', hostname: 'ns3', ipaddress: '300.1.1.1' }), 'Invalid value for ipaddress: a valid IPv4 or IPv6 address is required');
      await unchanged(put(a, '/nameserver/register', { domainname: 'glue1.tk', hostname: 'ns3' }), 'Missing parameter: ipaddress');
      assert.equal(first(await put(b, '/nameserver/register', { domainname: 'glue2.tk', hostname: 'ns1', ipaddress: '192.0.2.9' }), 'nameserver').status, 'REGISTERED');
      // Another account's glue record is not revealed: the answer is the one given before b created it (above).
      await unchanged(put(a, '/nameserver/register', { domainname: 'glue2.tk', hostname: 'ns1', ipaddress: '192.0.2.1' }), 'Nameserver ns1.glue2.tk lies under glue2.tk, which is not a domain of this account');
      await unchanged(put(a, '/nameserver/register', { domainname: 'glue2.tk', hostname: 'ns9', ipaddress: '192.0.2.1' }), 'Nameserver ns9.glue2.tk lies under glue2.tk, which is not a domain of this account');
      await unchanged(get(b, '/nameserver/list', { domainname: 'glue1.tk' }), 'Domain glue1.tk not found');

      // Delegate to the in-domain hosts; the .tk zone then refers with glue.
      const mod = await put(a, '/domain/modify', { domainname: 'glue1.tk', nameserver: ['ns1.glue1.tk', 'ns2.glue1.tk'] });
      assert.equal(mod.body.result, 'DOMAIN MODIFIED', mod.text);
      await dns.reload();
      const referral = await query(dns.udpPort, 'www.glue1.tk', 'A');
      assert.deepEqual(referral.authorities.map((r) => [r.name, r.type, r.data]), [['glue1.tk', 'NS', 'ns1.glue1.tk'], ['glue1.tk', 'NS', 'ns2.glue1.tk']]);
      assert.deepEqual(referral.additionals.filter((r) => r.type !== 'OPT').map((r) => [r.name, r.type, r.data]).sort(), [
        ['ns1.glue1.tk', 'A', '192.0.2.54'], ['ns2.glue1.tk', 'AAAA', '2001:db8::53'],
      ]);

      await unchanged(del(a, '/nameserver/delete', { domainname: 'glue1.tk', hostname: 'ns2.glue1.tk' }), 'Nameserver ns2.glue1.tk is in use by a domain and cannot be deleted');
      assert.equal((await put(a, '/domain/modify', { domainname: 'glue1.tk', nameserver: ['ns1.glue1.tk', OUTSIDE_NS[0]] })).body.status, 'OK');
      assertFixture(await call(t.v2, '/nameserver/delete', { ...creds(a), domainname: 'glue1.tk', hostname: 'ns2' }, { method: 'DELETE', xml: true }), 'nameserver-delete.xml');
      await unchanged(del(a, '/nameserver/delete', { domainname: 'glue1.tk', hostname: 'ns2' }), 'Nameserver ns2.glue1.tk not found');
      await unchanged(del(a, '/nameserver/delete', { domainname: 'glue2.tk', hostname: 'ns1' }), 'Nameserver ns1.glue2.tk not found');
      assert.equal((await get(a, '/nameserver/list', { domainname: 'glue1.tk' })).body.result, 'ENTRIES - 1');
      await dns.reload();
      const after = await query(dns.udpPort, 'glue1.tk', 'NS');
      assert.deepEqual(after.additionals.filter((r) => r.type !== 'OPT').map((r) => [r.name, r.type, r.data]), [['ns1.glue1.tk', 'A', '192.0.2.54']]);
    });

    test('URL forwarding set through Freenom is what the DNS server publishes', async () => {
      const a = await t.account();
      assert.equal(first(await post(a, '/domain/register', { domainname: 'forward1.tk', domaintype: 'FREE', forward_url: 'http://www.freenom.com/' }), 'domain').status, 'REGISTERED');
      await dns.reload();
      for (const name of ['forward1.tk', 'www.forward1.tk']) {
        const r = await query(dns.udpPort, name, 'A');
        assert.deepEqual(r.answers.map((x) => [x.name, x.type, x.data]), [[name, 'A', FORWARD_ADDRESS]]);
      }
      const row = await t.services.store.db.selectFrom('domains').select(['service_mode', 'forward_url', 'forward_kind']).where('name', '=', 'forward1.tk').executeTakeFirstOrThrow();
      assert.deepEqual(row, { service_mode: 'stealth', forward_url: 'http://www.freenom.com/', forward_kind: 'cloak' });
      assert.equal((await put(a, '/domain/modify', { domainname: 'forward1.tk', forward_url: 'https://example.org/', forward_mode: '301_redirect' })).body.status, 'OK');
      const moved = await t.services.store.db.selectFrom('domains').select(['service_mode', 'forward_kind']).where('name', '=', 'forward1.tk').executeTakeFirstOrThrow();
      assert.deepEqual(moved, { service_mode: 'forward', forward_kind: 'permanent' });
    });

    test('transfers: price, instant approval on .tk with the right code, pending on .fr, approve, decline, list', async () => {
      const losing = (xferLosing = await t.account());
      const gaining = (xferGaining = await t.account());
      const gOwner = await newContact(t.v2, gaining);
      const lOwner = await newContact(t.v2, losing);
      for (const [domainname, idshield] of [['xfer1.tk', 'enabled'], ['xfer3.fr', 'enabled'], ['xfer4.fr', 'enabled'], ['xfer5.tk', 'enabled']]) {
        const r = await post(losing, '/domain/register', { domainname: domainname!, domaintype: 'PAID', idshield: idshield!, owner_id: lOwner });
        assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
      }
      assert.equal((await post(losing, '/domain/register', { domainname: 'xfer-free.tk', domaintype: 'FREE' })).body.status, 'OK');
      const code = async (name: string) => first(await get(losing, '/domain/getinfo', { domainname: name }), 'domain').authcode!;

      assertFixture(await get(gaining, '/domain/transfer/price', { domainname: 'xfer1.tk', authcode: await code('xfer1.tk') }), 'transfer-price.json');
      await unchanged(get(gaining, '/domain/transfer/price', { domainname: 'xfer1.tk', authcode: 'Wrong1234' }), 'Invalid authorization code');
      await unchanged(get(losing, '/domain/transfer/price', { domainname: 'xfer1.tk', authcode: await code('xfer1.tk') }), 'Domain xfer1.tk cannot be transferred: it is already in this account');
      await unchanged(get(gaining, '/domain/transfer/price', { domainname: 'nobody-has-it.tk', authcode: 'Abc12345' }), 'Domain nobody-has-it.tk cannot be transferred: it is not registered, or it is a free domain');
      await unchanged(get(gaining, '/domain/transfer/price', { domainname: 'xfer1.tk' }), 'Missing parameter: authcode');

      const request = (domainname: string, params: ParamMap = {}) =>
        post(gaining, '/domain/transfer/request', { domainname, authcode: 'placeholder', period: '1Y', owner_id: gOwner, ...params });
      await unchanged(request('xfer1.tk', { authcode: 'Wrong1234' }), 'Invalid authorization code');
      await unchanged(request('xfer1.tk', { authcode: await code('xfer1.tk'), period: '2Y' }), 'Invalid value for period: a transfer always adds 1Y');
      await unchanged(request('xfer1.tk', { authcode: await code('xfer1.tk'), owner_id: lOwner }), `Contact ${lOwner} not found (owner_id)`);
      await unchanged(request('xfer-free.tk', { authcode: 'Abc12345' }), 'Domain xfer-free.tk cannot be transferred: a FREE domain must be upgraded before it can be transferred');

      // A glue record under the domain, used by its delegation: it moves with the domain.
      assert.equal(first(await put(losing, '/nameserver/register', { domainname: 'xfer1.tk', hostname: 'ns1', ipaddress: '192.0.2.77' }), 'nameserver').status, 'REGISTERED');
      assert.equal((await put(losing, '/domain/modify', { domainname: 'xfer1.tk', nameserver: ['ns1.xfer1.tk', OUTSIDE_NS[0]] })).body.result, 'DOMAIN MODIFIED');

      const before = await balance(gaining);
      // Completed at once (.tk, right code), answered as the document says: REQUESTED; the approval shows in getinfo and transfer/list.
      assertFixture(await request('xfer1.tk', { authcode: await code('xfer1.tk') }), 'transfer-request.json', { DOMAIN: 'xfer1.tk', STATUS: 'REQUESTED' });
      assert.equal(await balance(gaining), before - 899);
      const moved = first(await get(gaining, '/domain/getinfo', { domainname: 'xfer1.tk' }), 'domain') as unknown as Record<string, Record<string, string>>;
      assert.equal(moved.owner_contact!.contact_id, gOwner);
      assertError(await get(losing, '/domain/getinfo', { domainname: 'xfer1.tk' }), 'Domain xfer1.tk not found');
      const glue = await get(gaining, '/nameserver/list', { domainname: 'xfer1.tk' });
      assert.deepEqual(glue.body.nameserver, [{ domainname: 'xfer1.tk', hostname: 'ns1.xfer1.tk', ipaddress: '192.0.2.77' }]);
      assert.equal(first(await put(gaining, '/nameserver/register', { domainname: 'xfer1.tk', hostname: 'ns1', ipaddress: '192.0.2.78' }), 'nameserver').status, 'UPDATED');
      await unchanged(del(losing, '/nameserver/delete', { domainname: 'xfer1.tk', hostname: 'ns1' }), 'Nameserver ns1.xfer1.tk not found');
      await dns.reload();
      const referral = await query(dns.udpPort, 'www.xfer1.tk', 'A');
      assert.deepEqual(referral.additionals.filter((r) => r.type !== 'OPT').map((r) => [r.name, r.type, r.data]), [['ns1.xfer1.tk', 'A', '192.0.2.78']]);

      // .fr adds no time on transfer (TLD policy); the answer still says the document's "Toujours 1 an".
      const frPrice = await get(gaining, '/domain/transfer/price', { domainname: 'xfer3.fr', authcode: await code('xfer3.fr') });
      assert.equal(frPrice.text, '{"transfer":[{"domainname":"xfer3.fr","domaintype":"PAID","period":"1Y","currency":"EUR","retailprice":"6.99","partnerprice":"6.99"}],"result":"PRICES PROVIDED","status":"OK"}');
      assertFixture(await request('xfer3.fr', { authcode: await code('xfer3.fr') }), 'transfer-request.json', { DOMAIN: 'xfer3.fr', STATUS: 'REQUESTED' });
      // owner_id of a pending transfer is kept for its completion: meanwhile the contact is in use and the domain cannot be deleted.
      const gOwner4 = await newContact(t.v2, gaining, { contact_firstname: 'Petr' });
      assertFixture(await request('xfer4.fr', { authcode: await code('xfer4.fr'), owner_id: gOwner4 }), 'transfer-request.json', { DOMAIN: 'xfer4.fr', STATUS: 'REQUESTED' });
      await unchanged(del(gaining, '/contact/delete', { contact_id: gOwner4 }), 'Contact is linked to a domain and cannot be deleted');
      await unchanged(del(losing, '/domain/delete', { domainname: 'xfer4.fr' }), 'Domain xfer4.fr has a pending transfer: delete is not allowed');
      // The same POST within 30 s is the same action: replayed, nothing done twice.
      const rows = await snapshot();
      assertFixture(await request('xfer3.fr', { authcode: await code('xfer3.fr') }), 'transfer-request.json', { DOMAIN: 'xfer3.fr', STATUS: 'REQUESTED' });
      assert.deepEqual(await snapshot(), rows);
      const third = await t.account();
      const thirdOwner = await newContact(t.v2, third);
      await unchanged(post(third, '/domain/transfer/request', { domainname: 'xfer3.fr', authcode: await code('xfer3.fr'), period: '1Y', owner_id: thirdOwner }), 'A transfer of xfer3.fr is already pending');
      const pending = await get(gaining, '/domain/transfer/list');
      assert.deepEqual((pending.body.transfer as Record<string, string>[]).map((x) => [x.domainname, x.transfertype, x.status, x.newregistrar]), [
        ['xfer4.fr', 'INCOMING', 'PENDING', ''], ['xfer3.fr', 'INCOMING', 'PENDING', ''], ['xfer1.tk', 'INCOMING', 'APPROVED', ''],
      ]);

      await unchanged(post(gaining, '/domain/transfer/approve', { domainname: 'xfer3.fr' }), 'No pending transfer found for xfer3.fr');
      await unchanged(post(losing, '/domain/transfer/approve', { domainname: 'xfer5.tk' }), 'No pending transfer found for xfer5.tk');
      await unchanged(post(losing, '/domain/transfer/decline', { domainname: 'xfer4.fr' }), 'Missing parameter: reason');
      assertFixture(await call(t.v2, '/domain/transfer/approve', { ...creds(losing), domainname: 'xfer3.fr' }, { method: 'POST', xml: true }), 'transfer-approve.xml');
      assertFixture(await post(losing, '/domain/transfer/decline', { domainname: 'xfer4.fr', reason: 'Not agreed with the owner' }), 'transfer-decline.json');
      await unchanged(post(losing, '/domain/transfer/decline', { domainname: 'xfer4.fr', reason: 'again' }), 'No pending transfer found for xfer4.fr');
      const arrived = first(await get(gaining, '/domain/getinfo', { domainname: 'xfer3.fr' }), 'domain') as unknown as Record<string, Record<string, string>>;
      assert.equal(arrived.status, 'ACTIVE');
      assert.equal(arrived.owner_contact!.contact_id, gOwner, 'owner_id of the pending transfer applied on approval');
      // The declined transfer no longer holds its owner_id.
      assert.equal((await del(gaining, '/contact/delete', { contact_id: gOwner4 })).body.result, 'CONTACT DELETED');
      assertFixture(await get(losing, '/domain/transfer/list'), 'transfer-list-losing.json');
    });

    test('transfers: a waiting period is told only with the right auth code, and to the day, not the instant', async () => {
      const losing = await t.account();
      const gaining = await t.account();
      const gOwner = await newContact(t.v2, gaining);
      const r = await post(losing, '/domain/register', { domainname: 'xfer-soon.com', domaintype: 'PAID', idshield: 'enabled' });
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
      const authcode = first(await get(losing, '/domain/getinfo', { domainname: 'xfer-soon.com' }), 'domain').authcode!;
      // .com: no transfer within 60 days of the registration.
      const row = await t.services.store.db.selectFrom('domains').select('created_at').where('name', '=', 'xfer-soon.com').executeTakeFirstOrThrow();
      const lockEnds = new Date(row.created_at.getTime() + 60 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const request = (code: string) => post(gaining, '/domain/transfer/request', { domainname: 'xfer-soon.com', authcode: code, period: '1Y', owner_id: gOwner });
      const price = (code: string) => get(gaining, '/domain/transfer/price', { domainname: 'xfer-soon.com', authcode: code });
      const wrong = { status: 'error', error: 'Invalid authorization code' };
      for (const reply of [request('Wrong1234'), price('Wrong1234')]) {
        const before = await snapshot();
        assert.deepEqual((await reply).body, wrong);
        assert.deepEqual(await snapshot(), before);
      }
      const before = await snapshot();
      const refused = await request(authcode);
      assert.equal(refused.text, JSON.stringify({ status: 'error', error: `Domain xfer-soon.com cannot be transferred yet: its transfer lock ends on ${lockEnds}` }));
      assert.equal((await price(authcode)).text, JSON.stringify({ status: 'error', error: 'Domain xfer-soon.com cannot be transferred: it was registered or transferred too recently' }));
      assert.deepEqual(await snapshot(), before);
    });

    test('test_mode=1 runs fully and changes nothing; the real call answers the same', async () => {
      const a = await t.account();
      const owner = await newContact(t.v2, a);
      const params = { domainname: 'testmode1.tk', domaintype: 'PAID', period: '2Y', owner_id: owner, nameserver: [...OUTSIDE_NS] };
      const calls: [string, (extra: ParamMap) => Promise<Reply>][] = [
        ['register', (x) => post(a, '/domain/register', { ...params, ...x })],
        ['contact', (x) => put(a, '/contact/register', { ...CONTACT, contact_firstname: 'Test', ...x })],
      ];
      for (const [what, run] of calls) {
        const before = await snapshot();
        const dry = await run({ test_mode: '1' });
        assert.equal(dry.body.status, 'OK', dry.text);
        assert.deepEqual(await snapshot(), before, `${what}: test_mode changed stored data`);
        const real = await run({});
        const mask = (r: Reply) => r.text.replace(/"authcode":"\w+"/, '"authcode":"*"').replace(/"contact_id":"\d+"/, '"contact_id":"*"');
        assert.equal(mask(real), mask(dry), `${what}: the real call answers what test_mode answered`);
      }
      const before = await snapshot();
      const dryDelete = await del(a, '/domain/delete', { domainname: 'testmode1.tk', test_mode: '1' });
      assert.equal(first(dryDelete, 'domain').result, 'DOMAIN DELETED');
      assert.deepEqual(await snapshot(), before);
      const dryError = await post(a, '/domain/register', { ...params, test_mode: '1' });
      assertFixture(dryError, 'register-not-available.json', { DOMAIN: 'testmode1.tk', TYPE: 'PAID' });
    });

    test('POST idempotency: a repeat within 30 s replays without acting; after 31 s it acts again', async () => {
      const a = await t.account();
      const b = await t.account();
      const owner = await newContact(t.v2, a);
      assert.equal((await post(a, '/domain/register', { domainname: 'idem1.tk', domaintype: 'PAID', owner_id: owner })).body.status, 'OK');
      const renew = (acct: TestAccount, params: ParamMap = {}, options: { xml?: boolean; via?: 'query' | 'form' | 'both' } = {}) =>
        call(t.v2, '/domain/renew', { ...creds(acct), domainname: 'idem1.tk', period: '1Y', ...params }, { method: 'POST', ...options });
      const start = await balance(a);
      const first1 = await renew(a);
      assert.equal(first(first1, 'domain').expirationdate, '20340115');
      assert.equal(await balance(a), start - 899);

      const rows = await snapshot();
      assert.equal((await renew(a)).text, first1.text);
      assert.equal((await renew(a, {}, { via: 'query' })).text, first1.text, 'the same parameters from the query string are the same action');
      const reordered = await call(t.v2, '/domain/renew', { period: '1Y', domainname: 'idem1.tk', password: a.password, email: a.email, method: 'post' }, { method: 'POST' });
      assert.equal(reordered.text, first1.text, 'order, credentials and method override do not matter');
      const xml = await renew(a, {}, { xml: true });
      assert.match(xml.text, /<expirationdate>20340115<\/expirationdate>/);
      assert.deepEqual(await snapshot(), rows, 'replays change nothing');
      assertError(await renew(b), 'Domain idem1.tk not found');

      // Concurrent repeats of a new action act once.
      const [x, y] = await Promise.all([renew(a, { period: '2Y' }), renew(a, { period: '2Y' })]);
      assert.equal(x.text, y.text);
      assert.equal(first(x, 'domain').expirationdate, '20360115');
      assert.equal(await balance(a), start - 899 - 1798);

      await t.advance('31s');
      const again = await renew(a);
      assert.equal(first(again, 'domain').expirationdate, '20370115');
      assert.equal(await balance(a), start - 899 - 1798 - 899);

      // A failure is not remembered: the same call acts once it can succeed.
      const poor = await t.account('5.00');
      const poorOwner = await newContact(t.v2, poor);
      const buy = () => post(poor, '/domain/register', { domainname: 'idem2.tk', domaintype: 'PAID', owner_id: poorOwner });
      assertError(await buy(), 'Insufficient funds');
      await t.services.store.db.updateTable('balances').set({ balance_minor: 10_000 }).where('account_id', '=', poor.id).execute();
      assert.equal((await buy()).body.result, 'DOMAIN REGISTERED');
      // PUT is not covered: two contact/register calls make two contacts.
      const c1 = await put(a, '/contact/register', CONTACT);
      const c2 = await put(a, '/contact/register', CONTACT);
      assert.notEqual(first(c1, 'contact').contact_id, first(c2, 'contact').contact_id);
    });

    test('POST idempotency of domain/register, claimed in the registration statement or in its transaction: repeats replay the first answer', async () => {
      const a = await t.account();
      const b = await t.account();
      const owner = await newContact(t.v2, a);
      const ownerB = await newContact(t.v2, b);
      const register = (acct: TestAccount, params: ParamMap, options: { xml?: boolean; via?: 'query' | 'form' | 'both' } = {}) =>
        call(t.v2, '/domain/register', { ...creds(acct), domaintype: 'PAID', ...params }, { method: 'POST', ...options });
      const start = await balance(a);

      // The one-statement path (no name servers: nothing to read first).
      const plain = { domainname: 'idem3.tk', owner_id: owner };
      const first3 = await register(a, plain);
      assert.equal(first3.body.result, 'DOMAIN REGISTERED', first3.text);
      assert.equal(await balance(a), start - 899);
      const rows = await snapshot();
      // The domain changes after its registration; the replay answers the registration as it was.
      const owner2 = await newContact(t.v2, a);
      assert.equal((await put(a, '/domain/modify', { domainname: 'idem3.tk', owner_id: owner2 })).body.status, 'OK');
      const changed = await snapshot();
      assert.equal((await register(a, plain)).text, first3.text);
      assert.equal((await register(a, plain, { via: 'query' })).text, first3.text);
      const xml = await register(a, plain, { xml: true });
      assert.match(xml.text, new RegExp(`<authcode>${first(first3, 'domain').authcode}</authcode>`));
      assert.match(xml.text, new RegExp(`<owner_id>${owner}</owner_id>`));
      assert.deepEqual(await snapshot(), changed, 'replays change nothing');
      assert.notDeepEqual(rows, changed);
      // Kept as a result, under its own key (a rendered response under the plain key is never read as one).
      const kept = await t.services.store.db.selectFrom('freenom_idempotency').select('function').where('account_id', '=', a.id).execute();
      assert.deepEqual(kept.map((k) => k.function), ['freenom:domain/register#result']);
      // Another account's same parameters are another action (and the name is taken).
      assertFixture(await register(b, { domainname: 'idem3.tk', owner_id: ownerB }), 'register-not-available.json', { DOMAIN: 'idem3.tk', TYPE: 'PAID' });

      // Concurrent repeats of a new registration register once, all answering the same.
      const many = await Promise.all([1, 2, 3].map(() => register(a, { domainname: 'idem4.tk', owner_id: owner })));
      assert.equal(many[0]!.body.result, 'DOMAIN REGISTERED', many[0]!.text);
      for (const r of many) assert.equal(r.text, many[0]!.text);
      assert.equal(await balance(a), start - 2 * 899);
      const idem4 = await t.services.store.db.selectFrom('domains').select('id').where('name', '=', 'idem4.tk').execute();
      assert.equal(idem4.length, 1);

      // The transaction path (outside name servers are read first), and a repeat of it.
      const delegated = { domainname: 'idem5.tk', owner_id: owner, nameserver: [...OUTSIDE_NS] };
      const first5 = await register(a, delegated);
      assert.equal(first5.body.result, 'DOMAIN REGISTERED', first5.text);
      const after5 = await snapshot();
      assert.equal((await register(a, delegated)).text, first5.text);
      assert.deepEqual(await snapshot(), after5);
      assert.equal(await balance(a), start - 3 * 899);

      // A refused registration is not remembered, on either path: the repeat acts.
      const taken = await register(b, { domainname: 'idem4.tk', owner_id: ownerB });
      assertFixture(taken, 'register-not-available.json', { DOMAIN: 'idem4.tk', TYPE: 'PAID' });
      const keysOfB = () => t.services.store.db.selectFrom('freenom_idempotency').select('function').where('account_id', '=', b.id).execute();
      assert.deepEqual(await keysOfB(), []);

      // Past the window the repeat acts again: the name is the account's own by now.
      await t.advance('31s');
      assertFixture(await register(a, plain), 'register-not-available.json', { DOMAIN: 'idem3.tk', TYPE: 'PAID' });
      assertFixture(await register(a, delegated), 'register-not-available.json', { DOMAIN: 'idem5.tk', TYPE: 'PAID' });
      assert.equal(await balance(a), start - 3 * 899);
    });

    test('Dot CF edition: its own mount and its Host name; no autorenew, no forward_mode', async () => {
      const a = await t.account();
      const owner = await newContact(t.v2, a);
      const r = await post(a, '/domain/register', { domainname: 'dotcf1.cf', domaintype: 'PAID', owner_id: owner, autorenew: 'disabled' }, t.dotcf);
      assertFixture(r, 'register-dotcf.json', { OWNER: owner });
      const row = await t.services.store.db.selectFrom('domains').select('auto_renew').where('name', '=', 'dotcf1.cf').executeTakeFirstOrThrow();
      assert.equal(row.auto_renew, true, 'autorenew is not a Dot CF parameter');
      const free = await post(a, '/domain/register', { domainname: 'dotcf2.cf', domaintype: 'FREE', forward_url: 'http://www.freenom.com/', forward_mode: '301_redirect' }, t.dotcf);
      assert.equal(free.body.result, 'DOMAIN REGISTERED', free.text);
      const kind = await t.services.store.db.selectFrom('domains').select('forward_kind').where('name', '=', 'dotcf2.cf').executeTakeFirstOrThrow();
      assert.equal(kind.forward_kind, 'cloak', 'forward_mode is not a Dot CF parameter');
      assertFixture(await get(a, '/domain/getinfo', { domainname: 'dotcf2.cf' }, true, t.dotcf), 'getinfo-dotcf.xml');
      assertFixture(await get(a, '/domain/list', {}, false, t.dotcf), 'list-dotcf.json');
      for (const host of ['api.dot.cf', 'API.DOT.CF:443']) {
        const viaHost = await call(t.v2, '/domain/list', creds(a), { headers: { host } });
        assertFixture(viaHost, 'list-dotcf.json');
      }
      const freenom = await get(a, '/domain/list');
      assert.equal((freenom.body.domain as Record<string, string>[])[0]!.autorenew, 'enabled');
      assertFixture(await call(t.dotcf, '/service/ping', {}, { xml: true }), 'ping.xml');
      assertFixture(await call(t.dotcf, '/domain/nothing'), 'function-not-found.json');
      assertFixture(await call(t.dotcf, '/domain/list', { email: a.email, password: 'x' }), 'not-authorized.json');

      // Same transfer policy in both editions: a correct code on .cf completes at once.
      const gaining = await t.account();
      const gOwner = await newContact(t.v2, gaining);
      const authcode = first(await get(a, '/domain/getinfo', { domainname: 'dotcf1.cf' }, false, t.dotcf), 'domain').authcode!;
      const x = await post(gaining, '/domain/transfer/request', { domainname: 'dotcf1.cf', authcode, period: '1Y', owner_id: gOwner }, t.dotcf);
      assertFixture(x, 'transfer-request.json', { DOMAIN: 'dotcf1.cf', STATUS: 'REQUESTED' });
      assert.equal(first(await get(gaining, '/domain/getinfo', { domainname: 'dotcf1.cf' }, false, t.dotcf), 'domain').status, 'ACTIVE');
      const listed = (await get(gaining, '/domain/transfer/list', {}, false, t.dotcf)).body.transfer as Record<string, string>[];
      assert.deepEqual(listed.map((l) => [l.domainname, l.transfertype, l.status]), [['dotcf1.cf', 'INCOMING', 'APPROVED']]);
    });

    test('decided transfers leave transfer/list a week after their last update', async () => {
      const listed = async (acct: TestAccount) => ((await get(acct, '/domain/transfer/list')).body.transfer as Record<string, string>[]).map((x) => x.domainname);
      assert.deepEqual(await listed(xferLosing), ['xfer4.fr', 'xfer3.fr', 'xfer1.tk']);
      await t.advance('6d');
      assert.deepEqual(await listed(xferGaining), ['xfer4.fr', 'xfer3.fr', 'xfer1.tk']);
      await t.advance('2d');
      assert.deepEqual(await listed(xferLosing), []);
      assert.deepEqual(await listed(xferGaining), []);
    });
  });
}

interface Rr {
  readonly name: string;
  readonly type: string;
  readonly data: unknown;
}

/** One UDP question to the DNS server; the sections as plain records. */
async function query(port: number, name: string, type: 'A' | 'NS' | 'AAAA'): Promise<{ answers: Rr[]; authorities: Rr[]; additionals: Rr[] }> {
  const socket = createSocket('udp4');
  try {
    const message = dnsPacket.encode({ type: 'query', id: 4242, flags: 0, questions: [{ type, name }] });
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no DNS answer for ${name} ${type}`)), 5000);
      socket.once('message', (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      socket.send(message, port, '127.0.0.1');
    });
    const p = dnsPacket.decode(reply);
    const plain = (list: readonly dnsPacket.Answer[] | undefined) => (list ?? []).map((r) => ({ name: r.name, type: r.type, data: 'data' in r ? r.data : undefined }));
    return { answers: plain(p.answers), authorities: plain(p.authorities), additionals: plain(p.additionals) };
  } finally {
    socket.close();
  }
}
