/**
 * The account-level WAPI commands over real HTTP (issue 8): ping,
 * ping-async, poll-req, poll-ack, contact-info, contact-create, nsset-create, nsset-info.
 * Whole responses, only timestamp and svTRID normalised.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountActor, createContact, notify, SYSTEM, type ContactView } from '../../../src/core/index.ts';
import { WAPI_CODES } from '../../../src/dialects/wedos/codes.ts';
import { pragueDateTime } from '../../../src/dialects/wedos/prague.ts';
import { BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { JACK } from '../../support/contacts.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { assertResponse, expected, newWapiAccount, normalized, WapiClient } from './support.ts';

const T = WAPI_CODES;

for (const backend of BACKENDS) {
  describe(`WAPI account commands [${backend}]`, () => {
    let s: TestServer;
    let a: { email: string; wapiPassword: string; accountId: number };
    let b: { email: string; wapiPassword: string; accountId: number };
    let client: WapiClient;
    let other: WapiClient;

    before(async () => {
      s = await startTestServer(backend);
      a = await newWapiAccount(s.services.engine, { depositCzk: '5000.00' });
      b = await newWapiAccount(s.services.engine);
      client = new WapiClient(s.url, a.email, a.wapiPassword);
      other = new WapiClient(s.url, b.email, b.wapiPassword);
    });
    after(() => s.close());

    test('ping: 1000, no data, in JSON and XML', async () => {
      assertResponse(await client.call('ping', undefined, { clTRID: 'p-1' }), expected('ping', 1000, 'OK', { clTRID: 'p-1' }));
      assertResponse(await client.call('ping', { anything: 'ignored' }, { format: 'xml' }), expected('ping', 1000, 'OK'));
    });

    test('ping-async → 1001; poll-req shows the notification until poll-ack removes it; then 1003', async () => {
      assertResponse(await client.call('poll-req'), expected('poll-req', 1003, T[1003]!));
      const sent = await client.call('ping-async', undefined, { clTRID: 'async-1' });
      assertResponse(sent, expected('ping-async', 1001, 'Request pending', { clTRID: 'async-1' }));
      const first = await client.call('poll-req', undefined, { clTRID: 'poll-1' });
      const id = first.body.data.notify.id as number;
      assert.equal(typeof id, 'number');
      const notify = { code: 1000, result: 'OK', timestamp: sent.body.timestamp, clTRID: 'async-1', svTRID: sent.body.svTRID, command: 'ping-async', id };
      assertResponse(first, expected('poll-req', 1000, 'OK', { clTRID: 'poll-1', data: { notify } }));
      assert.deepEqual(Object.keys(first.body.data.notify), ['code', 'result', 'timestamp', 'clTRID', 'svTRID', 'command', 'id']);
      assertResponse(await client.call('poll-req'), expected('poll-req', 1000, 'OK', { data: { notify } }), 'still there');
      assertResponse(await other.call('poll-req'), expected('poll-req', 1003, T[1003]!), "not in another account's queue");
      assertResponse(await other.call('poll-ack', { id }), expected('poll-ack', 2151, T[2151]!), "another account's notification");
      const xml = await client.call('poll-req', undefined, { format: 'xml' });
      assertResponse(xml, expected('poll-req', 1000, 'OK', { data: { notify: { ...notify, code: '1000', timestamp: String(notify.timestamp), id: String(id) } } }), 'XML');
      assertResponse(await client.call('poll-ack', { id: String(id) }, { clTRID: 'ack-1' }), expected('poll-ack', 1002, 'Notification aquired', { clTRID: 'ack-1' }));
      assertResponse(await client.call('poll-ack', { id }), expected('poll-ack', 2151, T[2151]!), 'already acknowledged');
      assertResponse(await client.call('poll-req'), expected('poll-req', 1003, 'Empty notifications queue'));
    });

    test('poll-ack: missing id 2100, not a positive number 2101, unknown 2151; ID accepted', async () => {
      assertResponse(await client.call('poll-ack'), expected('poll-ack', 2100, 'Required parameter missing: id'));
      for (const id of ['abc', '0', -1, '1.5']) assertResponse(await client.call('poll-ack', { id }), expected('poll-ack', 2101, 'Invalid parameter value: id'), String(id));
      assertResponse(await client.call('poll-ack', { id: 999999 }), expected('poll-ack', 2151, T[2151]!));
      await client.call('ping-async');
      const id = (await client.call('poll-req')).body.data.notify.id;
      assertResponse(await client.call('poll-ack', { ID: id }), expected('poll-ack', 1002, T[1002]!));
    });

    test('engine notifications: oldest first, mapped to the command they answer, with domain data', async () => {
      const events = [
        { kind: 'domain.created', domainName: 'made.cz', message: 'Domain made.cz was created.', payload: { orderNumber: 1000042, expiresAt: '2031-05-06T07:08:09.000Z' } },
        { kind: 'transfer.completed', domainName: 'gone.com', message: 'Transfer out.', payload: { transferNumber: 77, side: 'losing', status: 'completed' } },
        { kind: 'domain.renew_failed', domainName: 'poor.com', message: 'Renewal failed.', payload: { expiresAt: '2030-01-01T00:00:00.000Z', reason: 'funds' } },
        { kind: 'domain.expired', domainName: 'old.com', message: 'Expired.', payload: {} },
      ] as const;
      const since = Math.floor(s.services.engine.clock.now().getTime() / 1000);
      for (const e of events) {
        await s.services.engine.run((ctx) => notify(ctx, { accountId: a.accountId, ...e }), undefined, { actor: SYSTEM });
      }
      const wants = [
        ['domain-create', 1000, { name: 'made.cz', event: 'domain.created', message: 'Domain made.cz was created.', num: '1000042', expiration: '2031-05-06' }],
        ['domain-transfer', 1200, { name: 'gone.com', event: 'transfer.completed', message: 'Transfer out.', num: '77' }],
        ['domain-renew', 3002, { name: 'poor.com', event: 'domain.renew_failed', message: 'Renewal failed.' }],
        ['domain-info', 1000, { name: 'old.com', event: 'domain.expired', message: 'Expired.' }],
      ] as const;
      for (const [command, code, data] of wants) {
        const r = await client.call('poll-req');
        const n = r.body.data.notify;
        assert.match(n.svTRID, new RegExp(`^${n.timestamp}\\.0000\\.${n.id}\\.1$`));
        assert.ok(n.timestamp >= since && n.timestamp <= r.body.timestamp, 'the notification time');
        assertResponse(r, expected('poll-req', 1000, 'OK', {
          data: { notify: { code, result: T[code], timestamp: n.timestamp, clTRID: '', svTRID: n.svTRID, command, id: n.id, data } },
        }));
        assertResponse(await client.call('poll-ack', { id: n.id }), expected('poll-ack', 1002, T[1002]!));
      }
      assertResponse(await client.call('poll-req'), expected('poll-req', 1003, T[1003]!));
    });

    let jack: ContactView;
    test('contact-info: the whole contact; cname or name; unknown and foreign 3229; bad TLD 2201; malformed 2216', async () => {
      jack = await s.services.engine.run(createContact, { ...JACK, address2: 'Suite 5', organization: 'Slater Ltd', companyNumber: '12345678', vatNumber: 'CZ12345678' }, { actor: accountActor(a.accountId) });
      const contact = {
        contact_id: jack.handle, status: 'ok', name: 'Jack Slater', fname: 'Jack', lname: 'Slater', company: 'Slater Ltd',
        addr_street: '1 Free Way, Suite 5', addr_city: 'Los Angeles', addr_zip: '90068', addr_state: 'CA', addr_country: 'us',
        phone: '+1.5555555233', fax: '', email: 'jack@example.com', email2: '', notify_email: '', ic: '12345678', dic: 'CZ12345678',
        ident_type: '', ident: '',
      };
      assertResponse(await client.call('contact-info', { tld: 'cz', cname: jack.handle }, { clTRID: 'c1' }), expected('contact-info', 1000, 'OK', { clTRID: 'c1', data: { contact } }));
      assertResponse(await client.call('contact-info', { name: jack.handle.toLowerCase() }), expected('contact-info', 1000, 'OK', { data: { contact } }), 'name, any case, no tld');
      const xml = await client.call('contact-info', { tld: 'cz', cname: jack.handle }, { format: 'xml' });
      assertResponse(xml, expected('contact-info', 1000, 'OK', { data: { contact: { ...contact, fax: '', email2: '' } } }), 'XML');
      assertResponse(await other.call('contact-info', { cname: jack.handle }), expected('contact-info', 3229, 'Error loading contact'), "another account's");
      assertResponse(await client.call('contact-info', { cname: 'REGD-C999999999' }), expected('contact-info', 3229, T[3229]!));
      assertResponse(await client.call('contact-info', { cname: jack.handle, tld: 'nosuchtld' }), expected('contact-info', 2201, T[2201]!));
      assertResponse(await client.call('contact-info', { cname: 'bad handle!' }), expected('contact-info', 2216, T[2216]!));
      assertResponse(await client.call('contact-info', { cname: { x: 1 } }), expected('contact-info', 2216, 'Invalid contact format: cname'));
      assertResponse(await client.call('contact-info', { tld: 'cz' }), expected('contact-info', 2100, 'Required parameter missing: cname'));
    });

    test('contact-create: the handle as cname, in JSON and XML; contact-info shows it; it serves as owner_c of domain-create', async () => {
      const contact = {
        fname: 'Jan', lname: 'Novák', company: 'Novák s.r.o.', addr_street: 'Náměstí 1', addr_city: 'Praha', addr_zip: '110 00',
        addr_state: '', addr_country: 'cz', phone: '+420.123456789', fax: '', email: 'jan@example.cz', email2: 'jan2@example.cz', ic: '12345678', dic: 'CZ12345678',
      };
      const created = await client.call('contact-create', { tld: 'cz', contact }, { clTRID: 'cc1' });
      const handle = String((normalized(created.body) as { data: { cname: string } }).data.cname);
      assert.match(handle, /^REGD-C\d+$/);
      assertResponse(created, expected('contact-create', 1000, 'OK', { clTRID: 'cc1', data: { cname: handle } }));
      assertResponse(await client.call('contact-info', { tld: 'cz', cname: handle }), expected('contact-info', 1000, 'OK', {
        data: {
          contact: {
            contact_id: handle, status: 'ok', name: 'Jan Novák', fname: 'Jan', lname: 'Novák', company: 'Novák s.r.o.', addr_street: 'Náměstí 1',
            addr_city: 'Praha', addr_zip: '110 00', addr_state: '', addr_country: 'cz', phone: '+420.123456789', fax: '', email: 'jan@example.cz',
            email2: 'jan2@example.cz', notify_email: '', ic: '12345678', dic: 'CZ12345678', ident_type: '', ident: '',
          },
        },
      }));
      // XML, every value a string, no tld (as the XML request of WEDOS's page, without its cname).
      const xml = await client.call('contact-create', { contact: { ...contact, email: 'eva@example.cz', fname: 'Eva' } }, { format: 'xml' });
      assert.match(String(xml.raw), /<command>contact-create<\/command><data><cname>REGD-C\d+<\/cname><\/data><\/response>$/);
      const xmlHandle = /<cname>(REGD-C\d+)<\/cname>/.exec(String(xml.raw))![1]!;
      assert.notEqual(xmlHandle, handle);
      const made = await client.call('domain-create', { name: 'wapi-contact-made.cz', period: 1, nsset: 'WEDOS', owner_c: handle, admin_c: xmlHandle, rules: { fname: 'Jan', lname: 'Novák' } });
      assert.equal((normalized(made.body) as { code: number }).code, 1000, made.raw);
      assertResponse(await other.call('contact-info', { cname: handle }), expected('contact-info', 3229, T[3229]!), "another account's");
    });

    test('contact-create refusals: the page\'s code for each item, 2218 for a chosen cname, 2201, 2100; nothing is created', async () => {
      const ok = { fname: 'Jan', lname: 'Novák', addr_street: 'Náměstí 1', addr_city: 'Praha', addr_zip: '11000', addr_country: 'cz', phone: '+420.123456789', email: 'jan@example.cz' };
      const before = await snapshotTables(s.services.store.db);
      const cases: [Record<string, unknown>, number, string][] = [
        [{ ...ok, cname: 'MY-HANDLE' }, 2218, T[2218]!],
        [{ ...ok, fname: '' }, 2220, T[2220]!],
        [{ ...ok, lname: undefined }, 2221, T[2221]!],
        [{ ...ok, email: '' }, 2222, T[2222]!],
        [{ ...ok, email: 'not-an-email' }, 2223, T[2223]!],
        [{ ...ok, email2: 'nope' }, 2225, T[2225]!],
        [{ ...ok, phone: '' }, 2226, T[2226]!],
        [{ ...ok, phone: '123' }, 2227, T[2227]!],
        [{ ...ok, fax: 'fax?' }, 2229, T[2229]!],
        [{ ...ok, addr_street: '' }, 2234, T[2234]!],
        [{ ...ok, addr_city: '' }, 2235, T[2235]!],
        [{ ...ok, addr_zip: '' }, 2236, T[2236]!],
        [{ ...ok, addr_country: '' }, 2237, T[2237]!],
        [{ ...ok, addr_country: 'cze' }, 2238, T[2238]!],
        [{ ...ok, addr_zip: '110/00' }, 2101, 'Invalid parameter value: addr_zip'],
        [{ ...ok, addr_state: 'Nowhere' }, 2101, 'Invalid parameter value: addr_state'],
      ];
      for (const [contact, code, text] of cases) {
        assertResponse(await client.call('contact-create', { tld: 'cz', contact }), expected('contact-create', code, text), JSON.stringify(contact));
      }
      assertResponse(await client.call('contact-create', { tld: 'nosuchtld', contact: ok }), expected('contact-create', 2201, T[2201]!));
      assertResponse(await client.call('contact-create', { tld: 'cz' }), expected('contact-create', 2100, 'Required parameter missing: contact'));
      assertResponse(await client.call('contact-create', { tld: 'cz', contact: 'x' }), expected('contact-create', 2101, 'Invalid parameter value: contact'));
      assert.deepStrictEqual(await snapshotTables(s.services.store.db), before);
      const tested = await client.call('contact-create', { tld: 'cz', contact: ok }, { test: true });
      assert.match(tested.raw, /^\{"response":\{"code":1000,"result":"OK",.*"data":\{"cname":"REGD-C\d+"\}\}\}$/, 'test mode answers as the real run');
      assert.deepStrictEqual(await snapshotTables(s.services.store.db), before, 'test mode creates nothing');
    });

    test('nsset-create and nsset-info: JSON and XML forms, test mode, the whole NSSET', async () => {
      const dns = { server: [{ name: 'ns1.example.net' }, { name: 'ns2.example.net', addr_ipv4: '', addr_ipv6: '' }] };
      assertResponse(await client.call('nsset-create', { tld: 'cz', name: 'TRIAL-SET', dns }, { test: true }), expected('nsset-create', 1000, 'OK', { data: { nsset: 'TRIAL-SET' } }), 'test mode');
      assertResponse(await client.call('nsset-info', { tld: 'cz', name: 'TRIAL-SET' }), expected('nsset-info', 3214, T[3214]!), 'rolled back');

      const before = await client.serverNow();
      assertResponse(await client.call('nsset-create', { tld: 'cz', name: 'my-set', dns, tech_c: jack.handle }, { clTRID: 'n1' }), expected('nsset-create', 1000, 'OK', { clTRID: 'n1', data: { nsset: 'MY-SET' } }));
      const date = pragueDateTime(new Date(Math.floor(before.getTime() / 1000) * 1000));
      const info = await client.call('nsset-info', { tld: 'cz', name: 'my-set' });
      const created = info.body.data.nsset.created_date as string;
      assert.ok(created >= date.slice(0, 16), `${created} is Prague time near ${date}`);
      const nsset = {
        name: 'MY-SET', status: 'ok', reg_owner: 'REGD', reg_creator: 'REGD', reg_update: 'REGD',
        created_date: created, updated_date: created, transfer_date: '', tech_c: jack.handle,
        dns: { server: [{ name: 'ns1.example.net', addr_ipv4: '', addr_ipv6: '' }, { name: 'ns2.example.net', addr_ipv4: '', addr_ipv6: '' }] },
      };
      assertResponse(info, expected('nsset-info', 1000, 'OK', { data: { nsset } }));
      assertResponse(await client.call('nsset-info', { name: 'MY-SET' }, { format: 'xml' }), expected('nsset-info', 1000, 'OK', { data: { nsset } }), 'XML, tld defaults to cz');

      const xmlCreate = await client.call('nsset-create', { tld: 'cz', name: 'XML-SET', dns: { server: [{ name: 'ns3.example.net' }, { name: 'ns4.example.net' }] } }, { format: 'xml' });
      assertResponse(xmlCreate, expected('nsset-create', 1000, 'OK', { data: { nsset: 'XML-SET' } }));
      const numbered = await client.call('nsset-create', { name: 'NUM-SET', dns: { server2: { name: 'ns6.example.net' }, server1: { name: 'ns5.example.net' } } });
      assertResponse(numbered, expected('nsset-create', 1000, 'OK', { data: { nsset: 'NUM-SET' } }));
      const numberedInfo = normalized((await client.call('nsset-info', { name: 'NUM-SET' })).body);
      assert.deepEqual((numberedInfo.data as { nsset: { dns: unknown } }).nsset.dns, { server: [{ name: 'ns5.example.net', addr_ipv4: '', addr_ipv6: '' }, { name: 'ns6.example.net', addr_ipv4: '', addr_ipv6: '' }] });
      const generated = await client.call('nsset-create', { dns: [{ name: 'ns7.example.net' }, { name: 'ns8.example.net' }] });
      assert.equal(generated.body.code, 1000);
      assert.match(generated.body.data.nsset, /^REGD-N\d+$/, 'a handle is assigned when none is given');

      assertResponse(await other.call('nsset-info', { name: 'MY-SET' }), expected('nsset-info', 3214, T[3214]!), "another account's");
      assertResponse(await other.call('nsset-create', { name: 'MY-SET', dns }), expected('nsset-create', 3245, T[3245]!), 'taken by anyone');
    });

    test('nsset-create and nsset-info refusals', async () => {
      const dns = { server: [{ name: 'ns1.example.org' }, { name: 'ns2.example.org' }] };
      const many = { server: Array.from({ length: 11 }, (_, i) => ({ name: `ns${i}.example.org` })) };
      const cases: [string, Record<string, unknown>, number, string?][] = [
        ['nsset-create', { tld: 'com', name: 'SET-A', dns }, 2201],
        ['nsset-create', { tld: 'nosuch', name: 'SET-A', dns }, 2201],
        ['nsset-create', { name: 'x', dns }, 2247],
        ['nsset-create', { name: 'REGD-N5', dns }, 2247],
        ['nsset-create', { name: 'SET-A' }, 2100, 'Required parameter missing: dns'],
        ['nsset-create', { name: 'SET-A', dns: { server: [{ name: 'ns1.example.org' }] } }, 2210, 'Invalid DNS server format: 2 to 10 name servers are required'],
        ['nsset-create', { name: 'SET-A', dns: many }, 2211],
        ['nsset-create', { name: 'SET-A', dns: { server: [{ name: 'bad..name' }, { name: 'ns2.example.org' }] } }, 2210],
        ['nsset-create', { name: 'SET-A', dns: { server: [{ addr_ipv4: '192.0.2.1' }, { name: 'ns2.example.org' }] } }, 2210],
        ['nsset-create', { name: 'SET-A', dns: { other: 1 } }, 2210, 'Invalid DNS server format: unexpected element other'],
        ['nsset-create', { name: 'SET-A', dns, tech_c: 'REGD-C999999999' }, 3229],
        ['nsset-create', { name: 'SET-A', dns, tech_c: { a: 1 } }, 2216, 'Invalid contact format: tech_c'],
        ['nsset-info', { tld: 'cz' }, 2100, 'Required parameter missing: name'],
        ['nsset-info', { name: 'NO-SUCH-SET' }, 3214],
        ['nsset-info', { name: 'x' }, 2247],
        ['nsset-info', { name: 'MY-SET', tld: 'com' }, 2201],
      ];
      for (const [command, data, code, result] of cases) {
        assertResponse(await client.call(command, data), expected(command, code, result ?? T[code]!), `${command} ${JSON.stringify(data)}`);
      }
      assertResponse(await client.call('nsset-info', { name: 'SET-A' }), expected('nsset-info', 3214, T[3214]!), 'nothing was created');
    });
  });
}
