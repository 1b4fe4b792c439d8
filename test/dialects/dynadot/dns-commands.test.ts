/**
 * Dynadot DNS commands over real HTTP with regd's DNS server beside the API
 * (spec §7.1, §15.3, §17): set_dns2 replacing and appending (the records
 * are asked of the DNS server right after each call), the pseudo-types
 * forward / stealth / email landing on the domain's forwarding and e-mail
 * forwarding, get_dns in the shape ACME scripts parse and for parked,
 * delegated and forwarded domains, and every refusal in the command's own
 * envelope, changing nothing. set_domain_dnssec (undocumented) stores DS
 * or DNSKEY records through core.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getDomain, getDomainDnssec, modifyDomain, registerDomain, setDomainNameServers, type Actor, type Engine } from '../../../src/core/index.ts';
import { DNS_DEFAULTS, startDnsServer, type RunningDnsServer } from '../../../src/services/dns/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { MONEY_AND_DOMAIN_TABLES, snapshotTables } from '../../support/snapshot.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { dig, section, status } from '../../dns/support/dig.ts';
import { assertBody, dynadotAccount, fixture, type Client, type ParamMap } from './support.ts';

type RrType = 'A' | 'AAAA' | 'TXT' | 'MX' | 'SRV';

/** The tables a refusal must leave as they were (DNSSEC data included). */
const TABLES = [...MONEY_AND_DOMAIN_TABLES, 'dnssec_keys'];

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const jsonText = (s: string) => JSON.stringify(s).slice(1, -1);

