/**
 * Dynadot name server commands over real HTTP (spec §10, §15.4): get_ns
 * (XML, JSON, CSV), add_ns, register_ns, set_ns_ip, delete_ns,
 * delete_ns_by_domain and server_list, whole bodies against the seed's
 * examples, every refusal in the command's own envelope, and refusals
 * that change nothing. The hosts are the ones every dialect sees (a host
 * added here is a host of Freenom's nameserver/list too).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listHosts, registerDomain, setDomainNameServers, type Actor, type Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, dynadotAccount, fixture, type Client, type ParamMap } from './support.ts';

/** The legacy error envelope of a command, in XML and JSON. */
function legacyError(root: string, error: string): { xml: string; json: string } {
  return {
    xml: fixture('legacy-error.xml', { ROOT: root, ERROR: error.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') }),
    json: fixture('legacy-error.json', { ROOT: root, ERROR: JSON.stringify(error).slice(1, -1) }),
  };
}

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot name server commands`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let c: Client;
    let other: Client;
    let actor: Actor;

    /** Refused in both formats with this text, and nothing changed. */
    async function refused(command: string, root: string, params: ParamMap, error: string, who: Client = c): Promise<void> {
      const before = await snapshotTables(t.services.store.db);
      const want = legacyError(root, error);
      assertBody(await who.xml(command, params), want.xml);
      assertBody(await who.json(command, params), want.json);
      assert.deepStrictEqual(await snapshotTables(t.services.store.db), before, `${command} changed stored data`);
    }

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      const a = await dynadotAccount(engine, t.url);
      c = a.c;
      actor = a.actor;
      const b = await dynadotAccount(engine, t.url);
      other = b.c;
      await engine.run(registerDomain, { name: 'mydomain.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'delegated.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'theirs.com' }, { actor: b.actor });
    });
    after(() => t.close());

    const ids = { ext1: 0, ext2: 0, own1: 0, own2: 0 };

    /** add_ns / register_ns: the example's body with the new ServerId, which it returns. */
    async function created(command: 'add_ns' | 'register_ns', format: 'xml' | 'json', params: ParamMap, host: string): Promise<number> {
      const r = await c[format](command, params);
      const id = Number(/"?ServerId"?[>:]"?(\d+)/.exec(r.text)?.[1]);
      assert.ok(id > 0, r.text);
      assertBody(r, fixture(`${command}.${format}`, { HOST: host, ID: id }));
      return id;
    }

    test('server_list of an account without name servers: an empty List, an empty ServerList', async () => {
      assertBody(await c.xml('server_list'), fixture('server_list-empty.xml'));
      assertBody(await c.json('server_list'), fixture('server_list-empty.json'));
    });

    test('add_ns, register_ns, set_ns_ip, server_list: the examples\' bodies, the same hosts core lists', async () => {
      ids.ext1 = await created('add_ns', 'xml', { host: 'ns1.dns-host.io' }, 'ns1.dns-host.io');
      ids.ext2 = await created('add_ns', 'json', { host: 'NS2.Provider.IO' }, 'ns2.provider.io');
      ids.own1 = await created('register_ns', 'xml', { host: 'ns1.mydomain.com', ip: '192.168.1.1' }, 'ns1.mydomain.com');
      ids.own2 = await created('register_ns', 'json', { host: 'ns2.mydomain.com', ip: '10.0.0.2' }, 'ns2.mydomain.com');
      assert.deepStrictEqual([ids.ext2 - ids.ext1, ids.own1 - ids.ext1, ids.own2 - ids.ext1], [1, 2, 3]);
      assertBody(await c.xml('set_ns_ip', { server_id: ids.own1, ip0: '192.168.1.1', ip1: '1.1.1.1' }), fixture('set_ns_ip.xml'));
      // The document's "separated by commas": a comma list in one ip parameter works too.
      assertBody(await c.json('set_ns_ip', { server_id: ids.own2, ip0: '10.0.0.4,2001:db8::4' }), fixture('set_ns_ip.json'));
      const hosts = await engine.run(listHosts, {}, { actor });
      assert.deepStrictEqual(hosts.map((h) => [h.id, h.name, h.addresses]), [
        [ids.ext1, 'ns1.dns-host.io', []], [ids.ext2, 'ns2.provider.io', []],
        [ids.own1, 'ns1.mydomain.com', ['192.168.1.1', '1.1.1.1']], [ids.own2, 'ns2.mydomain.com', ['10.0.0.4', '2001:db8::4']],
      ]);
      assertBody(await c.xml('delete_ns', { server_id: `${ids.ext2},${ids.own2}` }), fixture('delete_ns.xml'));
      const list = { ID1: ids.ext1, NAME1: 'ns1.dns-host.io', ID2: ids.own1, NAME2: 'ns1.mydomain.com' };
      assertBody(await c.xml('server_list'), fixture('server_list.xml', list));
      assertBody(await c.json('server_list'), fixture('server_list.json', list));
      // Another account sees none of them.
      assertBody(await other.json('server_list'), fixture('server_list-empty.json'));
    });

    test('get_ns: regd\'s own name servers for a domain on Dynadot DNS, the delegation otherwise; XML, JSON and CSV', async () => {
      const own = t.services.config.dns.options.nameServers;
      assert.equal(own.length, 2);
      assertBody(await c.xml('get_ns', { domain: 'mydomain.com' }), fixture('get_ns.xml', { NS1: own[0]!, NS2: own[1]! }));
      assertBody(await c.json('get_ns', { domain: 'mydomain.com' }), fixture('get_ns.json', { NS1: own[0]!, NS2: own[1]! }));
      assertBody(await c.csv('get_ns', { domain: 'mydomain.com' }), fixture('get_ns.csv', { NS1: own[0]!, NS2: own[1]! }));
      await engine.run(setDomainNameServers, { name: 'delegated.com', nameServers: ['ns1.dns-host.io', 'ns1.mydomain.com'] }, { actor });
      assertBody(await c.xml('get_ns', { domain: 'delegated.com' }), fixture('get_ns.xml', { NS1: 'ns1.dns-host.io', NS2: 'ns1.mydomain.com' }));
      assertBody(await c.json('get_ns', { domain: 'DELEGATED.com' }), fixture('get_ns.json', { NS1: 'ns1.dns-host.io', NS2: 'ns1.mydomain.com' }));
      assertBody(await c.csv('get_ns', { domain: 'delegated.com' }), fixture('get_ns.csv', { NS1: 'ns1.dns-host.io', NS2: 'ns1.mydomain.com' }));
    });

    test('get_ns refusals: no domain, not the account\'s domain, a malformed name (CSV: error,…)', async () => {
      await refused('get_ns', 'GetNs', {}, 'missing domain param');
      await refused('get_ns', 'GetNs', { domain: 'theirs.com' }, 'could not find domain in your account');
      await refused('get_ns', 'GetNs', { domain: 'nope.com' }, 'could not find domain in your account');
      assertBody(await c.csv('get_ns', { domain: 'theirs.com' }), 'error,could not find domain in your account\n');
    });

    test('add_ns and register_ns refusals change nothing', async () => {
      await refused('add_ns', 'AddNs', {}, 'missing host param');
      await refused('add_ns', 'AddNs', { host: 'not a host' }, 'invalid name server format: not a host');
      await refused('add_ns', 'AddNs', { host: 'ns1.dns-host.io' }, 'name server ns1.dns-host.io already exists');
      // Under a domain of this registry a name server needs its IP: register_ns.
      await refused('add_ns', 'AddNs', { host: 'ns9.mydomain.com' }, 'an ip address is required for a name server under your domain');
      await refused('register_ns', 'RegisterNs', { host: 'ns9.mydomain.com' }, 'missing ip param');
      await refused('register_ns', 'RegisterNs', { ip: '1.2.3.4' }, 'missing host param');
      await refused('register_ns', 'RegisterNs', { host: 'ns9.theirs.com', ip: '1.2.3.4' }, 'you can only register name servers under your own domains');
      await refused('register_ns', 'RegisterNs', { host: 'ns9.elsewhere.io', ip: '1.2.3.4' }, 'an ip address can only be set for a name server under your domain');
      await refused('register_ns', 'RegisterNs', { host: 'ns9.mydomain.com', ip: '999999.1.1.1' }, 'invalid ip: a valid IPv4 or IPv6 address is required');
    });

    test('set_ns_ip refusals change nothing', async () => {
      await refused('set_ns_ip', 'SetNsIp', { ip0: '1.2.3.4' }, 'missing server_id param');
      await refused('set_ns_ip', 'SetNsIp', { server_id: ids.own1 }, 'missing ip0 param');
      await refused('set_ns_ip', 'SetNsIp', { server_id: 'x', ip0: '1.2.3.4' }, 'invalid server_id: "x"');
      await refused('set_ns_ip', 'SetNsIp', { server_id: 0, ip0: '1.2.3.4' }, 'could not find name server 0 in your account');
      await refused('set_ns_ip', 'SetNsIp', { server_id: 999999, ip0: '1.2.3.4' }, 'could not find name server 999999 in your account');
      await refused('set_ns_ip', 'SetNsIp', { server_id: ids.own1, ip0: '1.2.3.4' }, `could not find name server ${ids.own1} in your account`, other);
      await refused('set_ns_ip', 'SetNsIp', { server_id: ids.ext1, ip0: '1.2.3.4' }, 'an ip address can only be set for a name server under your domain');
      await refused('set_ns_ip', 'SetNsIp', { server_id: ids.own1, ip10: '1.2.3.4' }, 'too many ip values: at most 10 per request');
    });

    test('delete_ns and delete_ns_by_domain: all or nothing, in-use hosts refused', async () => {
      await refused('delete_ns', 'DeleteNs', {}, 'missing server_id param');
      await refused('delete_ns', 'DeleteNs', { server_id: `${ids.ext1},x` }, 'invalid server_id: "x"');
      // ns1.dns-host.io is delegated to by delegated.com: the whole list is refused.
      await refused('delete_ns', 'DeleteNs', { server_id: `${ids.own1},${ids.ext1}` }, 'name server ns1.mydomain.com is in use');
      await refused('delete_ns', 'DeleteNs', { server_id: '999999' }, 'could not find name server 999999 in your account');
      await refused('delete_ns_by_domain', 'DeleteNs', {}, 'missing server_domain param');
      await refused('delete_ns_by_domain', 'DeleteNs', { server_domain: 'ns1.mydomain.com' }, 'name server ns1.mydomain.com is in use');
      await refused('delete_ns_by_domain', 'DeleteNs', { server_domain: 'ns1.dns-host.io' }, 'could not find name server ns1.dns-host.io in your account', other);

      const five = await created('add_ns', 'xml', { host: 'ns5.example.io' }, 'ns5.example.io');
      await created('add_ns', 'json', { host: 'ns6.example.io' }, 'ns6.example.io');
      await created('add_ns', 'xml', { host: 'ns7.example.io' }, 'ns7.example.io');
      assertBody(await c.xml('delete_ns', { server_id: String(five) }), fixture('delete_ns.xml'));
      assertBody(await c.json('delete_ns_by_domain', { server_domain: 'ns6.example.io' }), fixture('delete_ns.json'));
      assertBody(await c.xml('delete_ns_by_domain', { server_domain: 'ns7.example.io' }), fixture('delete_ns.xml'));
      assertBody(await c.json('delete_ns', { server_id: String(five) }), legacyError('DeleteNs', `could not find name server ${five} in your account`).json);
      assert.deepStrictEqual((await engine.run(listHosts, {}, { actor })).map((h) => h.name), ['ns1.dns-host.io', 'ns1.mydomain.com']);
    });
  });
}
