/**
 * The response cache through the query processor: a repeated question is
 * answered from the cache with the asker's ID, flags and case; replacing a
 * zone makes its cached answers stale without touching another zone's; a
 * zone added or removed makes every cached answer stale.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { DnsIndex } from './dns-index.ts';
import { DnsMetrics } from './metrics.ts';
import { resolveDnsOptions } from './options.ts';
import { QueryProcessor } from './query.ts';
import { makeRr } from './rr.ts';
import { buildZone, type Zone } from './zone.ts';

const SOA = { mname: 'ns1.regd.test', rname: 'hostmaster.regd.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 300 };

function zone(apex: string, address: string, serial = 1): Zone {
  return buildZone({
    apex, kind: 'hosted',
    records: [makeRr(apex, 'SOA', 3600, { ...SOA, serial }), makeRr(apex, 'NS', 3600, 'ns1.regd.test'), makeRr(`www.${apex}`, 'A', 300, address)],
  });
}

function ask(p: QueryProcessor, name: string, id: number): dnsPacket.Packet {
  const out = p.process(dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type: 'A', class: 'IN' }] }), 'udp');
  assert.equal(out.kind, 'reply');
  return dnsPacket.decode((out as { bytes: Buffer }).bytes);
}

const addresses = (m: dnsPacket.Packet) => (m.answers ?? []).map((a) => (a as { data: string }).data);

describe('response cache', () => {
  const index = new DnsIndex();
  index.set(zone('one.test', '192.0.2.1'));
  index.set(zone('two.test', '192.0.2.2'));
  const metrics = new DnsMetrics();
  const p = new QueryProcessor({ index, options: resolveDnsOptions({ port: 0 }), metrics, nowSeconds: () => 0 });

  test('a repeated question is a copy with the asker\'s ID, RD flag and case', () => {
    const first = ask(p, 'www.one.test', 1);
    const again = ask(p, 'WWW.One.Test', 2);
    assert.equal(again.id, 2);
    assert.equal(again.questions?.[0]?.name, 'WWW.One.Test');
    assert.equal(again.answers?.[0]?.name, 'WWW.One.Test');
    assert.deepEqual(addresses(again), ['192.0.2.1']);
    assert.deepEqual({ ...again, id: 1, questions: first.questions, answers: again.answers?.map((a) => ({ ...a, name: 'www.one.test' })) }, first);
  });

  test('replacing a zone makes its answers stale, and only its', () => {
    ask(p, 'www.two.test', 3);
    index.set(zone('one.test', '192.0.2.11', 2));
    assert.deepEqual(addresses(ask(p, 'www.one.test', 4)), ['192.0.2.11']);
    assert.deepEqual(addresses(ask(p, 'www.two.test', 5)), ['192.0.2.2']);
    // The same zone object set again is not a change.
    index.set(index.zone('two.test')!);
    assert.ok(index.isCurrent(index.zone('two.test')!));
  });

  test('a zone added or removed makes every cached answer stale (a name may now fall in another zone)', () => {
    assert.deepEqual(addresses(ask(p, 'www.sub.two.test', 6)), []);
    index.set(zone('sub.two.test', '192.0.2.3'));
    assert.deepEqual(addresses(ask(p, 'www.sub.two.test', 7)), ['192.0.2.3']);
    const removed = index.zone('sub.two.test')!;
    index.delete('sub.two.test');
    assert.equal(index.isCurrent(removed), false);
    assert.equal((ask(p, 'www.sub.two.test', 8) as { rcode?: string }).rcode, 'NXDOMAIN');
  });

  test('thousands of questions (the table grows while it fills): each answered right again from the cache, in the asker\'s case; a replaced zone stale in the grown table', () => {
    const wild = new DnsIndex();
    const records = (address: string, serial: number) => [
      makeRr('many.test', 'SOA', 3600, { ...SOA, serial }), makeRr('many.test', 'NS', 3600, 'ns1.regd.test'), makeRr('*.many.test', 'A', 300, address),
    ];
    wild.set(buildZone({ apex: 'many.test', kind: 'hosted', records: records('192.0.2.50', 1) }));
    const q = new QueryProcessor({ index: wild, options: resolveDnsOptions({ port: 0 }), metrics: new DnsMetrics(), nowSeconds: () => 0 });
    const names = Array.from({ length: 6000 }, (_, i) => `host${i}.many.test`);
    names.forEach((name, i) => assert.deepEqual(addresses(ask(q, name, i % 65535)), ['192.0.2.50']));
    names.forEach((name, i) => {
      const again = ask(q, name.toUpperCase(), (i + 7) % 65535);
      assert.equal(again.id, (i + 7) % 65535);
      assert.equal(again.answers?.[0]?.name, name.toUpperCase());
      assert.deepEqual(addresses(again), ['192.0.2.50']);
    });
    wild.set(buildZone({ apex: 'many.test', kind: 'hosted', records: records('192.0.2.51', 2) }));
    for (const name of [names[0]!, names[2999]!, names[5999]!]) assert.deepEqual(addresses(ask(q, name, 1)), ['192.0.2.51']);
  });
});
