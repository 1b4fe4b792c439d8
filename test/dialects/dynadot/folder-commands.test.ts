/**
 * Dynadot folders over real HTTP with regd's DNS server beside the API
 * (spec §15.9, §8): create_folder (root FolderCreateResponse), delete_folder
 * (comma list), set_folder_name, folder_list (every …EnableStatus) and the
 * folder templates set_folder_whois, set_folder_ns (13 Server slots; `fold_id`
 * too), set_folder_parking, set_folder_forwarding, set_folder_stealth,
 * set_folder_hosting (`even` too), set_folder_dns (legacy) and
 * set_folder_dns2 (root SetFolderDnsResponse), set_folder_email_forward,
 * set_folder_renew_option and set_clear_folder_setting. Whole bodies against
 * the seed's examples in XML and JSON; `enable=yes` applies a template to a
 * domain moved in later (set_folder), `sync=yes` to the domains already
 * there — a DNS template synced is what regd's DNS then serves (asked with
 * dig); every refusal in the command's own envelope, changing nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHost, getDomain, listFolders, registerDomain, type Engine } from '../../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../../src/services/dns/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newContact } from '../../support/contacts.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, dynadotAccount, fixture, type Client, type ParamMap } from './support.ts';

const run = promisify(execFile);
const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const jsonText = (s: string): string => JSON.stringify(s).slice(1, -1);

/** XML root stem of each command. */
const ROOTS: Readonly<Record<string, string>> = {
  create_folder: 'FolderCreate',
  delete_folder: 'DeleteFolder',
  set_folder_name: 'SetFolderName',
  set_folder_whois: 'SetFolderWhois',
  set_folder_ns: 'SetFolderNs',
  set_folder_parking: 'SetFolderParking',
  set_folder_forwarding: 'SetFolderForwarding',
  set_folder_stealth: 'SetFolderStealth',
  set_folder_hosting: 'SetFolderHosting',
  set_folder_dns: 'SetFolderDns',
  set_folder_dns2: 'SetFolderDns',
  set_folder_email_forward: 'SetFolderEmailForwarding',
  set_folder_renew_option: 'SetFolderRenewOption',
  set_clear_folder_setting: 'SetClearFolderSetting',
};

