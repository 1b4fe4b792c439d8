/**
 * TLD and catalog zones are patched, not rebuilt: after each change made
 * through the engine the zone in the index equals a zone built whole from
 * the store, and the IXFR of the change carries only its records. The IXFR
 * journal lives in the store: after a restart a secondary at a recent
 * serial still gets an IXFR, and no serial goes back; a change made while
 * the server was down breaks the chain (AXFR, RFC 1995 §4) but moves the
 * serial forward.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { BACKENDS, openTestEngine, type TestEngine } from '../support/backends.ts';
import { createHost, registerDomain, setDomainNameServers, setHostAddresses } from '../../src/core/index.ts';
import { exportZoneText, loadPublishedZones, resolveDnsOptions, startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import type { Zone } from '../../src/services/dns/zone.ts';
import { serialNewer } from '../../src/services/dns/xfr/transfer.ts';
import { buildZoneFixture, type ZoneFixture } from './support/zones.ts';
import { decode, sendTcp } from './support/client.ts';

const CONFIG = { port: 0, pollIntervalMs: 60_000 };

/** The zone's content apart from the SOA, one line per record, sorted. */
function content(zone: Zone | undefined): string[] {
  assert.ok(zone, 'the zone is served');
  return zone.records.slice(1).map((r) => `${r.name} ${r.ttl} ${r.type} ${r.key}`).sort();
}

function serialAt(answers: readonly dnsPacket.Answer[], i: number): number | undefined {
  return (answers[i] as { data?: { serial?: number } } | undefined)?.data?.serial;
}

async function ixfr(server: RunningDnsServer, zone: string, serial: number): Promise<dnsPacket.Answer[]> {
  const request = dnsPacket.encode({
    type: 'query', id: 9, flags: 0, questions: [{ name: zone, type: 'IXFR', class: 'IN' }],
    authorities: [{ name: zone, type: 'SOA', class: 'IN', ttl: 0, data: { mname: 'x.', rname: 'x.', serial, refresh: 0, retry: 0, expire: 0, minimum: 0 } }],
  });
  const messages = await sendTcp({ host: '127.0.0.1', port: server.tcpPort }, request, { count: 100, timeoutMs: 1000 });
  return messages.flatMap((m) => decode(m).answers ?? []);
}

