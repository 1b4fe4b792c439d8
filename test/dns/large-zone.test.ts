/**
 * A large hosted zone (TRACK_MIN_RECORDS records or more) is patched record
 * by record: after each add, update, staged change, commit and delete made
 * through the engine, the served zone equals a zone built whole from the
 * store, the answer changes, and its IXFR carries just the change (the
 * work of one change does not grow with the zone).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { sql } from 'kysely';
import { BACKENDS, openTestEngine, type TestEngine } from '../support/backends.ts';
import { addRecord, commitZone, deleteRecord, registerDomain, updateRecord } from '../../src/core/index.ts';
import { feedOf, loadPublishedZones, resolveDnsOptions, startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { TRACK_MIN_RECORDS } from '../../src/services/dns/store-mirror.ts';
import type { Zone } from '../../src/services/dns/zone.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { decode, query, sendTcp, sendUdpMany } from './support/client.ts';

const CONFIG = { port: 0, pollIntervalMs: 60_000 };
const APEX = 'large-zone.com';

function content(zone: Zone | undefined): string[] {
  assert.ok(zone, 'the zone is served');
  return zone.records.slice(1).map((r) => `${r.name} ${r.ttl} ${r.type} ${r.key}`).sort();
}

for (const backend of BACKENDS) {
  describe(`${backend}: a large hosted zone is patched record by record`, { timeout: 120_000 }, () => {
    let engine: TestEngine;
    let account: TestAccount;
    let server: RunningDnsServer;
    let wholeZoneReads = 0;

    before(async () => {
      engine = await openTestEngine(backend);
      account = await newAccount(engine, { depositEur: '100.00' });
      const { domain } = await engine.run(registerDomain, { name: APEX }, { actor: account.actor });
      await engine.run(addRecord, { name: APEX, record: { type: 'A', name: 'seed', value: '192.0.2.1' } }, { actor: account.actor });
      // The rest in SQL, as the flows write them (the zone's totals follow by trigger).
      await sql`insert into dns_records (domain_id, name, type, ttl, data, state, created_at, updated_at)
        select ${domain.id}, 'h' || g, 'A', 3600, '198.51.100.' || (g % 250), 'live', now(), now() from generate_series(1, ${TRACK_MIN_RECORDS + 10}) g`.execute(engine.store.db);
      // The store read through a counter of whole-zone record reads: a patch reads just the records changed.
      const feed = feedOf(engine);
      const records = feed.source.records.bind(feed.source);
      const source = new Proxy(feed.source, {
        get(target, key) {
          if (key === 'records') {
            return (ids?: readonly number[]) => {
              if (ids !== undefined) wholeZoneReads += ids.length;
              return records(ids);
            };
          }
          const v = Reflect.get(target, key) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      server = await startDnsServer({ engine, feed: { ...feed, source }, config: CONFIG });
    });
    after(async () => {
      await server?.close();
      await engine?.store.close();
    });

    const answer = async (name: string): Promise<string[]> => {
      const [reply] = await sendUdpMany({ host: '127.0.0.1', port: server.udpPort }, [query(name, 'A')], { timeoutMs: 1000 });
      return (decode(reply!).answers ?? []).flatMap((a) => (a.type === 'A' ? [String(a.data)] : []));
    };

    const ixfrFrom = async (serial: number): Promise<string[]> => {
      const request = dnsPacket.encode({
        type: 'query', id: 9, flags: 0, questions: [{ name: APEX, type: 'IXFR', class: 'IN' }],
        authorities: [{ name: APEX, type: 'SOA', class: 'IN', ttl: 0, data: { mname: 'x.', rname: 'x.', serial, refresh: 0, retry: 0, expire: 0, minimum: 0 } }],
      });
      const messages = await sendTcp({ host: '127.0.0.1', port: server.tcpPort }, request, { count: 100, timeoutMs: 1000 });
      return messages.flatMap((m) => decode(m).answers ?? []).map((a) => `${a.name} ${a.type} ${a.type === 'SOA' || a.type === 'OPT' ? '' : String(a.data)}`.trim());
    };

    /** One change: then the served zone equals a whole build, and its IXFR is the SOAs around exactly `removed` and `added`. */
    const step = async (what: string, change: () => Promise<unknown>, removed: string[], added: string[]) => {
      const before = server.index.zone(APEX)!;
      await change();
      await server.refresh();
      const after = server.index.zone(APEX)!;
      const whole = await loadPublishedZones(engine, resolveDnsOptions(CONFIG));
      assert.deepEqual(content(after), content(whole.zone(APEX)), `${what}: the same as a whole build`);
      if (removed.length === 0 && added.length === 0) return;
      assert.notEqual(after.serial, before.serial, `${what}: a new serial`);
      const soa = `${APEX} SOA`;
      assert.deepEqual(await ixfrFrom(before.serial), [soa, soa, ...removed, soa, ...added, soa], `${what}: the IXFR is just the change`);
    };

    test('add, update, staged update and its commit, delete: each a patch equal to a whole build, answered, its IXFR just the change', async () => {
      assert.ok(server.index.zone(APEX)!.records.length > TRACK_MIN_RECORDS, 'the zone is large');
      // On PostgreSQL the first poll may reread the log from before the start (the oldest transaction of the cluster then still running).
      await server.refresh();
      const readsBefore = wholeZoneReads;
      let id = 0;
      await step('add', async () => {
        id = (await engine.run(addRecord, { name: APEX, record: { type: 'A', name: 'www', value: '203.0.113.1' } }, { actor: account.actor })).record.id;
      }, [], [`www.${APEX} A 203.0.113.1`]);
      assert.deepEqual(await answer(`www.${APEX}`), ['203.0.113.1']);
      await step('update', () => engine.run(updateRecord, { name: APEX, recordId: id, record: { type: 'A', name: 'www', value: '203.0.113.2' } }, { actor: account.actor }),
        [`www.${APEX} A 203.0.113.1`], [`www.${APEX} A 203.0.113.2`]);
      assert.deepEqual(await answer(`www.${APEX}`), ['203.0.113.2']);
      await step('a staged update (not published yet)', () => engine.run(updateRecord, { name: APEX, recordId: id, staged: true, record: { type: 'A', name: 'www', value: '203.0.113.3' } }, { actor: account.actor }), [], []);
      assert.deepEqual(await answer(`www.${APEX}`), ['203.0.113.2'], 'the published value until the commit');
      await step('its commit', () => engine.run(commitZone, { name: APEX }, { actor: account.actor }), [`www.${APEX} A 203.0.113.2`], [`www.${APEX} A 203.0.113.3`]);
      assert.deepEqual(await answer(`www.${APEX}`), ['203.0.113.3']);
      await step('delete', () => engine.run(deleteRecord, { name: APEX, recordId: id }, { actor: account.actor }), [`www.${APEX} A 203.0.113.3`], []);
      assert.deepEqual(await answer(`www.${APEX}`), []);
      assert.equal(wholeZoneReads, readsBefore, 'no change read the zone\'s records whole');
      await step('an apex MX (replaces e-mail forwarding\'s: rebuilt whole)', () => engine.run(addRecord, { name: APEX, record: { type: 'MX', name: '@', value: 'mx.example.net', priority: 10 } }, { actor: account.actor }),
        [], [`${APEX} MX {"preference":10,"exchange":"mx.example.net"}`].map((s) => s.replace(/\{.*\}/, '[object Object]')));
    });
  });
}