/** folder_list's values of a folder with nothing set. */
const BLANK = {
  WHOIS_STATUS: 'disable', REGISTRANT: 0, ADMIN: 0, TECH: 0, BILLING: 0, NS_STATUS: 'disable', NS_TYPE: 'Dynadot DNS', WITH_ADS: 'No',
  RENEW_STATUS: 'disable', RENEW_OPTION: 'no renew option',
};

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot folders`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let dns: RunningDnsServer;
    let a: TestAccount & { c: Client };
    let b: TestAccount & { c: Client };
    let c: Client;

    const domain = (name: string) => engine.run(getDomain, { name }, { actor: a.actor });
    const folderId = async (name: string, who: TestAccount = a) =>
      (await engine.run(listFolders, {}, { actor: who.actor })).folders.find((f) => f.name === name)!.id;

    /** A new folder through create_folder; its id. */
    async function create(name: string, who: Client = c): Promise<number> {
      const body = await who.obj('create_folder', { folder_name: name });
      return Number(((body.FolderCreateResponse as Record<string, Record<string, string>>).FolderCreateContent!).FolderId);
    }

    async function succeeds(command: string, params: ParamMap, vars: Readonly<Record<string, string | number>> = {}): Promise<void> {
      assertBody(await c.xml(command, params), fixture(`${command}.xml`, vars));
      assertBody(await c.json(command, params), fixture(`${command}.json`, vars));
    }

    async function refused(command: string, params: ParamMap, error: string): Promise<void> {
      const before = await snapshotTables(t.services.store.db);
      assertBody(await c.xml(command, params), fixture('legacy-error.xml', { ROOT: ROOTS[command]!, ERROR: xmlText(error) }));
      assertBody(await c.json(command, params), fixture('legacy-error.json', { ROOT: ROOTS[command]!, ERROR: jsonText(error) }));
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before, `${command} changed stored data`);
    }

    /** What regd's DNS server answers (dig +short), sorted; polled while the server's change feed catches up. */
    async function digs(name: string, type: string, want: readonly string[]): Promise<void> {
      const start = performance.now();
      for (;;) {
        const { stdout } = await run('dig', [`@127.0.0.1`, '-p', String(dns.udpPort), '+short', '+tries=1', '+time=1', name, type]);
        const got = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '').sort();
        if (JSON.stringify(got) === JSON.stringify([...want].sort())) return;
        if (performance.now() - start > 5_000) assert.fail(`dig ${name} ${type}: ${got.join(', ')}, want ${want.join(', ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    }

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      dns = await startDnsServer({ engine, config: { host: '127.0.0.1', port: 0 } });
      a = await dynadotAccount(engine, t.url);
      c = a.c;
      b = await dynadotAccount(engine, t.url);
      for (const name of ['member1.com', 'member2.com', 'later.com', 'outside.com']) await engine.run(registerDomain, { name }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns1.hosts.example' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns2.host.example' }, { actor: a.actor });
    });
    after(async () => {
      await dns?.close();
      await t?.close();
    });

    test('create_folder, folder_list, set_folder_name, delete_folder: the examples; names unique and case-sensitive', async () => {
      assertBody(await c.xml('folder_list'), fixture('folder_list-empty.xml'));
      assertBody(await c.json('folder_list'), fixture('folder_list-empty.json'));
      assertBody(await c.xml('create_folder', { folder_name: 'new' }), fixture('create_folder.xml', { NAME: 'new', FOLDER_ID: await folderId('new') }));
      const id = await folderId('new');
      assertBody(await c.json('create_folder', { folder_name: 'New' }), fixture('create_folder.json', { NAME: 'New', FOLDER_ID: await folderId('New') }));
      assert.ok(id > 0 && (await folderId('New')) > id);
      await refused('create_folder', { folder_name: 'new' }, 'folder name already exists');
      await refused('create_folder', { folder_name: 'Default' }, 'invalid folder_name: "Default" is reserved for "no folder"');
      await refused('create_folder', {}, 'missing folder_name param');

      await succeeds('set_folder_name', { folder_id: await folderId('New'), folder_name: 'renamed' });
      await refused('set_folder_name', { folder_id: id, folder_name: 'renamed' }, 'folder name already exists');
      await refused('set_folder_name', { folder_id: 0, folder_name: 'new' }, 'could not find folder in your account');
      await refused('set_folder_name', { folder_id: 'one', folder_name: 'new' }, 'invalid folder_id: "one"');
      await refused('set_folder_name', { folder_id: id }, 'missing folder_name param');

      // Another account's folder is not found; delete is all or nothing.
      const theirs = await create('theirs', b.c);
      await refused('set_folder_name', { folder_id: theirs, folder_name: 'mine' }, 'could not find folder in your account');
      await refused('delete_folder', { folder_id: `${id},${theirs}` }, 'could not find folder in your account');
      await refused('delete_folder', { folder_id: `${id},x` }, 'invalid folder_id: "x"');
      await refused('delete_folder', {}, 'missing folder_id param');
      assertBody(await c.xml('delete_folder', { folder_id: `${id},${await folderId('renamed')}` }), fixture('delete_folder.xml'));
      assertBody(await c.json('folder_list'), fixture('folder_list-empty.json'));
      const again = await create('again');
      assertBody(await c.json('delete_folder', { folder_id: String(again) }), fixture('delete_folder.json'));
      await refused('delete_folder', { folder_id: String(again) }, 'could not find folder in your account');
    });

    test('set_folder_whois with enable=yes: folder_list shows it; a domain moved in later takes it, one already there does not', async () => {
      const f = await create('Whois');
      await engine.run(registerDomain, { name: 'whois-before.com' }, { actor: a.actor });
      assertBody(await c.json('set_folder', { domain: 'whois-before.com', folder_id: f }), fixture('set_folder.json'));
      const jack = await newContact(engine, a);
      const jill = await newContact(engine, a, { name: 'Jill Slater', email: 'jill@example.com' });
      const roles = { registrant_contact: jack.id, admin_contact: jack.id, technical_contact: jill.id, billing_contact: jill.id };
      assertBody(await c.xml('set_folder_whois', { folder_id: f, ...roles, enable: 'yes' }), fixture('set_folder_whois.xml'));
      assertBody(await c.json('set_folder_whois', { folder_id: f, ...roles, enable: 'yes' }), fixture('set_folder_whois.json'));
      const listed = { ...BLANK, FOLDER_ID: f, NAME: 'Whois', WHOIS_STATUS: 'enable', REGISTRANT: jack.id, ADMIN: jack.id, TECH: jill.id, BILLING: jill.id };
      assertBody(await c.xml('folder_list'), fixture('folder_list.xml', listed));
      assertBody(await c.json('folder_list'), fixture('folder_list.json', listed));

      const before = await domain('whois-before.com');
      assertBody(await c.json('set_folder', { domain: 'later.com', folder_id: f }), fixture('set_folder.json'));
      const info = await c.obj('domain_info', { domain: 'later.com' });
      const whois = ((info.DomainInfoResponse as Record<string, Record<string, Record<string, unknown>>>).DomainInfo!.Whois) as Record<string, { ContactId: string }>;
      assert.deepStrictEqual(Object.values(whois).map((x) => x.ContactId), [jack.id, jack.id, jill.id, jill.id].map(String));
      assert.deepStrictEqual((await domain('whois-before.com')).contacts, before.contacts, 'without sync the members keep their contacts');

      // enable=no turns it off again (the template stays).
      assertBody(await c.json('set_folder_whois', { folder_id: f, ...roles, enable: 'no' }), fixture('set_folder_whois.json'));
      assertBody(await c.json('folder_list'), fixture('folder_list.json', { ...listed, WHOIS_STATUS: 'disable' }));

      const theirs = await newContact(engine, b);
      await refused('set_folder_whois', { folder_id: f, registrant_contact: theirs.id }, `could not find contact ${theirs.id} in your account`);
      await refused('set_folder_whois', { folder_id: f }, 'missing registrant_contact param');
      await refused('set_folder_whois', { registrant_contact: jack.id }, 'missing folder_id param');
      await refused('set_folder_whois', { folder_id: f, registrant_contact: jack.id, enable: 'maybe' }, 'invalid enable: "maybe"');
      await refused('set_folder_whois', { folder_id: f, registrant_contact: jack.id, sync: 'always' }, 'invalid sync: "always"');
      assertBody(await c.json('delete_folder', { folder_id: f }), fixture('delete_folder.json'));
    });

    test('set_folder_ns: the example (folder_id or fold_id, 13 Server slots); enable and sync; folder_list shows Name Servers', async () => {
      const f = await create('Delegated');
      assertBody(await c.json('set_folder', { domain: 'member1.com', folder_id: f }), fixture('set_folder.json'));
      const ids = new Map((await engine.store.db.selectFrom('hosts').select(['name', 'number']).where('account_id', '=', a.id).execute()).map((h) => [h.name, h.number]));
      const vars = { NS0: 'ns1.hosts.example', ID0: ids.get('ns1.hosts.example')!, NS1: 'ns2.host.example', ID1: ids.get('ns2.host.example')! };
      const params = { ns0: 'ns1.hosts.example', ns1: 'ns2.host.example', enable: 'yes', sync: 'yes' };
      assertBody(await c.xml('set_folder_ns', { folder_id: f, ...params }), fixture('set_folder_ns.xml', vars));
      assertBody(await c.json('set_folder_ns', { fold_id: f, ...params }), fixture('set_folder_ns.json', vars));
      const d = await domain('member1.com');
      assert.deepStrictEqual([d.serviceMode, d.nameServers], ['custom_ns', ['ns1.hosts.example', 'ns2.host.example']]);
      assertBody(await c.json('folder_list'), fixture('folder_list.json', { ...BLANK, FOLDER_ID: f, NAME: 'Delegated', NS_STATUS: 'enable', NS_TYPE: 'Name Servers' }));
      await refused('set_folder_ns', { folder_id: f, ns0: 'ns1.hosts.example', ns1: 'ns9.nowhere.example' }, 'could not find name server ns9.nowhere.example in your account');
      await refused('set_folder_ns', { folder_id: f, ns0: 'ns1.hosts.example' }, 'invalid number of name servers');
      await refused('set_folder_ns', { folder_id: f }, 'missing ns0 param');
      await refused('set_folder_ns', { ns0: 'ns1.hosts.example' }, 'missing folder_id param');
      assertBody(await c.xml('delete_folder', { folder_id: f }), fixture('delete_folder.xml'));
      assert.equal((await domain('member1.com')).folderId, null);
      assert.equal((await domain('member1.com')).serviceMode, 'custom_ns', 'a deleted folder\'s domains keep their settings');
    });

    test('set_folder_parking, _forwarding, _stealth, _hosting (sync or even), _email_forward, _renew_option: the examples; sync changes the members', async () => {
      const f = await create('Services');
      for (const name of ['member1.com', 'member2.com']) assertBody(await c.json('set_folder', { domain: name, folder_id: f }), fixture('set_folder.json'));
      const members = async () => Promise.all(['member1.com', 'member2.com'].map(domain));

      await succeeds('set_folder_parking', { folder_id: f, with_ads: 'no', sync: 'yes' });
      for (const d of await members()) assert.deepStrictEqual([d.serviceMode, d.parkingWithAds], ['parking', false], d.name);
      assertBody(await c.json('folder_list'), fixture('folder_list.json', { ...BLANK, FOLDER_ID: f, NAME: 'Services' }).replace('"Type":"Dynadot DNS"', '"Type":"Dynadot Parking"'));

      await succeeds('set_folder_forwarding', { folder_id: f, forward_url: 'http://mydomain.com', sync: 'yes' });
      for (const d of await members()) assert.deepStrictEqual([d.serviceMode, d.forwardUrl, d.forwardKind], ['forward', 'http://mydomain.com/', 'temporary'], d.name);

      await succeeds('set_folder_stealth', { folder_id: f, stealth_title: "obama's shop", stealth_url: 'http://www.obamashop.com', sync: 'yes' });
      for (const d of await members()) assert.deepStrictEqual([d.serviceMode, d.forwardUrl, d.forwardTitle], ['stealth', 'http://www.obamashop.com/', "obama's shop"], d.name);

      assertBody(await c.xml('set_folder_hosting', { folder_id: f, hosting_type: 'advanced', sync: 'yes' }), fixture('set_folder_hosting.xml'));
      for (const d of await members()) assert.deepStrictEqual([d.serviceMode, d.hostingType], ['hosting', 'advanced'], d.name);
      // The table's spelling of the flag: even=yes.
      assertBody(await c.json('set_folder_hosting', { folder_id: f, hosting_type: 'basic', even: 'yes' }), fixture('set_folder_hosting.json'));
      for (const d of await members()) assert.deepStrictEqual([d.serviceMode, d.hostingType], ['hosting', 'basic'], d.name);

      await succeeds('set_folder_email_forward', { folder_id: f, forward_type: 'forward', username0: 'peter', exist_email0: 'peter@mail.com', sync: 'yes' });
      for (const d of await members()) assert.deepStrictEqual(d.emailForward, { type: 'forward', aliases: [{ user: 'peter', to: 'peter@mail.com' }] }, d.name);

      const renewBefore = (await members()).map((d) => d.renewOption);
      await succeeds('set_folder_renew_option', { folder_id: f, renew_option: 'donot', enable: 'yes' });
      assert.deepStrictEqual((await members()).map((d) => d.renewOption), renewBefore, 'without sync the members keep their renew option');
      assertBody(await c.json('set_folder_renew_option', { folder_id: f, renew_option: 'donot', sync: 'yes' }), fixture('set_folder_renew_option.json'));
      for (const d of await members()) assert.deepStrictEqual([d.renewOption, d.autoRenew], ['donot', false], d.name);
      assertBody(await c.json('folder_list'), fixture('folder_list.json', {
        ...BLANK, FOLDER_ID: f, NAME: 'Services', NS_TYPE: 'Dynadot Hosting', RENEW_STATUS: 'enable', RENEW_OPTION: 'do not renew',
      }));

      await refused('set_folder_parking', { folder_id: f, with_ads: 'maybe' }, 'invalid with_ads: "maybe"');
      await refused('set_folder_forwarding', { folder_id: f }, 'missing forward_url param');
      await refused('set_folder_stealth', { folder_id: f, stealth_url: 'nowhere' }, 'invalid stealth_url: an http:// or https:// URL is required');
      await refused('set_folder_hosting', { folder_id: f, hosting_type: 'basic', mobile_view_on: 'yes' }, 'mobile_view_on can only be yes when hosting_type is advanced');
      await refused('set_folder_email_forward', { folder_id: f, forward_type: 'mx' }, 'missing mx_host0 param');
      await refused('set_folder_renew_option', { folder_id: f, renew_option: 'never' }, 'invalid renew_option: "never"');
      await refused('set_folder_renew_option', { folder_id: 999_999, renew_option: 'auto' }, 'could not find folder in your account');

      await succeeds('set_clear_folder_setting', { folder_id: f, service: 'email_forwarding' });
      await refused('set_clear_folder_setting', { folder_id: f, service: 'note' }, 'invalid service: "note"');
      await refused('set_clear_folder_setting', { service: 'dns' }, 'missing folder_id param');
      assertBody(await c.json('delete_folder', { folder_id: f }), fixture('delete_folder.json'));
    });

    test('set_folder_dns2 with sync=yes: regd\'s DNS serves the folder\'s records for every member (dig); set_folder_dns (legacy) too', async () => {
      const f = await create('DNS');
      for (const name of ['member1.com', 'member2.com']) assertBody(await c.json('set_folder', { domain: name, folder_id: f }), fixture('set_folder.json'));
      const example = { main_record_type0: 'aaaa', main_record0: '0:0:0:0:0:0:0:1' };
      await succeeds('set_folder_dns2', { folder_id: f, ...example });
      // Stored, not synced: the members are as they were.
      assert.equal((await domain('member1.com')).serviceMode, 'hosting');

      assertBody(await c.json('set_folder_dns2', {
        folder_id: f, main_record_type0: 'a', main_record0: '192.0.2.10', subdomain0: 'www', sub_record_type0: 'a', sub_record0: '192.0.2.11', ttl: 300, sync: 'yes', enable: 'yes',
      }), fixture('set_folder_dns2.json'));
      for (const name of ['member1.com', 'member2.com']) {
        assert.equal((await domain(name)).serviceMode, 'regd_dns');
        await digs(name, 'A', ['192.0.2.10']);
        await digs(`www.${name}`, 'A', ['192.0.2.11']);
      }
      await digs('outside.com', 'A', []);
      // A domain moved in later takes the enabled template.
      assertBody(await c.json('set_folder', { domain: 'outside.com', folder_id: f }), fixture('set_folder.json'));
      await digs('www.outside.com', 'A', ['192.0.2.11']);

      // Legacy: one main record, the IPv4 beside it, mail hosts.
      assertBody(await c.xml('set_folder_dns', { folder_id: f, ...{ main_record_type: 'aaaa', main_record: '0:0:0:0:0:0:0:1' } }), fixture('set_folder_dns.xml'));
      assertBody(await c.json('set_folder_dns', {
        folder_id: f, main_record_type: 'aaaa', main_record: '2001:db8::5', main_record2: '192.0.2.5', mx_host0: 'mail.example.net', sync: 'yes',
      }), fixture('set_folder_dns.json'));
      await digs('member2.com', 'AAAA', ['2001:db8::5']);
      await digs('member2.com', 'A', ['192.0.2.5']);
      await digs('member2.com', 'MX', ['0 mail.example.net.']);
      await digs('www.member2.com', 'A', []);

      await refused('set_folder_dns2', { folder_id: f }, 'missing main_record_type0 param');
      await refused('set_folder_dns2', { folder_id: f, main_record_type0: 'a', main_record0: '192.0.2.1', sub_record_type0: 'a', sub_record0: '192.0.2.2' }, 'missing subdomain0 param');
      await refused('set_folder_dns', { folder_id: f, main_record_type: 'a', main_record: '192.0.2.1', main_record2: '192.0.2.2' }, 'main_record2 can only be used when main_record_type is aaaa');
      await succeeds('set_clear_folder_setting', { folder_id: f, service: 'dns' });
      assertBody(await c.json('folder_list'), fixture('folder_list.json', { ...BLANK, FOLDER_ID: f, NAME: 'DNS' }));
    });
  });
}