/** The seed's set_dns2 example [L889]. */
const SEED_EXAMPLE: ParamMap = {
  main_record_type0: 'aaaa', main_record0: '0:0:0:0:0:0:0:1',
  main_record_type1: 'mx', main_record1: 'mail1.myisp.com', main_recordx1: '0',
  subdomain0: 'www', sub_record_type0: 'a', sub_record0: '192.168.1.1',
};

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot DNS commands`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let dns: RunningDnsServer;
    let c: Client;
    let other: Client;
    let actor: Actor;

    /** What regd's DNS server answers for name/type, asked with dig: record data strings, or the status when there are none. */
    async function served(name: string, type: RrType): Promise<string[]> {
      const out = await dig(dns.udpPort, name, type);
      const st = status(out);
      assert.ok(st, `no DNS answer for ${name} ${type}: ${out}`);
      const data = section(out, 'ANSWER').map((line) => line.split(' ')).filter((f) => f[3] === type).map((f) => {
        const rdata = f.slice(4).join(' ');
        if (type === 'TXT') return [...rdata.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')).join('');
        return rdata.replace(/\.$/, '');
      });
      return data.length > 0 ? data.sort() : [st];
    }

    /** The DNS server serves `want` (the publication is immediate; the server's change feed takes a moment). */
    async function serves(name: string, type: RrType, want: readonly string[]): Promise<void> {
      const start = performance.now();
      for (;;) {
        const last = await served(name, type);
        if (JSON.stringify(last) === JSON.stringify([...want].sort())) return;
        if (performance.now() - start > 5_000) assert.fail(`${name} ${type}: ${last.join(', ')}, want ${want.join(', ')}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }

    /** Refused in both formats with this text, and nothing changed. */
    async function refused(command: 'set_dns2' | 'get_dns' | 'set_domain_dnssec', params: ParamMap, error: string, who: Client = c): Promise<void> {
      const before = await snapshotTables(t.services.store.db, TABLES);
      assertBody(await who.xml(command, params), fixture(`${command}-error.xml`, { ERROR: xmlText(error) }));
      assertBody(await who.json(command, params), fixture(`${command}-error.json`, { ERROR: jsonText(error) }));
      assert.deepStrictEqual(await snapshotTables(t.services.store.db, TABLES), before, `${command} changed stored data`);
    }

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      dns = await startDnsServer({ engine, config: { host: '127.0.0.1', port: 0 } });
      const a = await dynadotAccount(engine, t.url);
      c = a.c;
      actor = a.actor;
      other = (await dynadotAccount(engine, t.url)).c;
      for (const name of ['domain1.com', 'acme.net', 'moved.org', 'forwarded.com', 'mail.com', 'parked.com', 'bare.com']) {
        await engine.run(registerDomain, { name }, { actor });
      }
      await engine.run(registerDomain, { name: 'theirs.com' }, { actor: (await dynadotAccount(engine, t.url)).actor });
      await engine.run(setDomainNameServers, { name: 'moved.org', nameServers: ['ns1.elsewhere.io', 'ns2.elsewhere.io'] }, { actor });
      await engine.run(modifyDomain, { name: 'parked.com', service: { parking: { withAds: true } } }, { actor });
    });
    after(async () => {
      await dns?.close();
      await t?.close();
    });

    test('set_dns2: the seed\'s example in XML and JSON, served at once; get_dns lists the records', async () => {
      assertBody(await c.xml('set_dns2', { domain: 'domain1.com', ...SEED_EXAMPLE }), fixture('set_dns2.xml'));
      await serves('www.domain1.com', 'A', ['192.168.1.1']);
      await serves('domain1.com', 'AAAA', ['::1']);
      await serves('domain1.com', 'MX', ['0 mail1.myisp.com']);
      assertBody(await c.json('set_dns2', { domain: 'domain1.com', ...SEED_EXAMPLE }), fixture('set_dns2.json'));
      assertBody(await c.xml('get_dns', { domain: 'domain1.com' }), fixture('get_dns-records.xml'));
      assertBody(await c.json('get_dns', { domain: 'DOMAIN1.com' }), fixture('get_dns-records.json'));
    });

    test('set_dns2 replaces the whole set; add_dns_to_current_setting=1 appends (the ACME flow)', async () => {
      assertBody(await c.json('set_dns2', { domain: 'acme.net', main_record_type0: 'a', main_record0: '1.2.3.4', subdomain0: 'www', sub_record_type0: 'a', sub_record0: '10.0.0.1' }), fixture('set_dns2.json'));
      await serves('www.acme.net', 'A', ['10.0.0.1']);
      // Replace: www is gone, the TTL applies to every record.
      const params = { domain: 'acme.net', ttl: 300, main_record_type0: 'a', main_record0: '1.2.3.4', subdomain0: '_acme-challenge', sub_record_type0: 'txt', sub_record0: 'token-one' };
      assertBody(await c.xml('set_dns2', params), fixture('set_dns2.xml'));
      await serves('www.acme.net', 'A', ['NXDOMAIN']);
      await serves('_acme-challenge.acme.net', 'TXT', ['token-one']);
      assertBody(await c.json('get_dns', { domain: 'acme.net' }), fixture('get_dns-acme.json', { SUBDOMAINS: '{"Subhost":"_acme-challenge","RecordType":"TXT","Value":"token-one"}' }));
      // Append: a second challenge next to the first, the main record kept.
      const add = { domain: 'acme.net', ttl: 300, add_dns_to_current_setting: 1, subdomain0: '_acme-challenge', sub_record_type0: 'txt', sub_record0: 'token-two' };
      assertBody(await c.json('set_dns2', add), fixture('set_dns2.json'));
      await serves('_acme-challenge.acme.net', 'TXT', ['token-one', 'token-two']);
      await serves('acme.net', 'A', ['1.2.3.4']);
      assertBody(await c.json('get_dns', { domain: 'acme.net' }), fixture('get_dns-acme.json', {
        SUBDOMAINS: '{"Subhost":"_acme-challenge","RecordType":"TXT","Value":"token-one"},{"Subhost":"_acme-challenge","RecordType":"TXT","Value":"token-two"}',
      }));
      // The same record again is a duplicate: refused, nothing changed.
      await refused('set_dns2', add, 'duplicate dns record');
    });

    test('set_dns2 on a delegated domain moves it to regd\'s name servers; get_ns follows', async () => {
      assertBody(await c.json('get_dns', { domain: 'moved.org' }), '{"GetDnsResponse":{"ResponseCode":0,"Status":"success","GetDns":{"NameServerSettings":{"Type":"Name Servers","NameServers":[{"ServerName":"ns1.elsewhere.io"},{"ServerName":"ns2.elsewhere.io"}]}}}}');
      // Appending to a domain that has no main record is refused (§17).
      await refused('set_dns2', { domain: 'moved.org', add_dns_to_current_setting: 1, main_record_type0: 'a', main_record0: '192.0.2.1' },
        'add_dns_to_current_setting needs a main record: the domain has none, set its dns without it first');
      assertBody(await c.xml('set_dns2', { domain: 'moved.org', main_record_type0: 'a', main_record0: '192.0.2.1' }), fixture('set_dns2.xml'));
      await serves('moved.org', 'A', ['192.0.2.1']);
      const own = t.services.config.dns.options.nameServers;
      assertBody(await c.xml('get_ns', { domain: 'moved.org' }), fixture('get_ns.xml', { NS1: own[0]!, NS2: own[1]! }));
    });

    test('forward and stealth main records: the domain\'s URL forwarding, as every dialect sees it', async () => {
      assertBody(await c.json('set_dns2', { domain: 'forwarded.com', main_record_type0: 'forward', main_record0: 'https://www.example.org/', main_recordx0: '1' }), fixture('set_dns2.json'));
      let d = await engine.run(getDomain, { name: 'forwarded.com' }, { actor });
      assert.deepStrictEqual([d.serviceMode, d.forwardUrl, d.forwardKind], ['forward', 'https://www.example.org/', 'permanent']);
      assertBody(await c.json('get_dns', { domain: 'forwarded.com' }), fixture('get_dns-type.json', { TYPE: 'URL Forwarding' }));
      await serves('forwarded.com', 'A', DNS_DEFAULTS.forwardAddresses);
      assertBody(await c.xml('set_dns2', { domain: 'forwarded.com', main_record_type0: 'stealth', main_record0: 'https://www.example.org/x', main_recordx0: 'My page' }), fixture('set_dns2.xml'));
      d = await engine.run(getDomain, { name: 'forwarded.com' }, { actor });
      assert.deepStrictEqual([d.serviceMode, d.forwardUrl, d.forwardKind, d.forwardTitle], ['stealth', 'https://www.example.org/x', 'cloak', 'My page']);
      assertBody(await c.json('get_dns', { domain: 'forwarded.com' }), fixture('get_dns-type.json', { TYPE: 'Stealth Forwarding' }));
      // A forwarded domain has its main record: e-mail aliases may be appended; DNS records may not.
      await refused('set_dns2', { domain: 'forwarded.com', add_dns_to_current_setting: 1, subdomain0: 'www', sub_record_type0: 'a', sub_record0: '192.0.2.9' },
        'a forward or stealth record can not be mixed with other dns records: regd forwards the whole domain');
      // Replacing with plain records ends the forwarding.
      assertBody(await c.json('set_dns2', { domain: 'forwarded.com', main_record_type0: 'a', main_record0: '192.0.2.8' }), fixture('set_dns2.json'));
      d = await engine.run(getDomain, { name: 'forwarded.com' }, { actor });
      assert.deepStrictEqual([d.serviceMode, d.forwardUrl], ['regd_dns', null]);
      await serves('forwarded.com', 'A', ['192.0.2.8']);
    });

    test('email main records: the domain\'s e-mail forwarding (MX to regd\'s mail exchangers); srv subdomain records', async () => {
      const params = {
        domain: 'mail.com', main_record_type0: 'a', main_record0: '192.0.2.7', main_record_type1: 'email', main_record1: 'me@example.org', main_recordx1: 'info',
        subdomain0: '_sip._tcp', sub_record_type0: 'srv', sub_record0: '10 20 5060 sip.example.org',
      };
      assertBody(await c.json('set_dns2', params), fixture('set_dns2.json'));
      assertBody(await c.json('set_dns2', { domain: 'mail.com', add_dns_to_current_setting: 1, main_record_type0: 'email', main_record0: 'sales@example.org', main_recordx0: 'sales' }), fixture('set_dns2.json'));
      const d = await engine.run(getDomain, { name: 'mail.com' }, { actor });
      assert.deepStrictEqual(d.emailForward, { type: 'forward', aliases: [{ user: 'info', to: 'me@example.org' }, { user: 'sales', to: 'sales@example.org' }] });
      await serves('mail.com', 'MX', DNS_DEFAULTS.mailExchangers.map((mx, i) => `${10 * (i + 1)} ${mx}`));
      await serves('_sip._tcp.mail.com', 'SRV', ['10 20 5060 sip.example.org']);
      assertBody(await c.json('get_dns', { domain: 'mail.com' }), fixture('get_dns-email.json'));
      await refused('set_dns2', { domain: 'mail.com', add_dns_to_current_setting: 1, main_record_type0: 'mx', main_record0: 'mx.example.org', main_recordx0: '5' },
        'email records can not be mixed with main mx records');
      // Replacing without email records ends the e-mail forwarding.
      assertBody(await c.xml('set_dns2', { domain: 'mail.com', main_record_type0: 'a', main_record0: '192.0.2.7' }), fixture('set_dns2.xml'));
      assert.deepStrictEqual((await engine.run(getDomain, { name: 'mail.com' }, { actor })).emailForward, { type: 'donot' });
      await serves('mail.com', 'MX', ['NOERROR']);
    });

    test('get_dns: the example\'s parked domain in XML and JSON; a zone without records', async () => {
      assertBody(await c.xml('get_dns', { domain: 'parked.com' }), fixture('get_dns.xml'));
      assertBody(await c.json('get_dns', { domain: 'parked.com' }), fixture('get_dns.json'));
      assertBody(await c.xml('get_dns', { domain: 'bare.com' }), fixture('get_dns-empty.xml'));
    });

    test('get_dns refusals', async () => {
      await refused('get_dns', {}, 'missing domain param');
      await refused('get_dns', { domain: 'theirs.com' }, 'could not find domain in your account');
      await refused('get_dns', { domain: 'bad_name!.com' }, 'invalid domain name format: bad_name!.com');
    });

    test('set_dns2 refusals: parameters, core\'s record checks, other accounts\' domains; all or nothing across domains', async () => {
      const a = { main_record_type0: 'a', main_record0: '192.0.2.1' };
      await refused('set_dns2', a, 'missing domain param');
      await refused('set_dns2', { domain: 'bare.com' }, 'missing main_record_type0 param');
      await refused('set_dns2', { domain: 'bare.com', main_record_type0: 'ptr', main_record0: 'x' }, 'invalid main_record_type0: "ptr"');
      await refused('set_dns2', { domain: 'bare.com', main_record_type0: 'a' }, 'missing main_record0 param');
      await refused('set_dns2', { domain: 'bare.com', main_record0: '192.0.2.1' }, 'missing main_record_type0 param');
      await refused('set_dns2', { domain: 'bare.com', main_record_type0: 'mx', main_record0: 'mx.example.org' }, 'missing main_recordx0 param');
      await refused('set_dns2', { domain: 'bare.com', main_record_type0: 'mx', main_record0: 'mx.example.org', main_recordx0: 'high' }, 'invalid main_recordx0: "high"');
      await refused('set_dns2', { domain: 'bare.com', main_record_type0: 'email', main_record0: 'me@example.org' }, 'missing main_recordx0 param');
      await refused('set_dns2', { domain: 'bare.com', main_record_type0: 'forward', main_record0: 'https://x.example/', main_recordx0: '3' }, 'invalid main_recordx0: "3"');
      await refused('set_dns2', { domain: 'bare.com', ...a, main_record_type20: 'a', main_record20: '192.0.2.2' }, 'too many main_record_type values: at most 20 per request');
      await refused('set_dns2', { domain: 'bare.com', subdomain0: 'www', sub_record_type0: 'forward', sub_record0: 'https://x.example/' },
        'invalid sub_record_type0: regd forwards the domain itself only; forward records are main records');
      await refused('set_dns2', { domain: 'bare.com', subdomain0: 'www', sub_record0: '192.0.2.1' }, 'missing sub_record_type0 param');
      await refused('set_dns2', { domain: 'bare.com', sub_record_type0: 'a', sub_record0: '192.0.2.1' }, 'missing subdomain0 param');
      await refused('set_dns2', { domain: 'bare.com', subdomain0: '_sip._tcp', sub_record_type0: 'srv', sub_record0: 'sip.example.org' },
        'invalid sub_record0: an srv record is "priority weight port target"');
      await refused('set_dns2', { domain: 'bare.com', ...a, main_record_type1: 'forward', main_record1: 'https://x.example/' },
        'a forward or stealth record can not be mixed with other dns records: regd forwards the whole domain');
      await refused('set_dns2', { domain: 'bare.com', main_record_type0: 'a', main_record0: '999.0.0.1' }, 'invalid record value: 999.0.0.1');
      await refused('set_dns2', { domain: 'bare.com', ...a, ttl: 5 }, 'invalid ttl');
      await refused('set_dns2', { domain: 'bare.com', ...a, ttl: 'soon' }, 'invalid ttl: "soon"');
      await refused('set_dns2', { domain: 'bare.com', ...a, add_dns_to_current_setting: 'maybe' }, 'invalid add_dns_to_current_setting: "maybe"');
      await refused('set_dns2', { domain: 'theirs.com', ...a }, 'could not find domain in your account');
      // The first domain would succeed; the second is not the caller's: neither changes.
      await refused('set_dns2', { domain: 'bare.com,theirs.com', ...a }, 'could not find domain in your account');
      await refused('set_dns2', { domain: 'bare.com', ...a }, 'could not find domain in your account', other);
      await serves('bare.com', 'A', ['NOERROR']);
    });

    test('set_domain_dnssec: a DS record, DNSKEY records (numbered), clear; the data core keeps', async () => {
      const digest = '2BB183AF5F22588179A53B0A98631FAD1A292118F5E8E1D8C1E4FF9D4D0A5C9E';
      const key = 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==';
      const stored = async () => (await engine.run(getDomainDnssec, { name: 'bare.com' }, { actor })).keys;
      assertBody(await c.xml('set_domain_dnssec', { domain: 'bare.com', key_tag: 20326, algorithm: 8, digest_type: 2, digest: digest.toLowerCase() }), fixture('set_domain_dnssec.xml'));
      assert.deepStrictEqual(await stored(), [{ kind: 'ds', keyTag: 20326, algorithm: 8, digestType: 2, digest }]);
      assertBody(await c.json('set_domain_dnssec', { domain: 'bare.com', flags0: 257, algorithm0: 13, public_key0: key, flags1: 256, protocol1: 3, algorithm1: 13, public_key1: key.slice(4) }),
        fixture('set_domain_dnssec.json'));
      assert.deepStrictEqual(await stored(), [
        { kind: 'dnskey', flags: 257, protocol: 3, algorithm: 13, publicKey: key },
        { kind: 'dnskey', flags: 256, protocol: 3, algorithm: 13, publicKey: key.slice(4) },
      ]);
      await refused('set_domain_dnssec', { domain: 'bare.com' }, 'missing algorithm param');
      await refused('set_domain_dnssec', { algorithm: 8 }, 'missing domain param');
      await refused('set_domain_dnssec', { domain: 'bare.com,acme.net', algorithm: 8 }, 'too many domain values: at most 1 per request');
      await refused('set_domain_dnssec', { domain: 'bare.com', algorithm: 8 }, 'missing key_tag param');
      await refused('set_domain_dnssec', { domain: 'bare.com', key_tag: 1, algorithm: 8, digest_type: 2 }, 'missing digest param');
      await refused('set_domain_dnssec', { domain: 'bare.com', key_tag: 1, algorithm: 8, digest_type: 2, digest: 'abcd' },
        'invalid digest: 64 hexadecimal digits are required for digest type 2');
      await refused('set_domain_dnssec', { domain: 'bare.com', key_tag: 1, algorithm: 4, digest_type: 2, digest },
        'invalid algorithm: one of 3, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16 is required');
      await refused('set_domain_dnssec', { domain: 'bare.com', key_tag: 'x', algorithm: 8, digest_type: 2, digest }, 'invalid key_tag: "x"');
      await refused('set_domain_dnssec', { domain: 'bare.com', key_tag: 1, flags: 257, algorithm: 8, digest_type: 2, digest },
        'a dnssec record is a DS record (key_tag, digest_type, digest) or a DNSKEY record (flags, public_key), not both');
      await refused('set_domain_dnssec', { domain: 'bare.com', flags: 255, algorithm: 13, public_key: key }, 'invalid flags: 256 (zone signing key) or 257 (key signing key) is required');
      await refused('set_domain_dnssec', { domain: 'bare.com', flags: 257, algorithm: 13, public_key: key, key_tag0: 1 },
        'give one dnssec record without numbers, or numbered records (key_tag0, digest0…), not both');
      await refused('set_domain_dnssec', { domain: 'bare.com', clear: 'yes', flags: 257, algorithm: 13, public_key: key }, 'clear=yes takes no dnssec records');
      await refused('set_domain_dnssec', { domain: 'theirs.com', flags: 257, algorithm: 13, public_key: key }, 'could not find domain in your account');
      assertBody(await c.xml('set_domain_dnssec', { domain: 'bare.com', clear: 'yes' }), fixture('set_domain_dnssec.xml'));
      assert.deepStrictEqual(await stored(), []);
    });
  });
}
