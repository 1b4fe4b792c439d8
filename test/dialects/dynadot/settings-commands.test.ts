/**
 * Dynadot per-domain settings commands over real HTTP (spec §15.2, §8, §7
 * item 2): set_whois, set_ns, set_parking, set_forwarding, set_stealth,
 * set_hosting, set_email_forward, set_clear_domain_setting, set_folder,
 * set_renew_option, set_note, set_privacy and set_customer_id. Whole
 * bodies against the seed's examples in XML and JSON; every refusal in the
 * command's own envelope; a list naming a domain that is not the caller's
 * changes none of the others; 101 names; bad option values. What a command
 * sets is what core and the other dialects see (Freenom's domain/getinfo).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFolder, createHost, getDomain, registerDomain, type DomainView, type Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newContact } from '../../support/contacts.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { call as freenomCall, creds } from '../freenom/support.ts';
import { assertBody, dynadotAccount, fixture, type Client, type ParamMap } from './support.ts';

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const jsonText = (s: string): string => JSON.stringify(s).slice(1, -1);

/** The legacy error envelope of a command, in XML and JSON. */
function legacyError(root: string, error: string): { xml: string; json: string } {
  return {
    xml: fixture('legacy-error.xml', { ROOT: root, ERROR: xmlText(error) }),
    json: fixture('legacy-error.json', { ROOT: root, ERROR: jsonText(error) }),
  };
}

