/**
 * WAPI golden fixtures over real HTTP: for every command the dialect serves,
 * in JSON and in XML, a success and a typical refusal, the seed's examples
 * (004, sent as printed with the `your ID` clTRID, broken braces repaired
 * where noted) and the transport refusals, each compared byte for byte with
 * a whole-body fixture in `fixtures/` (see golden-support.ts). They freeze
 * today's wire: a refactor of the dialect must leave every one unchanged.
 *
 * The clock is set to a fixed instant first, so dates are literal in the
 * fixtures; only timestamps, svTRIDs, order numbers and Prague date-times
 * are patterns, and handles and ids the test knows are variables.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addRecord, createContact, getAuthCode, registerDomain, setDomainNameServers, type Engine,
} from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { JACK } from '../../support/contacts.ts';
import { newContactOf, wapiAccount, type Wapi } from './domain-support.ts';
import { assertGolden, callRaw, formBody, postWapi, type Format } from './golden-support.ts';
import { sha1 } from './support.ts';

const FORMATS: readonly Format[] = ['json', 'xml'];
/** The instant the clock is set to before anything is created. */
const AT = '2040-01-15T10:00:00Z';
/** The seed's clTRID and consent. */
const SEED_ID = 'your ID';
const RULES = { fname: 'Name', lname: 'Surname' };

/** The seed's domains-list request exactly as printed (a trailing comma: not JSON). */
const SEED_DOMAINS_LIST_AS_PRINTED = `{
"request": {
"user": "your@login.tld",
"auth": "authentication string",
"command": "domains-list",
"clTRID": "your ID",
}
}`;