for (const backend of BACKENDS) {
  describe(`${backend}: incremental TLD zones and the stored journal`, { timeout: 120_000 }, () => {
    let engine: TestEngine;
    let fixture: ZoneFixture;
    let server: RunningDnsServer;
    const as = () => ({ actor: fixture.account.actor });

    before(async () => {
      engine = await openTestEngine(backend);
      fixture = await buildZoneFixture(engine);
      server = await startDnsServer({ engine, config: CONFIG });
    });
    after(async () => {
      await server?.close();
      await engine?.store.close();
    });

    const sameAsWholeBuild = async (what: string) => {
      const whole = await loadPublishedZones(engine, resolveDnsOptions(CONFIG));
      for (const apex of ['com', 'catalog.regd.invalid']) assert.deepEqual(content(server.index.zone(apex)), content(whole.zone(apex)), `${what}: ${apex}`);
    };

    test('each change patches .com and the catalog to what a whole build gives, and its IXFR is just the change', async () => {
      const steps: [string, (() => Promise<unknown>)[]][] = [
        ['a new hosted domain', [() => engine.run(registerDomain, { name: 'fresh.com' }, as())]],
        ['a domain moved to outside name servers', [() => engine.run(setDomainNameServers, { name: 'fresh.com', nameServers: ['ns1.elsewhere.example', 'ns2.elsewhere.example'] }, as())]],
        ['an in-bailiwick host named by another domain', [
          () => engine.run(createHost, { name: 'ns1.fresh.com', addresses: ['198.51.100.77'] }, as()),
          () => engine.run(registerDomain, { name: 'glued.com' }, as()),
          () => engine.run(setDomainNameServers, { name: 'glued.com', nameServers: ['ns1.fresh.com', 'ns2.elsewhere.example'] }, as()),
        ]],
        ['the cut above that host goes away and comes back', [() => engine.run(setDomainNameServers, { name: 'fresh.com', nameServers: [] }, as())]],
        ['a glue address changed', [() => engine.run(setHostAddresses, { name: 'ns1.custom.com', addresses: ['198.51.100.99'] }, as())]],
      ];
      const changedRecords = (a: Zone, b: Zone) =>
        new Set(content(a).filter((l) => !content(b).includes(l))).size + new Set(content(b).filter((l) => !content(a).includes(l))).size;
      for (const [what, flows] of steps) {
        // Each commit is announced and published at once, with its own serial: the versions of .com this step went through.
        const versions = [server.index.zone('com')!];
        for (const flow of flows) {
          await flow();
          await server.refresh(); // waits for the announced tick, and polls once more
          const now = server.index.zone('com')!;
          if (now.serial !== versions.at(-1)!.serial) versions.push(now);
        }
        assert.ok(versions.length > 1 && serialNewer(versions.at(-1)!.serial, versions[0]!.serial), `${what}: .com got a new serial`);
        await sameAsWholeBuild(what);
        const diff = await ixfr(server, 'com', versions[0]!.serial);
        // SOA(new); per version: SOA(old), removed…, SOA(next), added…; SOA(new). A handful of records, not the zone.
        assert.equal(diff[0]?.type, 'SOA');
        assert.equal(serialAt(diff, 1), versions[0]!.serial, `${what}: an incremental transfer`);
        const expected = 2 + versions.slice(1).reduce((n, v, i) => n + 2 + changedRecords(versions[i]!, v), 0);
        assert.equal(diff.length, expected, `${what}: the IXFR carries exactly the changed records`);
      }
      assert.ok(server.index.zone('fresh.com') !== undefined, 'back on regd: its hosted zone is served again');
      assert.equal(server.index.zone('glued.com'), undefined, 'on its own name servers: no hosted zone');
    });

    test('an export carries the serials the running server publishes (read from the stored journal)', async () => {
      await server.refresh();
      for (const apex of ['com', 'catalog.regd.invalid', 'example.com']) {
        const text = await exportZoneText(engine, resolveDnsOptions(CONFIG), apex);
        const soa = /^\S+\s+\d+\s+IN\s+SOA\s+\S+\s+\S+\s+(\d+)\s/m.exec(text ?? '');
        assert.ok(soa, `${apex}: an SOA line in ${text?.slice(0, 200)}`);
        assert.equal(Number(soa[1]), server.index.zone(apex)!.serial, `${apex}: the exported serial`);
      }
      const rows = await engine.store.db.selectFrom('dns_journal').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await exportZoneText(engine, resolveDnsOptions(CONFIG), 'com');
      const again = await engine.store.db.selectFrom('dns_journal').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(again.n), Number(rows.n), 'an export writes nothing to the journal');
    });

    test('after a restart, IXFR from a serial published before it comes from the stored journal', async () => {
      const com = server.index.zone('com')!;
      const catalog = server.index.zone('catalog.regd.invalid')!;
      const older = (await ixfr(server, 'com', 0)).length; // unknown serial: the whole zone
      assert.ok(older > 4);
      await engine.run(setDomainNameServers, { name: 'glued.com', nameServers: [] }, as());
      await server.refresh();
      const beforeRestart = server.index.zone('com')!.serial;
      await server.close();

      server = await startDnsServer({ engine, config: CONFIG });
      assert.equal(server.index.zone('com')!.serial, beforeRestart, 'the same content keeps its serial');
      assert.equal(server.index.zone('catalog.regd.invalid')!.serial >= catalog.serial, true);
      const fallback = server.metrics.transfers.ixfrFallbackAxfr;
      const diff = await ixfr(server, 'com', com.serial);
      assert.equal(serialAt(diff, 1), com.serial, 'an IXFR, not the whole zone');
      assert.equal(server.metrics.transfers.ixfrFallbackAxfr, fallback);
      assert.ok(diff.length < 12, `${diff.length} records`);
    });

    test('a change made while the server is down: a newer serial, and AXFR for the old one', async () => {
      const last = server.index.zone('com')!.serial;
      await server.close();
      engine.clock.advance(1000);
      await engine.run(registerDomain, { name: 'whiledown.com' }, as());
      server = await startDnsServer({ engine, config: CONFIG });
      const now = server.index.zone('com')!;
      assert.ok(now.serial > last, `serial ${now.serial} after ${last}`);
      assert.ok(now.nodes.has('whiledown.com'));
      const fallback = server.metrics.transfers.ixfrFallbackAxfr;
      await ixfr(server, 'com', last);
      assert.equal(server.metrics.transfers.ixfrFallbackAxfr, fallback + 1, 'the chain does not reach the served zone: the whole zone');
    });
  });
}