/** XML root stem of each command (root `<stem>Response`, header `<stem>Header`). */
const ROOTS: Readonly<Record<string, string>> = {
  set_whois: 'SetWhois',
  set_ns: 'SetNs',
  set_parking: 'SetParking',
  set_forwarding: 'SetForwarding',
  set_stealth: 'SetStealth',
  set_hosting: 'SetHosting',
  set_email_forward: 'SetEmailForwarding',
  set_clear_domain_setting: 'SetClearDomainSetting',
  set_folder: 'SetFolder',
  set_renew_option: 'SetRenewOption',
  set_note: 'SetNote',
  set_privacy: 'SetPrivacy',
};

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot domain settings commands`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let a: TestAccount & { c: Client };
    let b: TestAccount & { c: Client };
    let reseller: TestAccount & { c: Client };
    let c: Client;

    const domain = (name: string, who: TestAccount = a): Promise<DomainView> => engine.run(getDomain, { name }, { actor: who.actor });

    /** The example's success body in both formats. */
    async function succeeds(command: string, params: ParamMap): Promise<void> {
      assertBody(await c.xml(command, params), fixture(`${command}.xml`));
      assertBody(await c.json(command, params), fixture(`${command}.json`));
    }

    /** Refused in both formats with this text, and nothing stored changed. */
    async function refused(command: string, params: ParamMap, error: string, who: Client = c): Promise<void> {
      const before = await snapshotTables(t.services.store.db);
      const want = legacyError(`${ROOTS[command]!}`, error);
      assertBody(await who.xml(command, params), want.xml);
      assertBody(await who.json(command, params), want.json);
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before, `${command} changed stored data`);
    }

    /** The public contact number of the contact a domain has in a role column. */
    async function contactNumber(name: string, column: 'registrant_contact_id' | 'admin_contact_id' | 'tech_contact_id' | 'billing_contact_id'): Promise<number | null> {
      const row = await t.services.store.db
        .selectFrom('domains')
        .leftJoin('contacts', 'contacts.id', `domains.${column}`)
        .select('contacts.number')
        .where('domains.name', '=', name)
        .where('domains.released_at', 'is', null)
        .executeTakeFirstOrThrow();
      return row.number ?? null;
    }

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      a = await dynadotAccount(engine, t.url);
      c = a.c;
      b = await dynadotAccount(engine, t.url);
      reseller = await dynadotAccount(engine, t.url, { level: 'reseller' });
      for (const name of ['domain1.com', 'domain2.com', 'domain4.com', 'domain8.com', 'domian1.com']) {
        await engine.run(registerDomain, { name }, { actor: a.actor });
      }
      await engine.run(registerDomain, { name: 'theirs.com' }, { actor: b.actor });
      for (const name of ['resold1.com', 'resold2.com']) await engine.run(registerDomain, { name }, { actor: reseller.actor });
      await engine.run(createHost, { name: 'ns1.hostns.example' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns2.hostns.example' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns9.theirs.example' }, { actor: b.actor });
    });
    after(() => t.close());

    test('set_whois: the example in XML and JSON; the four roles take the contacts by their ids', async () => {
      const jack = await newContact(engine, a);
      const jill = await newContact(engine, a, { name: 'Jill Slater', email: 'jill@example.com' });
      const roles = { registrant_contact: jack.id, admin_contact: jack.id, technical_contact: jill.id, billing_contact: jill.id };
      assertBody(await c.xml('set_whois', { domain: 'domain4.com', ...roles }), fixture('set_whois.xml'));
      assertBody(await c.json('set_whois', { domain: 'domain1.com,domain2.com', ...roles }), fixture('set_whois.json'));
      for (const name of ['domain4.com', 'domain1.com', 'domain2.com']) {
        assert.deepStrictEqual(
          [await contactNumber(name, 'registrant_contact_id'), await contactNumber(name, 'admin_contact_id'), await contactNumber(name, 'tech_contact_id'), await contactNumber(name, 'billing_contact_id')],
          [jack.id, jack.id, jill.id, jill.id],
        );
      }
      // A role not sent keeps its contact.
      assertBody(await c.json('set_whois', { domain: 'domain4.com', admin_contact: jill.id }), fixture('set_whois.json'));
      assert.equal(await contactNumber('domain4.com', 'admin_contact_id'), jill.id);
      assert.equal(await contactNumber('domain4.com', 'registrant_contact_id'), jack.id);

      const theirs = await newContact(engine, b);
      await refused('set_whois', { domain: 'domain4.com', registrant_contact: theirs.id }, `could not find contact ${theirs.id} in your account`);
      await refused('set_whois', { domain: 'domain4.com', registrant_contact: 0 }, 'invalid registrant_contact: "0"');
      await refused('set_whois', { domain: 'domain4.com', billing_contact: 'jack' }, 'invalid billing_contact: "jack"');
      await refused('set_whois', { domain: 'domain4.com' }, 'missing registrant_contact param');
      await refused('set_whois', { registrant_contact: jack.id }, 'missing domain param');
    });

    test('set_ns: the example; name servers must be host objects of the account', async () => {
      await succeeds('set_ns', { domain: 'domain1.com,domain2.com', ns0: 'ns1.hostns.example', ns1: 'ns2.hostns.example' });
      for (const name of ['domain1.com', 'domain2.com']) {
        const d = await domain(name);
        assert.equal(d.serviceMode, 'custom_ns');
        assert.deepStrictEqual(d.nameServers, ['ns1.hostns.example', 'ns2.hostns.example']);
      }
      // Another account's host, or a name that is no host object at all.
      await refused('set_ns', { domain: 'domain1.com', ns0: 'ns1.hostns.example', ns1: 'ns9.theirs.example' }, 'could not find name server ns9.theirs.example in your account');
      await refused('set_ns', { domain: 'domain1.com', ns0: 'ns1.nowhere.example', ns1: 'ns2.hostns.example' }, 'could not find name server ns1.nowhere.example in your account');
      await refused('set_ns', { domain: 'domain1.com' }, 'missing ns0 param');
      await refused('set_ns', { domain: 'domain1.com', ns0: 'ns1.hostns.example', ns13: 'ns2.hostns.example' }, 'too many ns values: at most 13 per request');
      await refused('set_ns', { domain: 'domain1.com', ns0: 'bad..name', ns1: 'ns2.hostns.example' }, 'invalid name server format: bad..name');
    });

    test('set_parking: the example (with_ads=no); ads by default; a with_ads that is not yes/no', async () => {
      await succeeds('set_parking', { domain: 'domain1.com', with_ads: 'no' });
      let d = await domain('domain1.com');
      assert.deepStrictEqual([d.serviceMode, d.parkingWithAds], ['parking', false]);
      assertBody(await c.json('set_parking', { domain: 'domain1.com,domain2.com' }), fixture('set_parking.json'));
      d = await domain('domain2.com');
      assert.deepStrictEqual([d.serviceMode, d.parkingWithAds], ['parking', true]);
      await refused('set_parking', { domain: 'domain1.com', with_ads: 'maybe' }, 'invalid with_ads: "maybe"');
    });

    test('set_forwarding: the example; temporary by default, permanent with is_temp=no; Freenom\'s domain/getinfo shows the forward', async () => {
      await succeeds('set_forwarding', { forward_url: 'http://www.mydomain.com', domain: 'domain1.com,domain2.com' });
      for (const name of ['domain1.com', 'domain2.com']) {
        const d = await domain(name);
        assert.deepStrictEqual([d.serviceMode, d.forwardUrl, d.forwardKind], ['forward', 'http://www.mydomain.com/', 'temporary']);
      }
      assertBody(await c.json('set_forwarding', { forward_url: 'https://example.org/landing?x=1', domain: 'domain2.com', is_temp: 'no' }), fixture('set_forwarding.json'));
      const d2 = await domain('domain2.com');
      assert.deepStrictEqual([d2.forwardUrl, d2.forwardKind], ['https://example.org/landing?x=1', 'permanent']);

      const info = await freenomCall(`${t.url}/v2`, '/domain/getinfo', { ...creds(a), domainname: 'domain1.com' });
      assert.equal(info.status, 200, info.text);
      const shown = (info.body.domain as Record<string, unknown>[])[0]!;
      assert.equal(shown.forward_url, 'http://www.mydomain.com/');

      await refused('set_forwarding', { forward_url: 'ftp://files.example.org/', domain: 'domain1.com' }, 'invalid forward_url: an http:// or https:// URL is required');
      await refused('set_forwarding', { domain: 'domain1.com' }, 'missing forward_url param');
      await refused('set_forwarding', { forward_url: 'http://x.example', domain: 'domain1.com', is_temp: 'sometimes' }, 'invalid is_temp: "sometimes"');
    });

    test('set_stealth: the example (a title with an apostrophe and a space); the title is optional', async () => {
      await succeeds('set_stealth', { domain: 'domain1.com', stealth_title: 'obama\'s shop', stealth_url: 'http://www.obamashop.com' });
      let d = await domain('domain1.com');
      assert.deepStrictEqual([d.serviceMode, d.forwardUrl, d.forwardKind, d.forwardTitle], ['stealth', 'http://www.obamashop.com/', 'cloak', 'obama\'s shop']);
      assertBody(await c.json('set_stealth', { domain: 'domain2.com', stealth_url: 'http://www.obamashop.com' }), fixture('set_stealth.json'));
      d = await domain('domain2.com');
      assert.deepStrictEqual([d.serviceMode, d.forwardTitle], ['stealth', '']);
      await refused('set_stealth', { domain: 'domain1.com', stealth_title: 'x' }, 'missing stealth_url param');
      await refused('set_stealth', { domain: 'domain1.com', stealth_url: 'not a url' }, 'invalid stealth_url: an http:// or https:// URL is required');
    });

    test('set_hosting: the example (advanced, mobile view); mobile view only with advanced; unknown types', async () => {
      await succeeds('set_hosting', { domain: 'domain8.com', hosting_type: 'advanced', mobile_view_on: 'yes' });
      let d = await domain('domain8.com');
      assert.deepStrictEqual([d.serviceMode, d.hostingType], ['hosting', 'advanced']);
      assertBody(await c.json('set_hosting', { domain: 'domain8.com', hosting_type: 'basic' }), fixture('set_hosting.json'));
      d = await domain('domain8.com');
      assert.equal(d.hostingType, 'basic');
      await refused('set_hosting', { domain: 'domain8.com', hosting_type: 'basic', mobile_view_on: 'yes' }, 'mobile_view_on can only be yes when hosting_type is advanced');
      await refused('set_hosting', { domain: 'domain8.com', hosting_type: 'premium' }, 'invalid hosting_type: "premium"');
      await refused('set_hosting', { domain: 'domain8.com' }, 'missing hosting_type param');
    });

    test('set_email_forward: the example (forward), mx hosts, donot; root SetEmailForwardingResponse', async () => {
      await succeeds('set_email_forward', { domain: 'domain1.com', forward_type: 'forward', username0: 'peter', exist_email0: 'peter@gmail.com' });
      assert.deepStrictEqual((await domain('domain1.com')).emailForward, { type: 'forward', aliases: [{ user: 'peter', to: 'peter@gmail.com' }] });
      assertBody(await c.json('set_email_forward', {
        domain: 'domain1.com,domain2.com', forward_type: 'mx', mx_host0: 'mx1.mailhost.example', mx_distance0: 10, mx_host1: 'mx2.mailhost.example',
      }), fixture('set_email_forward.json'));
      for (const name of ['domain1.com', 'domain2.com']) {
        assert.deepStrictEqual((await domain(name)).emailForward, { type: 'mx', mx: [{ host: 'mx1.mailhost.example', distance: 10 }, { host: 'mx2.mailhost.example', distance: 1 }] });
      }
      assertBody(await c.xml('set_email_forward', { domain: 'domain2.com', forward_type: 'donot' }), fixture('set_email_forward.xml'));
      assert.deepStrictEqual((await domain('domain2.com')).emailForward, { type: 'donot' });

      await refused('set_email_forward', { domain: 'domain1.com', forward_type: 'forward', username0: 'peter' }, 'missing exist_email0 param');
      await refused('set_email_forward', { domain: 'domain1.com', forward_type: 'forward', username0: 'peter', exist_email0: 'not-an-address' }, 'invalid exist_email0: "not-an-address"');
      await refused('set_email_forward', { domain: 'domain1.com', forward_type: 'forward', username0: 'a', exist_email0: 'x@example.org', username1: 'A', exist_email1: 'y@example.org' }, 'invalid username1: "A"');
      await refused('set_email_forward', { domain: 'domain1.com', forward_type: 'forward' }, 'missing username0 param');
      await refused('set_email_forward', { domain: 'domain1.com', forward_type: 'mx', mx_host0: 'mx1.example', mx_distance0: 'high' }, 'invalid mx_distance0: "high"');
      await refused('set_email_forward', { domain: 'domain1.com', forward_type: 'mx', mx_host3: 'mx1.example' }, 'too many mx_host values: at most 3 per request');
      await refused('set_email_forward', { domain: 'domain1.com', forward_type: 'pigeon' }, 'invalid forward_type: "pigeon"');
      await refused('set_email_forward', { domain: 'domain1.com' }, 'missing forward_type param');
    });

    test('set_clear_domain_setting: the example (nameservers); forward and email_forwarding; bad service', async () => {
      assertBody(await c.json('set_ns', { domain: 'domain4.com', ns0: 'ns1.hostns.example', ns1: 'ns2.hostns.example' }), fixture('set_ns.json'));
      await succeeds('set_clear_domain_setting', { domain: 'domain4.com', service: 'nameservers' });
      assert.equal((await domain('domain4.com')).serviceMode, 'regd_dns');

      assertBody(await c.json('set_forwarding', { domain: 'domain1.com,domain2.com', forward_url: 'http://www.mydomain.com' }), fixture('set_forwarding.json'));
      assertBody(await c.json('set_email_forward', { domain: 'domain1.com', forward_type: 'forward', username0: 'peter', exist_email0: 'peter@gmail.com' }), fixture('set_email_forward.json'));
      assertBody(await c.xml('set_clear_domain_setting', { domain: 'domain1.com,domain2.com', service: 'forward' }), fixture('set_clear_domain_setting.xml'));
      assertBody(await c.json('set_clear_domain_setting', { domain: 'domain1.com', service: 'email_forwarding' }), fixture('set_clear_domain_setting.json'));
      const d1 = await domain('domain1.com');
      assert.deepStrictEqual([d1.serviceMode, d1.forwardUrl, d1.emailForward], ['regd_dns', null, { type: 'donot' }]);
      assert.equal((await domain('domain2.com')).serviceMode, 'regd_dns');

      await refused('set_clear_domain_setting', { domain: 'domain1.com', service: 'parking' }, 'invalid service: "parking"');
      await refused('set_clear_domain_setting', { domain: 'domain1.com' }, 'missing service param');
      await refused('set_clear_domain_setting', { domain: 'domain1.com,theirs.com', service: 'forward' }, 'could not find domain in your account');
    });

    test('set_folder: the example (by case-sensitive name), by folder_id, back to Default; one domain only', async () => {
      const folder = await engine.run(createFolder, { name: 'folder1' }, { actor: a.actor });
      const other = await engine.run(createFolder, { name: 'folder2' }, { actor: a.actor });
      await succeeds('set_folder', { domain: 'domian1.com', folder: 'folder1' });
      const folderRow = async (name: string) => (await t.services.store.db.selectFrom('domains').leftJoin('folders', 'folders.id', 'domains.folder_id')
        .select('folders.number').where('domains.name', '=', name).where('domains.released_at', 'is', null).executeTakeFirstOrThrow()).number;
      assert.equal(await folderRow('domian1.com'), folder.id);
      assertBody(await c.json('set_folder', { domain: 'domian1.com', folder_id: other.id }), fixture('set_folder.json'));
      assert.equal(await folderRow('domian1.com'), other.id);
      assertBody(await c.json('set_folder', { domain: 'domian1.com', folder: 'Default' }), fixture('set_folder.json'));
      assert.equal(await folderRow('domian1.com'), null);
      assertBody(await c.json('set_folder', { domain: 'domian1.com', folder_id: other.id }), fixture('set_folder.json'));
      assertBody(await c.xml('set_folder', { domain: 'domian1.com', folder_id: -1 }), fixture('set_folder.xml'));
      assert.equal(await folderRow('domian1.com'), null);

      await refused('set_folder', { domain: 'domian1.com', folder: 'Folder1' }, 'could not find folder in your account');
      await refused('set_folder', { domain: 'domian1.com', folder_id: 999 }, 'could not find folder in your account');
      await refused('set_folder', { domain: 'domian1.com', folder_id: 'x' }, 'invalid folder_id: "x"');
      await refused('set_folder', { domain: 'domian1.com,domain1.com', folder: 'folder1' }, 'too many domain values: at most 1 per request');
      await refused('set_folder', { domain: 'domian1.com' }, 'missing folder param');
      await refused('set_folder', { domain: 'theirs.com', folder: 'folder1' }, 'could not find domain in your account');
    });

    test('set_renew_option: the example (auto); donot and reset; an unknown option', async () => {
      await succeeds('set_renew_option', { domain: 'domain1.com', renew_option: 'auto' });
      let d = await domain('domain1.com');
      assert.deepStrictEqual([d.renewOption, d.autoRenew], ['auto', true]);
      assertBody(await c.json('set_renew_option', { domain: 'domain1.com,domain2.com', renew_option: 'donot' }), fixture('set_renew_option.json'));
      d = await domain('domain2.com');
      assert.deepStrictEqual([d.renewOption, d.autoRenew], ['donot', false]);
      assertBody(await c.json('set_renew_option', { domain: 'domain2.com', renew_option: 'RESET' }), fixture('set_renew_option.json'));
      assert.equal((await domain('domain2.com')).renewOption, 'reset');
      await refused('set_renew_option', { domain: 'domain1.com', renew_option: 'sometimes' }, 'invalid renew_option: "sometimes"');
      await refused('set_renew_option', { domain: 'domain1.com' }, 'missing renew_option param');
    });

    test('set_note: the example (spaces kept); an empty note clears it; one domain only', async () => {
      await succeeds('set_note', { domain: 'domain1.com', note: 'Do not modify any information' });
      assert.equal((await domain('domain1.com')).note, 'Do not modify any information');
      assertBody(await c.json('set_note', { domain: 'domain1.com', note: '' }), fixture('set_note.json'));
      assert.equal((await domain('domain1.com')).note, '');
      await refused('set_note', { domain: 'domain1.com' }, 'missing note param');
      await refused('set_note', { domain: 'domain1.com,domain2.com', note: 'x' }, 'too many domain values: at most 1 per request');
      await refused('set_note', { domain: 'domain1.com', note: 'x'.repeat(1001) }, 'invalid note: at most 1000 characters');
    });

    test('set_privacy: the example (off); full and partial; an unknown option', async () => {
      await succeeds('set_privacy', { domain: 'domain1.com', option: 'off' });
      assert.equal((await domain('domain1.com')).privacy, 'off');
      assertBody(await c.json('set_privacy', { domain: 'domain1.com,domain2.com', option: 'full' }), fixture('set_privacy.json'));
      assert.deepStrictEqual([(await domain('domain1.com')).privacy, (await domain('domain2.com')).privacy], ['full', 'full']);
      assertBody(await c.json('set_privacy', { domain: 'domain2.com', option: 'partial' }), fixture('set_privacy.json'));
      assert.equal((await domain('domain2.com')).privacy, 'partial');
      await refused('set_privacy', { domain: 'domain1.com', option: 'secret' }, 'invalid option: "secret"');
      await refused('set_privacy', { domain: 'domain1.com' }, 'missing option param');
    });

    test('all or nothing: a domain not yours in the list changes none of the others; 101 domains are refused', async () => {
      // domain1.com sorts before theirs.com, so it is changed first and rolled back.
      assertBody(await c.json('set_privacy', { domain: 'domain1.com', option: 'full' }), fixture('set_privacy.json'));
      await refused('set_privacy', { domain: 'domain1.com,theirs.com', option: 'off' }, 'could not find domain in your account');
      await refused('set_forwarding', { domain: 'domain1.com,domain2.com,theirs.com', forward_url: 'http://elsewhere.example' }, 'could not find domain in your account');
      await refused('set_renew_option', { domain: 'domain1.com,nosuchdomain.com', renew_option: 'auto' }, 'could not find domain in your account');
      await refused('set_parking', { domain: 'domain1.com,not a domain', with_ads: 'no' }, 'invalid domain name format: not a domain');
      assert.equal((await domain('domain1.com')).privacy, 'full');
      // The owner's domain is untouched too.
      const theirs = await domain('theirs.com', b);
      assert.equal(theirs.serviceMode, 'regd_dns');

      const many = Array.from({ length: 101 }, (_, i) => `d${i}.com`).join(',');
      for (const command of ['set_whois', 'set_ns', 'set_parking', 'set_forwarding', 'set_stealth', 'set_hosting', 'set_email_forward', 'set_clear_domain_setting', 'set_renew_option', 'set_privacy']) {
        await refused(command, { domain: many }, 'too many domain values: at most 100 per request');
      }
      // 100 is allowed by the reader: all names are checked (here the first unknown one refuses the lot).
      const hundred = ['domain1.com', ...Array.from({ length: 99 }, (_, i) => `zz${i}.com`)].join(',');
      await refused('set_privacy', { domain: hundred, option: 'off' }, 'could not find domain in your account');
      // A name given twice (any case) counts once.
      assertBody(await c.json('set_privacy', { domain: 'domain1.com,DOMAIN1.com', option: 'off' }), fixture('set_privacy.json'));
      assert.equal((await domain('domain1.com')).privacy, 'off');
    });

    test('set_customer_id: reseller only; the example (a number in JSON); a name not the reseller\'s is listed as failed and nothing changes', async () => {
      const err = (error: string) => ({ xml: fixture('set_customer_id-error.xml', { ERROR: xmlText(error) }), json: fixture('set_customer_id-error.json', { ERROR: jsonText(error) }) });
      const regular = err('this command is only available to reseller accounts');
      assertBody(await c.xml('set_customer_id', { domain: 'domain1.com', customer_id: 123456 }), regular.xml);
      assertBody(await c.json('set_customer_id', { domain: 'domain1.com', customer_id: 123456 }), regular.json);
      assert.equal((await domain('domain1.com')).customerId, null);

      const r = reseller.c;
      assertBody(await r.xml('set_customer_id', { domain: 'resold1.com,resold2.com', customer_id: 123456 }),
        fixture('set_customer_id.xml', { DOMAIN1: 'resold1.com', DOMAIN2: 'resold2.com', CUSTOMER_ID: 123456 }));
      assertBody(await r.json('set_customer_id', { domain: 'resold2.com,resold1.com', customer_id: 654321 }),
        fixture('set_customer_id.json', { DOMAIN1: 'resold1.com', DOMAIN2: 'resold2.com', CUSTOMER_ID: 654321 }));
      assert.equal((await domain('resold1.com', reseller)).customerId, '654321');

      const before = await snapshotTables(t.services.store.db);
      const failed = { DOMAIN: 'theirs.com', CUSTOMER_ID: 7, ERROR: 'could not find domain in your account' };
      assertBody(await r.xml('set_customer_id', { domain: 'resold1.com,theirs.com', customer_id: 7 }), fixture('set_customer_id-failed.xml', failed));
      assertBody(await r.json('set_customer_id', { domain: 'resold1.com,theirs.com', customer_id: 7 }), fixture('set_customer_id-failed.json', failed));
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before, 'a failed set_customer_id changed stored data');

      for (const [params, error] of [
        [{ domain: 'resold1.com' }, 'missing customer_id param'],
        [{ domain: 'resold1.com', customer_id: 'abc' }, 'invalid customer_id: "abc"'],
        [{ domain: 'resold1.com', customer_id: 0 }, 'invalid customer_id: "0"'],
        [{ customer_id: 1 }, 'missing domain param'],
        [{ domain: Array.from({ length: 101 }, (_, i) => `d${i}.com`).join(','), customer_id: 1 }, 'too many domain values: at most 100 per request'],
      ] as const) {
        const want = err(error);
        assertBody(await r.xml('set_customer_id', params), want.xml);
        assertBody(await r.json('set_customer_id', params), want.json);
      }
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before);
    });
  });
}