for (const backend of BACKENDS) {
  describe(`${backend}: WAPI golden fixtures`, { timeout: 300_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let holder: Wapi;
    const authOf = async (name: string) => (await engine.run(getAuthCode, { name }, { actor: holder.actor })).authCode;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      assert.equal((await ops(t.url, 'clock set', { at: AT })).status, 200);
      holder = await wapiAccount(engine, t.url);
      for (const name of ['golden-taken.cz', 'golden-foreign.com', ...FORMATS.flatMap((f) => [`golden-move-${f}.cz`, `golden-move-${f}.com`])]) {
        await engine.run(registerDomain, { name }, { actor: holder.actor });
      }
      assert.equal((await ops(t.url, 'clock advance', { duration: '61d' })).status, 200); // past the .com transfer lock after creation
    });
    after(async () => t.close());

    test('transport: malformed JSON (the seed\'s domains-list as printed), malformed XML, empty, unknown command, bad auth, unknown path', async () => {
      const w = await wapiAccount(engine, t.url);
      for (const f of FORMATS) {
        assertGolden(await postWapi(t.url, f, formBody(SEED_DOMAINS_LIST_AS_PRINTED)), `transport-malformed-json.${f}`);
        assertGolden(await postWapi(t.url, f, formBody('<request><user>x</user><command>ping</command>')), `transport-malformed-xml.${f}`);
        assertGolden(await postWapi(t.url, f, ''), `transport-empty.${f}`);
        assertGolden(await callRaw(w.client, f, 'teleport', undefined, { clTRID: 'golden-unknown' }), `transport-unknown-command.${f}`);
        assertGolden(await callRaw(w.client, f, 'ping', undefined, { clTRID: 'golden-auth', auth: sha1('wrong') }), `transport-bad-auth.${f}`);
      }
      assertGolden(await postWapi(t.url, 'json/extra', formBody('{}')), 'transport-unknown-path.json', {}, 404);
    });

    test('account commands: ping, ping-async, poll-req, poll-ack, contact-info, nsset-create, nsset-info', async () => {
      for (const f of FORMATS) {
        const F = f.toUpperCase();
        const w = await wapiAccount(engine, t.url);
        const c = w.client;
        assertGolden(await callRaw(c, f, 'ping', undefined, { clTRID: 'golden-ping' }), `ping.${f}`);

        assertGolden(await callRaw(c, f, 'ping-async', undefined, { clTRID: 'golden-async', test: 'maybe' }), `ping-async-2101.${f}`);
        assertGolden(await callRaw(c, f, 'poll-req'), `poll-req-1003.${f}`);
        const sent = await callRaw(c, f, 'ping-async', undefined, { clTRID: 'golden-async' });
        assertGolden(sent, `ping-async.${f}`);
        const sentTimestamp = Number(/"timestamp":(\d+)|<timestamp>(\d+)</.exec(sent.text)!.slice(1).find(Boolean));
        const sentSvTRID = /"svTRID":"([^"]+)"|<svTRID>([^<]+)</.exec(sent.text)!.slice(1).find(Boolean)!;
        const polled = await callRaw(c, f, 'poll-req', undefined, { clTRID: 'golden-poll' });
        const id = Number(/"id":(\d+)|<id>(\d+)</.exec(polled.text)!.slice(1).find(Boolean));
        assertGolden(polled, `poll-req.${f}`, { NOTIFY_TIMESTAMP: sentTimestamp, NOTIFY_SVTRID: sentSvTRID, NOTIFY_ID: id });
        assertGolden(await callRaw(c, f, 'poll-ack', { id }, { clTRID: 'golden-ack' }), `poll-ack.${f}`);
        assertGolden(await callRaw(c, f, 'poll-ack', { id }, { clTRID: 'golden-ack' }), `poll-ack-2151.${f}`);

        const jack = await engine.run(createContact, { ...JACK, address2: 'Suite 5', organization: 'Slater Ltd', companyNumber: '12345678', vatNumber: 'CZ12345678' }, { actor: w.actor });
        assertGolden(await callRaw(c, f, 'contact-info', { tld: 'cz', cname: jack.handle }, { clTRID: 'golden-contact' }), `contact-info.${f}`, { CONTACT: jack.handle });
        assertGolden(await callRaw(c, f, 'contact-info', { tld: 'cz', cname: 'REGD-C999999999' }, { clTRID: 'golden-contact' }), `contact-info-3229.${f}`);

        const dns = { server: [{ name: 'ns1.golden.example', addr_ipv4: '', addr_ipv6: '' }, { name: 'ns2.golden.example' }] };
        const nsset = { tld: 'cz', name: `GOLDEN-${F}`, dns, tech_c: jack.handle };
        assertGolden(await callRaw(c, f, 'nsset-create', nsset, { clTRID: 'golden-nsset' }), `nsset-create.${f}`);
        assertGolden(await callRaw(c, f, 'nsset-create', nsset, { clTRID: 'golden-nsset' }), `nsset-create-3245.${f}`);
        assertGolden(await callRaw(c, f, 'nsset-info', { tld: 'cz', name: `GOLDEN-${F}` }, { clTRID: 'golden-nsset' }), `nsset-info.${f}`, { CONTACT: jack.handle });
        assertGolden(await callRaw(c, f, 'nsset-info', { tld: 'cz', name: 'NO-SUCH-SET' }, { clTRID: 'golden-nsset' }), `nsset-info-3214.${f}`);
      }
    });

    test('domain commands: the seed\'s examples and a typical refusal of each', async () => {
      for (const f of FORMATS) {
        const w = await wapiAccount(engine, t.url);
        const c = w.client;
        const owner = (await newContactOf(engine, w)).handle;
        const admin = (await newContactOf(engine, w, { firstName: 'Eva', organization: '', email: 'eva@example.cz' })).handle;
        const vars = { OWNER: owner, ADMIN: admin };
        const seed = (command: string, data?: Record<string, unknown>) => callRaw(c, f, command, data, { clTRID: SEED_ID });

        // No domain yet: an empty list (XML: no phantom <domain></domain>).
        assertGolden(await seed('domains-list'), `domains-list-empty.${f}`);
        assertGolden(await seed('domain-check', { name: `golden-${f}.cz` }), `domain-check.${f}`);
        assertGolden(await seed('domain-check', { name: 'golden-taken.cz' }), `domain-check-3201.${f}`);

        // domain-create: the seed's two requests (WEDOS NSSET; own DNS, its stray brace removed), an asynchronous TLD, no owner_c.
        assertGolden(await seed('domain-create', { name: `golden-${f}.cz`, period: '1', nsset: 'WEDOS', owner_c: owner, admin_c: admin, rules: RULES }), `domain-create-nsset.${f}`);
        assertGolden(await seed('domain-create', {
          name: `golden-${f}.com`, period: '1', dns: { server1: { name: 'ns1.dns-provider.tld' }, server2: { name: 'ns2.dns-provider.tld' } }, owner_c: owner, admin_c: admin, rules: RULES,
        }), `domain-create-dns.${f}`);
        assertGolden(await seed('domain-create', { name: `golden-${f}.cn`, period: 1, dns: '', owner_c: owner, rules: RULES }), `domain-create-async.${f}`);
        assertGolden(await seed('domain-create', { name: `golden-other-${f}.com`, period: '1', dns: '', rules: RULES }), `domain-create-2204.${f}`);

        assertGolden(await seed('domains-list'), `domains-list.${f}`);
        assertGolden(await seed('domains-list', { status: 'bogus' }), `domains-list-2101.${f}`);

        assertGolden(await seed('domain-info', { name: `golden-${f}.cz` }), `domain-info.${f}`, vars);
        assertGolden(await seed('domain-info', { name: `golden-${f}.com` }), `domain-info-dns.${f}`, vars);
        assertGolden(await seed('domain-info', { name: 'golden-foreign.com' }), `domain-info-3223.${f}`);

        assertGolden(await seed('domain-renew', { name: `golden-${f}.com`, period: '1' }), `domain-renew.${f}`);
        assertGolden(await seed('domain-renew', { name: `golden-${f}.com`, period: '11' }), `domain-renew-2203.${f}`);

        // domain-update-ns: the seed's request names ns1.own-dns-server.tld twice (2210); with ns1 and ns2 it succeeds.
        const ownDns = (second: string) => ({ server1: { name: 'ns1.own-dns-server.tld' }, server2: { name: `${second}.own-dns-server.tld` } });
        assertGolden(await seed('domain-update-ns', { name: `golden-${f}.com`, dns: ownDns('ns1') }), `domain-update-ns-seed-2210.${f}`);
        assertGolden(await seed('domain-update-ns', { name: `golden-${f}.com`, dns: ownDns('ns2') }), `domain-update-ns.${f}`);

        assertGolden(await seed('domain-transfer-check', { name: `golden-move-${f}.cz` }), `domain-transfer-check.${f}`);
        assertGolden(await seed('domain-transfer-check', { name: `golden-${f}.cz` }), `domain-transfer-check-3218.${f}`);

        // domain-transfer: the seed's request as printed (rules outside data, no owner_c), then repaired: .cz at once, .com pending.
        const seedTransfer = { name: `golden-move-${f}.com`, auth_info: await authOf(`golden-move-${f}.com`), dns: { server1: { name: 'ns1.mydns.tld' }, server2: { name: 'ns2.mydns.tld' } } };
        assertGolden(await callRaw(c, f, 'domain-transfer', seedTransfer, { clTRID: SEED_ID, envelope: { rules: RULES } }), `domain-transfer-seed.${f}`);
        assertGolden(await seed('domain-transfer', { name: `golden-move-${f}.cz`, auth_info: 'Wrong-Auth-1', owner_c: owner, rules: RULES }), `domain-transfer-3227.${f}`);
        assertGolden(await seed('domain-transfer', { name: `golden-move-${f}.cz`, auth_info: await authOf(`golden-move-${f}.cz`), owner_c: owner, rules: RULES }), `domain-transfer.${f}`);
        assertGolden(await seed('domain-transfer', { ...seedTransfer, owner_c: owner, rules: RULES }), `domain-transfer-pending.${f}`);

        assertGolden(await seed('domain-send-auth-info', { name: `golden-${f}.cz` }), `domain-send-auth-info.${f}`);
        assertGolden(await seed('domain-send-auth-info', { name: 'golden-foreign.com' }), `domain-send-auth-info-3223.${f}`);

        assertGolden(await seed('domain-tld-period-check', { tld: 'cz', period: '1' }), `domain-tld-period-check.${f}`);
        assertGolden(await seed('domain-tld-period-check', { tld: 'cz', period: '11' }), `domain-tld-period-check-2203.${f}`);
      }
    });

    test('DNS commands: each one\'s success and a typical refusal', async () => {
      for (const f of FORMATS) {
        const w = await wapiAccount(engine, t.url);
        const c = w.client;
        const zone = `golden-dns-${f}.com`;
        const custom = `golden-custom-${f}.com`;
        await engine.run(registerDomain, { name: zone }, { actor: w.actor });
        await engine.run(registerDomain, { name: custom }, { actor: w.actor });
        await engine.run(setDomainNameServers, { name: custom, nameServers: ['ns1.elsewhere.example', 'ns2.elsewhere.example'] }, { actor: w.actor });
        const a = (await engine.run(addRecord, { name: zone, record: { type: 'A', name: 'www', value: '192.0.2.1', ttl: 600 } }, { actor: w.actor })).record.id;
        const mx = (await engine.run(addRecord, { name: zone, record: { type: 'MX', name: '@', value: 'mx1.example.net', priority: 10 } }, { actor: w.actor })).record.id;
        const vars = { ROW_A: String(a), ROW_MX: String(mx) };
        const dns = (command: string, data?: Record<string, unknown>) => callRaw(c, f, command, data, { clTRID: `golden-${command}` });

        assertGolden(await dns('dns-domains-list'), `dns-domains-list.${f}`);
        assertGolden(await callRaw(c, f, 'dns-domains-list', undefined, { clTRID: 'golden-dns-domains-list', auth: sha1('wrong') }), `dns-domains-list-2050.${f}`);
        assertGolden(await dns('dns-domain-info', { name: zone }), `dns-domain-info.${f}`);
        assertGolden(await dns('dns-domain-info', { name: custom }), `dns-domain-info-3222.${f}`);
        assertGolden(await dns('dns-rows-list', { domain: zone }), `dns-rows-list.${f}`, vars);
        assertGolden(await dns('dns-rows-list', { domain: 'golden-foreign.com' }), `dns-rows-list-3223.${f}`);
        assertGolden(await dns('dns-row-detail', { domain: zone, row_id: a }), `dns-row-detail.${f}`, vars);
        assertGolden(await dns('dns-row-detail', { domain: zone, row_id: 999999999 }), `dns-row-detail-3309.${f}`);
        assertGolden(await dns('dns-row-add', { domain: zone, name: '_acme-challenge', ttl: 300, type: 'TXT', rdata: 'token-1', auth_comment: 'lego' }), `dns-row-add.${f}`);
        assertGolden(await dns('dns-row-add', { domain: zone, name: 'www', ttl: 600, type: 'A', rdata: '192.0.2.1' }), `dns-row-add-2316.${f}`);
        assertGolden(await dns('dns-row-update', { domain: zone, row_id: a, ttl: 1200, rdata: '192.0.2.55' }), `dns-row-update.${f}`);
        assertGolden(await dns('dns-row-update', { domain: zone, row_id: a, ttl: 5, rdata: '192.0.2.55' }), `dns-row-update-2317.${f}`);
        assertGolden(await dns('dns-row-delete', { domain: zone, row_id: mx }), `dns-row-delete.${f}`);
        assertGolden(await dns('dns-row-delete', { domain: zone, row_id: mx }), `dns-row-delete-3309.${f}`);
        assertGolden(await dns('dns-domain-commit', { name: zone }), `dns-domain-commit.${f}`);
        assertGolden(await dns('dns-domain-commit', { name: custom }), `dns-domain-commit-3222.${f}`);
      }
    });
  });
}
