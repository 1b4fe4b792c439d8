/**
 * The server on real sockets, driven by the clients people use: dig and
 * kdig over UDP and TCP, one behaviour per test. The zones come from the
 * engine's flows; a change made through a flow must be answered within
 * 100 ms; the DNS counters appear in a Prometheus registry.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { openTestEngine, type TestEngine } from '../support/backends.ts';
import { addRecord, days, modifyDomain, registerDomain } from '../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { buildZoneFixture, type ZoneFixture } from './support/zones.ts';
import { dig, flags, kdig, section, status } from './support/dig.ts';
import { decode, query, sendUdpMany, waitFor } from './support/client.ts';

let engine: TestEngine;
let fixture: ZoneFixture;
let server: RunningDnsServer;
let port: number;
const registry = new Registry();

before(async () => {
  engine = await openTestEngine('pglite');
  fixture = await buildZoneFixture(engine);
  server = await startDnsServer({ engine, config: { port: 0, pollIntervalMs: 20 }, metricsRegistry: registry });
  port = server.udpPort;
  assert.equal(server.tcpPort, server.udpPort, 'UDP and TCP share the port');
});
after(async () => {
  await server?.close();
  await engine?.store.close();
});

describe('answers over UDP and TCP', () => {
  test('an existing name: NOERROR, AA, the RRset, the question in the asker\'s case', async () => {
    const out = await dig(port, 'WwW.ExAmPlE.CoM', 'A');
    assert.equal(status(out), 'NOERROR');
    assert.deepEqual(flags(out), ['qr', 'aa']);
    assert.deepEqual(section(out, 'ANSWER').sort(), ['WwW.ExAmPlE.CoM. 3600 IN A 192.0.2.2', 'WwW.ExAmPlE.CoM. 3600 IN A 192.0.2.3']);
    const tcp = await kdig(port, '+tcp', 'www.example.com', 'AAAA');
    assert.match(tcp, /www\.example\.com\.\s+3600\s+IN\s+AAAA\s+2001:db8::2/);
    assert.match(tcp, /TCP/);
  });

  test('NXDOMAIN and NODATA: SOA in authority with the negative TTL (SOA MINIMUM 300)', async () => {
    const nx = await dig(port, 'nothing.example.com', 'A');
    assert.equal(status(nx), 'NXDOMAIN');
    assert.ok(flags(nx).includes('aa'));
    assert.deepEqual(section(nx, 'AUTHORITY'), ['example.com. 300 IN SOA ns1.regd.test. hostmaster.regd.test. 2026011501 3600 600 1209600 300']);
    const nodata = await dig(port, 'www.example.com', 'MX');
    assert.equal(status(nodata), 'NOERROR');
    assert.deepEqual(section(nodata, 'ANSWER'), []);
    assert.equal(section(nodata, 'AUTHORITY').length, 1);
    const ent = await dig(port, 'a.b.example.com', 'A');
    assert.equal(status(ent), 'NOERROR', 'an empty non-terminal exists');
  });

  test('referral from the .com zone: no AA, NS in authority, glue from the host object', async () => {
    const out = await dig(port, 'www.custom.com', 'A');
    assert.equal(status(out), 'NOERROR');
    assert.deepEqual(flags(out), ['qr']);
    assert.deepEqual(section(out, 'AUTHORITY').sort(), ['custom.com. 3600 IN NS ns1.custom.com.', 'custom.com. 3600 IN NS ns2.provider.example.']);
    assert.deepEqual(section(out, 'ADDITIONAL').sort(), ['ns1.custom.com. 3600 IN A 198.51.100.53', 'ns1.custom.com. 3600 IN AAAA 2001:db8:53::1']);
    const hosted = await dig(port, 'example.com', 'NS', '@127.0.0.1');
    assert.ok(flags(hosted).includes('aa'), 'the hosted zone itself answers for its apex');
  });

  test('CNAME chain inside the zone and a wildcard synthesizing the asked name', async () => {
    const chain = await kdig(port, 'chain1.example.com', 'A');
    assert.match(chain, /chain1\.example\.com\.\s+3600\s+IN\s+CNAME\s+chain2\.example\.com\.[\s\S]*chain2\.example\.com\.\s+3600\s+IN\s+CNAME\s+www\.example\.com\.[\s\S]*www\.example\.com\.\s+3600\s+IN\s+A\s+192\.0\.2\.2/);
    const wild = await dig(port, 'Some.Thing.dev.example.com', 'TXT');
    assert.deepEqual(section(wild, 'ANSWER'), ['Some.Thing.dev.example.com. 3600 IN TXT "wildcard"']);
  });

  test('REFUSED for a zone regd does not serve', async () => {
    const out = await dig(port, 'www.example.invalid', 'A');
    assert.equal(status(out), 'REFUSED');
    assert.ok(!flags(out).includes('aa'));
  });

  test('EDNS: OPT echoed with our payload size, DO echoed, BADVERS for version 1', async () => {
    const out = await dig(port, '+dnssec', '+bufsize=4096', 'www.example.com', 'A');
    assert.match(out, /EDNS: version: 0, flags: do; udp: 1232/);
    const bad = await dig(port, '+edns=1', '+noednsnegotiation', 'www.example.com', 'A');
    assert.equal(status(bad), 'BADVERS');
  });

  test('truncation: TC over UDP, the whole RRset over TCP (dig retries by itself)', async () => {
    const udp = await dig(port, '+ignore', 'big.example.com', 'TXT');
    assert.ok(flags(udp).includes('tc'));
    const retried = await dig(port, 'big.example.com', 'TXT');
    assert.match(retried, /Truncated, retrying in TCP mode/);
    assert.equal(section(retried, 'ANSWER').length, 12);
  });

  test('ANY (RFC 8482): one RRset over UDP, every RRset over TCP', async () => {
    const udp = await kdig(port, '+notcp', 'example.com', 'ANY');
    assert.equal((udp.match(/^example\.com\.\s+\d+\s+IN\s+/gm) ?? []).length, 1);
    const tcp = await kdig(port, '+tcp', 'example.com', 'ANY');
    assert.ok((tcp.match(/^example\.com\.\s+\d+\s+IN\s+/gm) ?? []).length >= 8);
  });

  test('CAA, SRV and a TXT of several strings are encoded as their RFCs say', async () => {
    const caa = await kdig(port, 'example.com', 'CAA');
    assert.match(caa, /CAA\s+0 issue "letsencrypt\.org"/);
    assert.match(caa, /CAA\s+128 iodef "mailto:security@example\.com"/);
    const srv = await kdig(port, '_sip._tcp.example.com', 'SRV');
    assert.match(srv, /SRV\s+10 60 5060 sip\.example\.com\./);
    const txt = await dig(port, 'long.example.com', 'TXT');
    const [record] = section(txt, 'ANSWER');
    assert.equal((record!.match(/"[0-9a-f]+"/g) ?? []).length, 2, '300 characters are two <character-string>s');
    const quoted = await dig(port, 'quote.example.com', 'TXT');
    assert.match(quoted, /"say \\"hi\\" \\\\ bye"/);
  });

  test('service modes: forwarding and parking publish the service addresses, e-mail forwarding its MX', async () => {
    assert.deepEqual(section(await dig(port, 'www.forwarded.com', 'A'), 'ANSWER'), ['www.forwarded.com. 3600 IN A 127.0.0.1']);
    assert.deepEqual(section(await dig(port, 'parked.net', 'MX'), 'ANSWER'), ['parked.net. 3600 IN MX 10 mx.regd.test.']);
    assert.deepEqual(section(await dig(port, 'ns2.regd.test', 'A'), 'ANSWER'), ['ns2.regd.test. 3600 IN A 127.0.0.2']);
  });

  test('malformed and unsupported requests: FORMERR, NOTIMP', async () => {
    const [formerr, notimp] = await sendUdpMany({ host: '127.0.0.1', port }, [
      Buffer.from('0001000000020000000000000000010001', 'hex'),
      (() => {
        const b = query('example.com', 'SOA');
        b.writeUInt16BE(5 << 11, 2);
        return b;
      })(),
    ]);
    assert.equal(decode(formerr!).rcode, 'FORMERR');
    assert.equal(decode(notimp!).rcode, 'NOTIMP');
  });
});

describe('changes', () => {
  // How soon is a benchmark figure (bench:dns, "record change → new answer"), not a timed assertion here.
  test('a record added through a flow is answered, with a new serial', async () => {
    const packet = query('fresh.example.com', 'A');
    const [before] = await sendUdpMany({ host: '127.0.0.1', port }, [packet]);
    assert.equal(decode(before!).rcode, 'NXDOMAIN');
    await engine.run(addRecord, { name: 'example.com', record: { type: 'A', name: 'fresh', value: '192.0.2.77' } }, { actor: fixture.account.actor });
    await waitFor('the new record', async () => {
      const [reply] = await sendUdpMany({ host: '127.0.0.1', port }, [packet], { timeoutMs: 200 });
      return reply !== undefined && (decode(reply).answers ?? []).some((a) => a.type === 'A' && a.data === '192.0.2.77');
    }, 5000, 5);
    // A query that saw the change may have met one copy of the index: wait until every answering process holds it.
    await server.answerers?.settled();
    const soa = await dig(port, 'example.com', 'SOA', '+short');
    assert.match(soa, / 2026011502 /, 'the serial moved');
  });

  test('a new domain is delegated in .com and served; switching to custom name servers turns it into a referral only', async () => {
    await engine.run(registerDomain, { name: 'newcomer.com' }, { actor: fixture.account.actor });
    await waitFor('newcomer.com served', async () => status(await dig(port, 'newcomer.com', 'SOA')) === 'NOERROR', 3000);
    await engine.run(modifyDomain, { name: 'newcomer.com', service: { nameServers: ['ns1.provider.example', 'ns2.provider.example'] } }, { actor: fixture.account.actor });
    await waitFor('newcomer.com referred', async () => !flags(await dig(port, 'newcomer.com', 'SOA')).includes('aa'), 3000);
    await server.answerers?.settled();
    const out = await dig(port, 'www.newcomer.com', 'A');
    assert.deepEqual(section(out, 'AUTHORITY').sort(), ['newcomer.com. 3600 IN NS ns1.provider.example.', 'newcomer.com. 3600 IN NS ns2.provider.example.']);
  });

  test('an expired domain stays delegated through auto-renew grace and leaves the zone in redemption', async () => {
    const d = (await engine.run(registerDomain, { name: 'shortlived.com', autoRenew: false }, { actor: fixture.account.actor })).domain;
    await waitFor('shortlived.com served', async () => status(await dig(port, 'shortlived.com', 'SOA')) === 'NOERROR', 3000);
    await server.answerers?.settled();
    engine.clock.set(new Date(new Date(d.expiresAt).getTime() + days(1)));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(status(await dig(port, 'shortlived.com', 'SOA')), 'NOERROR', 'expired, still in auto-renew grace');
    engine.clock.set(new Date(new Date(d.expiresAt).getTime() + days(46)));
    await waitFor('shortlived.com gone', async () => status(await dig(port, 'shortlived.com', 'SOA')) === 'NXDOMAIN', 3000);
    engine.clock.set('2026-01-15T10:00:00Z');
  });
});

test('metrics: queries by type and responses by rcode reach the registry', async () => {
  const text = await registry.metrics();
  assert.match(text, /regd_dns_queries_total\{qtype="A"\} \d+/);
  assert.match(text, /regd_dns_responses_total\{rcode="NXDOMAIN"\} \d+/);
  assert.match(text, /regd_dns_zones \d+/);
});
