/**
 * Dynadot account defaults over real HTTP (spec §15.8, §8, §7.1):
 * set_default_whois, set_default_ns (13 Server slots), set_default_parking,
 * set_default_forwarding, set_default_stealth, set_default_hosting,
 * set_default_dns (legacy) and set_default_dns2 (root SetDefaultDnsResponse),
 * set_default_email_forward, set_default_renew_option and
 * set_clear_default_setting. Whole bodies against the seed's examples in XML
 * and JSON; the stored template (core getDefaults) and account_info's
 * DefaultSettings reflect each; every refusal in the command's own envelope,
 * changing nothing; the defaults are applied to a domain registered next,
 * through Dynadot's register and through Freenom's domain/register.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHost, getDefaults, getDomain, listRecords, type Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newContact } from '../../support/contacts.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { call as freenomCall, creds } from '../freenom/support.ts';
import { assertBody, dynadotAccount, fixture, type Client, type ParamMap } from './support.ts';

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const jsonText = (s: string): string => JSON.stringify(s).slice(1, -1);

/** XML root stem of each command. */
const ROOTS: Readonly<Record<string, string>> = {
  set_default_whois: 'SetDefaultWhois',
  set_default_ns: 'SetDefaultNs',
  set_default_parking: 'SetDefaultParking',
  set_default_forwarding: 'SetDefaultForwarding',
  set_default_stealth: 'SetDefaultStealth',
  set_default_hosting: 'SetDefaultHosting',
  set_default_dns: 'SetDefaultDns',
  set_default_dns2: 'SetDefaultDns',
  set_default_email_forward: 'SetDefaultEmailForwarding',
  set_default_renew_option: 'SetDefaultRenewOption',
  set_clear_default_setting: 'SetClearDefaultSetting',
};

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot account defaults`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let a: TestAccount & { c: Client };
    let b: TestAccount & { c: Client };
    let c: Client;

    const defaults = async (who: TestAccount = a) => (await engine.run(getDefaults, {}, { actor: who.actor })).template;

    /** The example's success body in both formats. */
    async function succeeds(command: string, params: ParamMap, vars: Readonly<Record<string, string | number>> = {}): Promise<void> {
      assertBody(await c.xml(command, params), fixture(`${command}.xml`, vars));
      assertBody(await c.json(command, params), fixture(`${command}.json`, vars));
    }

    /** Refused in both formats with this text, and nothing stored changed. */
    async function refused(command: string, params: ParamMap, error: string): Promise<void> {
      const before = await snapshotTables(t.services.store.db);
      assertBody(await c.xml(command, params), fixture('legacy-error.xml', { ROOT: ROOTS[command]!, ERROR: xmlText(error) }));
      assertBody(await c.json(command, params), fixture('legacy-error.json', { ROOT: ROOTS[command]!, ERROR: jsonText(error) }));
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before, `${command} changed stored data`);
    }

    /** account_info's DefaultSettings (JSON). */
    async function defaultSettings(who: Client = c): Promise<unknown> {
      const body = await who.obj('account_info');
      return ((body.AccountInfoResponse as Record<string, unknown>).AccountInfo as Record<string, unknown>).DefaultSettings;
    }

    const settingsOf = (ids: readonly (number | string)[], type: string, ads = 'no') => ({
      DefaultWhois: {
        DefaultRegistrant: { ContactId: String(ids[0]) },
        DefaultAdmin: { ContactId: String(ids[1]) },
        DefaultTechnical: { ContactId: String(ids[2]) },
        DefaultBilling: { ContactId: String(ids[3]) },
      },
      DefaultNameServerSettings: { Type: type, WithAds: ads },
    });

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      a = await dynadotAccount(engine, t.url);
      c = a.c;
      b = await dynadotAccount(engine, t.url);
      // The example's name servers, host objects of the account ("must already exist in your account").
      await engine.run(createHost, { name: 'ns1.hosts.example' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns2.host.example' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns9.theirs.example' }, { actor: b.actor });
    });
    after(() => t.close());

    test('set_default_whois: the example; the contacts show in account_info; the roles sent are the whole default', async () => {
      assert.deepStrictEqual(await defaultSettings(), settingsOf([0, 0, 0, 0], 'Dynadot DNS'));
      const jack = await newContact(engine, a);
      const jill = await newContact(engine, a, { name: 'Jill Slater', email: 'jill@example.com' });
      const roles = { registrant_contact: jack.id, admin_contact: jack.id, technical_contact: jill.id, billing_contact: jill.id };
      await succeeds('set_default_whois', roles);
      assert.deepStrictEqual((await defaults()).contacts, { registrant: jack.id, admin: jack.id, tech: jill.id, billing: jill.id });
      assert.deepStrictEqual(await defaultSettings(), settingsOf([jack.id, jack.id, jill.id, jill.id], 'Dynadot DNS'));
      // A role not sent has no default (a registration keeps its own contact there).
      assertBody(await c.json('set_default_whois', { admin_contact: jill.id }), fixture('set_default_whois.json'));
      assert.deepStrictEqual(await defaultSettings(), settingsOf([0, jill.id, 0, 0], 'Dynadot DNS'));

      const theirs = await newContact(engine, b);
      await refused('set_default_whois', { registrant_contact: theirs.id }, `could not find contact ${theirs.id} in your account`);
      await refused('set_default_whois', { registrant_contact: 0, admin_contact: 0, technical_contact: 0, billing_contact: 0 }, 'invalid registrant_contact: "0"');
      await refused('set_default_whois', { billing_contact: 'jack' }, 'invalid billing_contact: "jack"');
      await refused('set_default_whois', {}, 'missing registrant_contact param');
    });

    test('set_default_ns: the example with 13 Server slots (the hosts\' ServerIds); Name Servers in account_info', async () => {
      const ids = new Map((await engine.store.db.selectFrom('hosts').select(['name', 'number']).where('account_id', '=', a.id).execute()).map((h) => [h.name, h.number]));
      const vars = { NS0: 'ns1.hosts.example', ID0: ids.get('ns1.hosts.example')!, NS1: 'ns2.host.example', ID1: ids.get('ns2.host.example')! };
      await succeeds('set_default_ns', { ns0: 'ns1.hosts.example', ns1: 'ns2.host.example' }, vars);
      assert.deepStrictEqual((await defaults()).nameServers, ['ns1.hosts.example', 'ns2.host.example']);
      assert.deepStrictEqual(((await defaultSettings()) as Record<string, unknown>).DefaultNameServerSettings, { Type: 'Name Servers', WithAds: 'no' });
      // Upper case is the same host; the order is the request's.
      assertBody(await c.json('set_default_ns', { ns0: 'NS2.host.example', ns1: 'ns1.hosts.example' }), fixture('set_default_ns.json', {
        NS0: 'ns2.host.example', ID0: vars.ID1, NS1: 'ns1.hosts.example', ID1: vars.ID0,
      }));

      await refused('set_default_ns', { ns0: 'ns1.hosts.example', ns1: 'ns9.theirs.example' }, 'could not find name server ns9.theirs.example in your account');
      await refused('set_default_ns', { ns0: 'ns1.nowhere.example', ns1: 'ns2.host.example' }, 'could not find name server ns1.nowhere.example in your account');
      await refused('set_default_ns', {}, 'missing ns0 param');
      await refused('set_default_ns', { ns0: 'ns1.hosts.example', ns13: 'ns2.host.example' }, 'too many ns values: at most 13 per request');
      await refused('set_default_ns', { ns0: 'ns1.hosts.example', ns1: 'ns1.hosts.example' }, 'invalid nameserver: the same name server is listed twice');
    });

    test('set_default_parking, set_default_forwarding, set_default_stealth, set_default_hosting: the examples; one service slot', async () => {
      await succeeds('set_default_parking', { folder_id: 0, with_ads: 'no' });
      assert.deepStrictEqual((await defaults()).service, { parking: { withAds: false } });
      assert.equal((await defaults()).nameServers, undefined, 'parking replaces the name servers default');
      assertBody(await c.json('set_default_parking', {}), fixture('set_default_parking.json'));
      assert.deepStrictEqual(((await defaultSettings()) as Record<string, unknown>).DefaultNameServerSettings, { Type: 'Dynadot Parking', WithAds: 'yes' });

      await succeeds('set_default_forwarding', { forward_url: 'http://mydomain.com' });
      assert.deepStrictEqual((await defaults()).service, { forward: { url: 'http://mydomain.com/', kind: 'temporary' } });
      assertBody(await c.json('set_default_forwarding', { forward_url: 'https://mydomain.com/x', is_temp: 'no' }), fixture('set_default_forwarding.json'));
      assert.deepStrictEqual((await defaults()).service, { forward: { url: 'https://mydomain.com/x', kind: 'permanent' } });
      assert.deepStrictEqual(((await defaultSettings()) as Record<string, unknown>).DefaultNameServerSettings, { Type: 'URL Forwarding', WithAds: 'no' });

      await succeeds('set_default_stealth', { stealth_title: "obama's shop", stealth_url: 'http://www.obamashop.com' });
      assert.deepStrictEqual((await defaults()).service, { forward: { url: 'http://www.obamashop.com/', kind: 'cloak', title: "obama's shop" } });
      assert.deepStrictEqual(((await defaultSettings()) as Record<string, unknown>).DefaultNameServerSettings, { Type: 'Stealth Forwarding', WithAds: 'no' });

      await succeeds('set_default_hosting', { hosting_type: 'advanced' });
      assert.deepStrictEqual((await defaults()).service, { hosting: { type: 'advanced' } });
      assertBody(await c.json('set_default_hosting', { hosting_type: 'Advanced', mobile_view_on: 'yes' }), fixture('set_default_hosting.json'));
      assert.deepStrictEqual((await defaults()).service, { hosting: { type: 'advanced', mobileView: true } });
      assert.deepStrictEqual(((await defaultSettings()) as Record<string, unknown>).DefaultNameServerSettings, { Type: 'Dynadot Hosting', WithAds: 'no' });

      await refused('set_default_parking', { with_ads: 'maybe' }, 'invalid with_ads: "maybe"');
      await refused('set_default_forwarding', {}, 'missing forward_url param');
      await refused('set_default_forwarding', { forward_url: 'ftp://mydomain.com' }, 'invalid forward_url: an http:// or https:// URL is required');
      await refused('set_default_forwarding', { forward_url: 'http://mydomain.com', is_temp: 'sometimes' }, 'invalid is_temp: "sometimes"');
      await refused('set_default_stealth', { stealth_url: 'mydomain' }, 'invalid stealth_url: an http:// or https:// URL is required');
      await refused('set_default_hosting', {}, 'missing hosting_type param');
      await refused('set_default_hosting', { hosting_type: 'premium' }, 'invalid hosting_type: "premium"');
      await refused('set_default_hosting', { hosting_type: 'basic', mobile_view_on: 'yes' }, 'mobile_view_on can only be yes when hosting_type is advanced');
    });

    test('set_default_dns (legacy) and set_default_dns2: the examples, the same root; the records as a DNS default', async () => {
      await succeeds('set_default_dns', { main_record_type: 'aaaa', main_record: '0:0:0:0:0:0:0:1' });
      assert.deepStrictEqual((await defaults()).dns, { records: [{ type: 'AAAA', name: '@', value: '::1' }] });
      assert.deepStrictEqual((await defaults()).emailForward, { type: 'donot' });
      assert.equal((await defaults()).service, undefined, 'DNS replaces the service default');
      assert.deepStrictEqual(((await defaultSettings()) as Record<string, unknown>).DefaultNameServerSettings, { Type: 'Dynadot DNS', WithAds: 'no' });
      // Every legacy field: main_record2 (IPv4 beside aaaa), main_txt, subdomains, mail hosts, ttl.
      assertBody(await c.json('set_default_dns', {
        main_record_type: 'aaaa', main_record: '2001:db8::1', main_record2: '192.0.2.1', main_txt: 'v=spf1 -all', main_txt1: 'hello',
        subdomain0: 'www', sub_record_type0: 'cname', sub_record0: 'example.net', mx_host0: 'mx1.example.net', mx_host1: 'mx2.example.net', mx_distance1: 20, ttl: 600,
      }), fixture('set_default_dns.json'));
      assert.deepStrictEqual((await defaults()).dns, {
        records: [
          { type: 'AAAA', name: '@', value: '2001:db8::1', ttl: 600 },
          { type: 'A', name: '@', value: '192.0.2.1', ttl: 600 },
          { type: 'TXT', name: '@', value: 'v=spf1 -all', ttl: 600 },
          { type: 'TXT', name: '@', value: 'hello', ttl: 600 },
          { type: 'CNAME', name: 'www', value: 'example.net', ttl: 600 },
          { type: 'MX', name: '@', value: 'mx1.example.net', ttl: 600, priority: 0 },
          { type: 'MX', name: '@', value: 'mx2.example.net', ttl: 600, priority: 20 },
        ],
      });

      await succeeds('set_default_dns2', { main_record_type0: 'aaaa', main_record0: '0:0:0:0:0:0:0:1' });
      assert.deepStrictEqual((await defaults()).dns, { records: [{ type: 'AAAA', name: '@', value: '::1' }] });
      // Email records are the e-mail forwarding default; a forward record is the forwarding default.
      assertBody(await c.xml('set_default_dns2', {
        main_record_type0: 'a', main_record0: '192.0.2.7', main_record_type1: 'email', main_record1: 'me@example.org', main_recordx1: 'info',
        subdomain0: 'www', sub_record_type0: 'a', sub_record0: '192.0.2.8',
      }), fixture('set_default_dns2.xml'));
      assert.deepStrictEqual(await defaults().then((d) => [d.dns, d.emailForward]), [
        { records: [{ type: 'A', name: '@', value: '192.0.2.7' }, { type: 'A', name: 'www', value: '192.0.2.8' }] },
        { type: 'forward', aliases: [{ user: 'info', to: 'me@example.org' }] },
      ]);
      assertBody(await c.json('set_default_dns2', { main_record_type0: 'forward', main_record0: 'https://target.example/', main_recordx0: '1' }), fixture('set_default_dns2.json'));
      assert.deepStrictEqual(await defaults().then((d) => [d.dns, d.service, d.emailForward]), [undefined, { forward: { url: 'https://target.example/', kind: 'permanent' } }, { type: 'donot' }]);

      await refused('set_default_dns', {}, 'missing main_record_type param');
      await refused('set_default_dns', { main_record_type: 'srv', main_record: 'x' }, 'invalid main_record_type: "srv"');
      await refused('set_default_dns', { main_record_type: 'a' }, 'missing main_record param');
      await refused('set_default_dns', { main_record_type: 'a', main_record: '192.0.2.1', main_record2: '192.0.2.2' }, 'main_record2 can only be used when main_record_type is aaaa');
      await refused('set_default_dns', { main_record_type: 'aaaa', main_record: '::1', main_record2: '::2' }, 'invalid main_record2: "::2"');
      await refused('set_default_dns', { main_record_type: 'aaaa', main_record: '::1', main_record2: '192.0.2.2', main_txt0: '1', main_txt1: '2', main_txt2: '3', main_txt3: '4' },
        'too many main_txt values: at most 3 per request');
      await refused('set_default_dns', { main_record_type: 'forward', main_record: 'https://x.example/', subdomain0: 'www', sub_record_type0: 'a', sub_record0: '192.0.2.1' },
        'a forward or stealth record can not be mixed with other dns records: regd forwards the whole domain');
      await refused('set_default_dns', { main_record_type: 'a', main_record: 'not-an-ip' }, 'invalid record value: not-an-ip');
      await refused('set_default_dns2', {}, 'missing main_record_type0 param');
      await refused('set_default_dns2', { main_record_type0: 'mx', main_record0: 'mx.example.net' }, 'missing main_recordx0 param');
      await refused('set_default_dns2', { main_record_type0: 'a', main_record0: '192.0.2.1', ttl: 5 }, 'invalid ttl');
    });

    test('set_default_email_forward, set_default_renew_option: the examples', async () => {
      await succeeds('set_default_email_forward', { forward_type: 'forward', username0: 'peter', exist_email0: 'peter@mail.com' });
      assert.deepStrictEqual((await defaults()).emailForward, { type: 'forward', aliases: [{ user: 'peter', to: 'peter@mail.com' }] });
      assertBody(await c.json('set_default_email_forward', { forward_type: 'mx', mx_host0: 'mx.example.net', mx_host1: 'mx2.example.net' }), fixture('set_default_email_forward.json'));
      assert.deepStrictEqual((await defaults()).emailForward, { type: 'mx', mx: [{ host: 'mx.example.net', distance: 0 }, { host: 'mx2.example.net', distance: 1 }] });

      await succeeds('set_default_renew_option', { renew_option: 'auto' });
      assert.equal((await defaults()).renewOption, 'auto');

      await refused('set_default_email_forward', {}, 'missing forward_type param');
      await refused('set_default_email_forward', { forward_type: 'forward', username0: 'peter' }, 'missing exist_email0 param');
      await refused('set_default_email_forward', { forward_type: 'forward', username0: 'peter', exist_email0: 'not-an-address' }, 'invalid exist_email0: "not-an-address"');
      await refused('set_default_renew_option', {}, 'missing renew_option param');
      await refused('set_default_renew_option', { renew_option: 'sometimes' }, 'invalid renew_option: "sometimes"');
    });

    test('set_clear_default_setting: the example; clearing what is not set is a success', async () => {
      const ids = new Map((await engine.store.db.selectFrom('hosts').select(['name', 'number']).where('account_id', '=', a.id).execute()).map((h) => [h.name, h.number]));
      assertBody(await c.json('set_default_ns', { ns0: 'ns1.hosts.example', ns1: 'ns2.host.example' }), fixture('set_default_ns.json', {
        NS0: 'ns1.hosts.example', ID0: ids.get('ns1.hosts.example')!, NS1: 'ns2.host.example', ID1: ids.get('ns2.host.example')!,
      }));
      await succeeds('set_clear_default_setting', { service: 'nameservers' });
      assert.equal((await defaults()).nameServers, undefined);
      assertBody(await c.json('set_clear_default_setting', { service: 'forward' }), fixture('set_clear_default_setting.json'));
      assertBody(await c.json('set_clear_default_setting', { service: 'email_forwarding' }), fixture('set_clear_default_setting.json'));
      assert.equal((await defaults()).emailForward, undefined);
      await refused('set_clear_default_setting', {}, 'missing service param');
      await refused('set_clear_default_setting', { service: 'note' }, 'invalid service: "note"');
    });

    test('defaults apply to a domain registered next: through Dynadot register and through Freenom domain/register', async () => {
      const r = await dynadotAccount(engine, t.url, { deposits: { USD: '1000.00', EUR: '1000.00' } });
      const jack = await newContact(engine, r);
      const jill = await newContact(engine, r, { name: 'Jill Slater', email: 'jill@example.com' });
      const rc = r.c;
      const ok = (body: Record<string, unknown>, root: string) => assert.equal((body[root] as Record<string, unknown>).Status, 'success', JSON.stringify(body));
      ok(await rc.obj('set_default_whois', { registrant_contact: jack.id, admin_contact: jack.id, technical_contact: jack.id, billing_contact: jack.id }), 'SetDefaultWhoisResponse');
      ok(await rc.obj('set_default_dns2', { main_record_type0: 'a', main_record0: '192.0.2.44', subdomain0: 'www', sub_record_type0: 'a', sub_record0: '192.0.2.45' }), 'SetDefaultDnsResponse');
      ok(await rc.obj('set_default_email_forward', { forward_type: 'forward', username0: 'info', exist_email0: 'owner@example.org' }), 'SetDefaultEmailForwardingResponse');
      ok(await rc.obj('set_default_renew_option', { renew_option: 'auto' }), 'SetDefaultRenewOptionResponse');

      const reg = await rc.obj('register', { domain: 'defaults-applied.com', duration: 1 });
      ok(reg, 'RegisterResponse');
      const viaFreenom = await freenomCall(`${t.url}/v2`, '/domain/register', { ...creds(r), domainname: 'defaults-freenom.com', domaintype: 'PAID', period: '1Y', owner_id: String(jill.id) }, { method: 'POST' });
      assert.equal(viaFreenom.body.status, 'OK', viaFreenom.text);

      // Freenom's registration names its owner: the default contacts fill only the other roles.
      const contacts: Readonly<Record<string, readonly number[]>> = {
        'defaults-applied.com': [jack.id, jack.id, jack.id, jack.id],
        'defaults-freenom.com': [jill.id, jack.id, jack.id, jack.id],
      };
      for (const name of ['defaults-applied.com', 'defaults-freenom.com']) {
        const d = await engine.run(getDomain, { name }, { actor: r.actor });
        assert.deepStrictEqual([d.serviceMode, d.renewOption, d.autoRenew, d.emailForward], ['regd_dns', 'auto', true, { type: 'forward', aliases: [{ user: 'info', to: 'owner@example.org' }] }], name);
        const records = (await engine.run(listRecords, { name }, { actor: r.actor })).records.map((x) => [x.type, x.name, x.value]);
        assert.deepStrictEqual(records.sort(), [['A', '@', '192.0.2.44'], ['A', 'www', '192.0.2.45']], name);
        const info = await rc.obj('domain_info', { domain: name });
        const whois = ((info.DomainInfoResponse as Record<string, Record<string, Record<string, unknown>>>).DomainInfo!.Whois) as Record<string, { ContactId: string }>;
        assert.deepStrictEqual(Object.values(whois).map((x) => x.ContactId), contacts[name]!.map(String), name);
      }
    });
  });
}
