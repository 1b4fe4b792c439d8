/**
 * regd as a hidden primary for real secondaries:
 * - NSD pulls the hosted zone and the .com zone by AXFR, then after a
 *   change made through the engine, regd's NOTIFY makes it fetch the
 *   difference by IXFR and answer the new data;
 * - Knot, configured with nothing but the catalog zone, provisions every
 *   served zone from it, and a domain registered later appears on Knot by
 *   itself.
 * - kdig transfers with TSIG; an unsigned or wrongly signed transfer is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestEngine, type TestEngine } from '../support/backends.ts';
import { addRecord, registerDomain } from '../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { buildZoneFixture, type ZoneFixture } from './support/zones.ts';
import { freePort, startKnotCatalogSecondary, startNsd, type Peer } from './support/peers.ts';
import { dig, kdig, section, status } from './support/dig.ts';
import { waitFor } from './support/client.ts';

const TSIG = { name: 'regd-xfr', algorithm: 'hmac-sha256' as const, secret: Buffer.from('a shared secret for the tests!!!').toString('base64') };

let engine: TestEngine;
let fixture: ZoneFixture;
let regd: RunningDnsServer;
const peers: Peer[] = [];
let nsdPort: number;
let knotPort: number;

before(async () => {
  engine = await openTestEngine('pglite');
  fixture = await buildZoneFixture(engine);
  // The secondaries' ports are chosen first, so regd can NOTIFY them.
  nsdPort = await freePort();
  knotPort = await freePort();
  regd = await startDnsServer({
    engine,
    config: {
      port: 0, pollIntervalMs: 20, tsigKeys: [TSIG],
      secondaries: [{ address: '127.0.0.1', port: nsdPort }, { address: '127.0.0.1', port: knotPort }],
    },
  });
});
after(async () => {
  for (const p of peers) await p.stop();
  await regd?.close();
  await engine?.store.close();
});

describe('NSD secondary', () => {
  let nsd: Peer;
  before(async () => {
    const primary = `127.0.0.1@${regd.tcpPort}`;
    nsd = await startNsd([{ name: 'example.com', primary }, { name: 'com', primary }], { probeZone: 'example.com', port: nsdPort });
    peers.push(nsd);
  });

  test('pulls the zones by AXFR and answers from them', async () => {
    await waitFor('NSD to load example.com', async () => status(await dig(nsd.port, 'www.example.com', 'A')) === 'NOERROR', 15_000, 100);
    assert.deepEqual(section(await dig(nsd.port, 'www.example.com', 'A'), 'ANSWER').sort(), ['www.example.com. 3600 IN A 192.0.2.2', 'www.example.com. 3600 IN A 192.0.2.3']);
    await waitFor('NSD to load com', async () => section(await dig(nsd.port, 'www.custom.com', 'A'), 'AUTHORITY').length === 2, 15_000, 100);
    assert.ok(regd.metrics.transfers.axfr >= 2, 'regd served AXFR');
  });

  test('after a change through the engine, NOTIFY + IXFR bring the new data', async () => {
    const ixfrBefore = regd.metrics.transfers.ixfr;
    await engine.run(addRecord, { name: 'example.com', record: { type: 'A', name: 'notified', value: '192.0.2.123' } }, { actor: fixture.account.actor });
    const ms = await waitFor('NSD to answer the new record', async () => section(await dig(nsd.port, 'notified.example.com', 'A'), 'ANSWER').length === 1, 15_000, 50);
    assert.deepEqual(section(await dig(nsd.port, 'notified.example.com', 'A'), 'ANSWER'), ['notified.example.com. 3600 IN A 192.0.2.123']);
    assert.ok(regd.metrics.transfers.ixfr > ixfrBefore, 'the secondary caught up by IXFR from the journal');
    assert.ok(regd.metrics.notify.acked > 0, 'NOTIFY was answered');
    assert.ok(ms < 15_000);
  });
});

describe('Knot secondary from the catalog zone', () => {
  let knot: Peer;
  before(async () => {
    knot = await startKnotCatalogSecondary({ host: '127.0.0.1', port: regd.tcpPort }, regd.options.catalogZone, { port: knotPort });
    peers.push(knot);
  });

  test('provisions every served zone from the catalog alone', async () => {
    await waitFor('Knot to serve example.com', async () => status(await dig(knot.port, 'www.example.com', 'A')) === 'NOERROR', 20_000, 100);
    await waitFor('Knot to serve com', async () => section(await dig(knot.port, 'www.custom.com', 'A'), 'AUTHORITY').length === 2, 20_000, 100);
  });

  test('a domain registered later is provisioned by itself', async () => {
    await engine.run(registerDomain, { name: 'brandnew.com' }, { actor: fixture.account.actor });
    await engine.run(addRecord, { name: 'brandnew.com', record: { type: 'A', name: 'www', value: '192.0.2.201' } }, { actor: fixture.account.actor });
    await waitFor('Knot to serve brandnew.com', async () => section(await dig(knot.port, 'www.brandnew.com', 'A'), 'ANSWER').length === 1, 20_000, 100);
    assert.deepEqual(section(await dig(knot.port, 'www.brandnew.com', 'A'), 'ANSWER'), ['www.brandnew.com. 3600 IN A 192.0.2.201']);
  });
});

describe('TSIG and the transfer ACL', () => {
  test('a TSIG-signed AXFR is served and verified by kdig', async () => {
    const out = await kdig(regd.tcpPort, '-y', `hmac-sha256:${TSIG.name}:${TSIG.secret}`, 'example.com', 'AXFR');
    assert.match(out, /example\.com\.\s+3600\s+IN\s+SOA/);
    assert.doesNotMatch(out, /failed|BADSIG|BADKEY/i);
  });

  test('a wrong key is answered NOTAUTH with BADKEY; a wrong secret with BADSIG', async () => {
    const badKey = await kdig(regd.tcpPort, '-y', `hmac-sha256:other-key:${TSIG.secret}`, 'example.com', 'AXFR');
    assert.match(badKey, /NOTAUTH|BADKEY/);
    const badSig = await kdig(regd.tcpPort, '-y', `hmac-sha256:${TSIG.name}:${Buffer.from('another secret of some length!!').toString('base64')}`, 'example.com', 'AXFR');
    assert.match(badSig, /NOTAUTH|BADSIG/);
    assert.doesNotMatch(badSig, /IN\s+SOA/);
  });

  test('a TSIG-signed query gets a signed answer', async () => {
    const out = await kdig(regd.udpPort, '-y', `hmac-sha256:${TSIG.name}:${TSIG.secret}`, 'www.example.com', 'A');
    assert.match(out, /192\.0\.2\.2/);
    assert.match(out, /TSIG PSEUDOSECTION/);
    assert.doesNotMatch(out, /failed|BADSIG/i);
  });
});

describe('transfer ACL', () => {
  test('a server that requires TSIG refuses an unsigned AXFR', async () => {
    const strict = await startDnsServer({ engine, config: { port: 0, tsigKeys: [TSIG], xfrRequireTsig: true } });
    try {
      const out = await dig(strict.tcpPort, 'example.com', 'AXFR');
      assert.match(out, /Transfer failed|REFUSED/);
      const signed = await kdig(strict.tcpPort, '-y', `hmac-sha256:${TSIG.name}:${TSIG.secret}`, 'example.com', 'AXFR');
      assert.match(signed, /IN\s+SOA/);
    } finally {
      await strict.close();
    }
  });

  test('an address outside the ACL is refused', async () => {
    const closed = await startDnsServer({ engine, config: { port: 0, xfrAllow: ['192.0.2.0/24'] } });
    try {
      const out = await dig(closed.tcpPort, 'example.com', 'AXFR');
      assert.match(out, /Transfer failed|REFUSED/);
    } finally {
      await closed.close();
    }
  });
});
