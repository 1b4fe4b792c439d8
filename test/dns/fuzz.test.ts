/**
 * 100,000 random and mutated packets: valid queries with bytes flipped,
 * cut short or extended, counts inflated, compression pointers looping or
 * pointing forward, labels running past the end, OPT and TSIG records
 * mangled, and plain random bytes. Every packet goes through the query path
 * in-process (no exception, every reply a well-formed response to it), and
 * every packet is sent to the listening server over UDP, a share over TCP;
 * afterwards the server still answers valid questions exactly as before.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';
import { openTestEngine, type TestEngine } from '../support/backends.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { QueryProcessor } from '../../src/services/dns/query.ts';
import { DnsMetrics } from '../../src/services/dns/metrics.ts';
import { buildZoneFixture } from './support/zones.ts';
import { query, sendUdpMany, waitFor } from './support/client.ts';
import { generateQuestions } from './support/questions.ts';

const PACKETS = 100_000;
let engine: TestEngine;
let server: RunningDnsServer;

before(async () => {
  engine = await openTestEngine('pglite');
  await buildZoneFixture(engine);
  server = await startDnsServer({ engine, config: { port: 0, tsigKeys: [{ name: 'k', algorithm: 'hmac-sha256', secret: Buffer.alloc(32, 7).toString('base64') }] } });
});
after(async () => {
  await server?.close();
  await engine?.store.close();
});

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzPackets(seeds: readonly Buffer[], count: number, seed: number): Buffer<ArrayBufferLike>[] {
  const random = rng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const out: Buffer<ArrayBufferLike>[] = [];
  const tsigged = dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'example.com', type: 'AXFR' }], additionals: [{ name: 'k', type: 'TSIG' as never, class: 'ANY', ttl: 0, data: Buffer.from('0b686d61632d73686132353600', 'hex') } as never] });
  const mutators: ((b: Buffer) => Buffer<ArrayBufferLike>)[] = [
    (b) => { for (let i = 0, n = 1 + int(4); i < n; i++) b[int(b.length)] = int(256); return b; },
    (b) => b.subarray(0, int(b.length)),
    (b) => Buffer.concat([b, Buffer.from(Array.from({ length: int(64) }, () => int(256)))]),
    (b) => { if (b.length >= 12) b.writeUInt16BE(int(65536), 4 + 2 * int(4)); return b; },
    (b) => { if (b.length >= 14) { b[12] = 0xc0; b[13] = 12; } return b; }, // pointer to itself
    (b) => { if (b.length >= 14) { b[12] = 0xc0; b[13] = 200; } return b; }, // pointer forward / out of range
    (b) => { if (b.length >= 13) b[12] = 63; return b; }, // a label longer than the packet
    (b) => { if (b.length >= 13) b[12] = 0x40 | int(64); return b; }, // extended label type
    (b) => { const o = Buffer.from(b); if (o.length >= 4) o.writeUInt16BE(int(65536), 2); return o; }, // any flags, opcode, QR
    (b) => { const opt = Buffer.from([0, 0, 41, int(256), int(256), int(256), int(256), int(256), int(256), int(256), int(256)]); const o = Buffer.concat([b, opt]); if (o.length >= 12) o.writeUInt16BE(1 + int(3), 10); return o; },
    () => Buffer.from(Array.from({ length: int(600) }, () => int(256))),
    () => { const t = Buffer.from(tsigged); t[t.length - 1 - int(20)] = int(256); return t; },
    (b) => Buffer.concat(Array.from({ length: 1 + int(40) }, () => b)), // oversized
  ];
  for (let i = 0; i < count; i++) {
    const base = Buffer.from(seeds[int(seeds.length)]!);
    let p: Buffer<ArrayBufferLike> = base;
    for (let k = 0, n = 1 + int(3); k < n; k++) p = mutators[int(mutators.length)]!(Buffer.from(p));
    out.push(p);
  }
  return out;
}

test(`the server survives ${PACKETS.toLocaleString('en')} malformed packets and answers correctly afterwards`, async () => {
  const valid = generateQuestions(server.index, 300, 7).map((q) => q.packet);
  const target = { host: '127.0.0.1', port: server.udpPort };
  const reference = await sendUdpMany(target, valid);
  assert.ok(reference.every((r) => r !== undefined), 'every valid question answered before');

  const packets = fuzzPackets(valid, PACKETS, 99);
  // In-process: no packet may throw, and a reply is always a response with the query's ID.
  const processor = new QueryProcessor({ index: server.index, options: server.options, metrics: new DnsMetrics(), nowSeconds: () => Math.floor(Date.now() / 1000) });
  let replies = 0;
  for (const p of packets) {
    for (const transport of ['udp', 'tcp'] as const) {
      const out = processor.process(p, transport);
      if (out.kind !== 'reply') continue;
      replies++;
      assert.ok(out.bytes.length >= 12 && out.bytes.readUInt16BE(0) === p.readUInt16BE(0) && (out.bytes[2]! & 0x80) !== 0, 'a response to the query');
      if (transport === 'udp' && p.length >= 12) assert.ok(out.bytes.length <= Math.max(512, server.options.maxUdpPayload), 'within the UDP size');
      dnsPacket.decode(out.bytes);
    }
  }
  assert.ok(replies > PACKETS / 2, `${replies} replies`);

  // Over the wire: every packet over UDP (paced so the kernel buffers are not the thing under test), a share over TCP.
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  for (let i = 0; i < packets.length; i += 500) {
    await Promise.all(packets.slice(i, i + 500).map((p) => new Promise<void>((resolve) => socket.send(p, target.port, target.host, () => resolve()))));
    await new Promise((r) => setImmediate(r));
  }
  socket.close();
  for (let c = 0; c < 20; c++) {
    await new Promise<void>((resolve) => {
      const s = connect(server.tcpPort, '127.0.0.1', () => {
        for (const p of packets.slice(c * 200, c * 200 + 200)) {
          const frame = Buffer.alloc(2 + p.length);
          frame.writeUInt16BE(p.length & 0xffff);
          p.copy(frame, 2);
          s.write(frame);
        }
        s.end(Buffer.from([0xff, 0xff, 1, 2, 3])); // a frame announcing 65535 bytes that never come
      });
      s.on('data', () => {});
      s.on('error', () => resolve());
      s.on('close', () => resolve());
      setTimeout(() => s.destroy(), 2000);
    });
  }
  await waitFor('the server to drain its socket', async () => (await sendUdpMany(target, [query('www.example.com', 'A')], { timeoutMs: 300 }))[0] !== undefined, 10_000);

  const after = await sendUdpMany(target, valid);
  for (let i = 0; i < valid.length; i++) {
    assert.ok(after[i], `question ${i} answered after the fuzzing`);
    assert.deepEqual(after[i]!.subarray(2), reference[i]!.subarray(2), `question ${i} answered as before`);
  }
});
