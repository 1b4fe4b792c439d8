/**
 * Golden files (NSD's qfile habit): each block of test/dns/qfiles/*.qfile is
 * a question and the whole response regd must give, as dig-like text. The
 * questions run in-process through the query path (parse → answer() →
 * encode()) against the fixture zones built by the engine's flows, under a
 * fixed clock, so serials and TTLs are stable. A difference fails with
 * both texts; REGD_UPDATE_GOLDEN=1 rewrites the files (review the diff).
 *
 * Block syntax: `QUERY <name> <type> [+edns=N] [+do] [+tcp] [+class=N] [+opcode=N] [+rd] [+cd]`
 * or `QUERY raw <hex>` for a hand-made packet, then the expected lines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import { openTestEngine, type TestEngine } from '../support/backends.ts';
import { DnsMetrics } from '../../src/services/dns/metrics.ts';
import { loadPublishedZones, QueryProcessor, resolveDnsOptions } from '../../src/services/dns/index.ts';
import { buildZoneFixture } from './support/zones.ts';
import { renderResponse } from './support/render.ts';

const DIR = new URL('./qfiles/', import.meta.url).pathname;
const UPDATE = process.env.REGD_UPDATE_GOLDEN === '1';

interface Block {
  readonly query: string;
  readonly expected: string;
}

function readBlocks(text: string): Block[] {
  const blocks: { query: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('QUERY ')) blocks.push({ query: line.slice(6).trim(), lines: [] });
    else if (blocks.length > 0 && line.trim() !== '' && !line.startsWith('#')) blocks.at(-1)!.lines.push(line);
  }
  return blocks.map((b) => ({ query: b.query, expected: b.lines.join('\n') }));
}

export function packetFor(spec: string): { packet: Buffer; transport: 'udp' | 'tcp' } {
  const [first, second, ...opts] = spec.split(/\s+/);
  const tcp = opts.includes('+tcp');
  if (first === 'raw') return { packet: Buffer.from(second!, 'hex'), transport: tcp ? 'tcp' : 'udp' };
  const opt = (k: string) => opts.find((o) => o.startsWith(`+${k}=`))?.split('=')[1];
  let flags = (Number(opt('opcode') ?? 0) & 0xf) << 11;
  if (opts.includes('+rd')) flags |= dnsPacket.RECURSION_DESIRED;
  if (opts.includes('+cd')) flags |= dnsPacket.CHECKING_DISABLED;
  const edns = opt('edns');
  const packet = dnsPacket.encode({
    type: 'query', id: 4242, flags,
    questions: [{ name: first!, type: second as never, class: 'IN' }],
    ...(edns ? { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: Number(edns), flags: opts.includes('+do') ? dnsPacket.DNSSEC_OK : 0, options: [] } as never] } : {}),
  });
  const klass = opt('class');
  if (klass) packet.writeUInt16BE(Number(klass), 12 + dnsPacket.encodingLength({ questions: [{ name: first!, type: 'A' }] }) - 12 - 2);
  return { packet, transport: tcp ? 'tcp' : 'udp' };
}

let engine: TestEngine;
let processor: QueryProcessor;

before(async () => {
  engine = await openTestEngine('pglite');
  await buildZoneFixture(engine);
  const options = resolveDnsOptions({ port: 0 });
  const index = await loadPublishedZones(engine, options);
  processor = new QueryProcessor({ index, options, metrics: new DnsMetrics(), nowSeconds: () => 1_768_471_200 });
});
after(async () => engine?.store.close());

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.qfile')).sort()) {
  describe(file, () => {
    test('every answer equals its golden text', () => {
      const path = join(DIR, file);
      const text = readFileSync(path, 'utf8');
      const blocks = readBlocks(text);
      assert.ok(blocks.length > 0, 'the file has blocks');
      const actual = blocks.map((b) => {
        const { packet, transport } = packetFor(b.query);
        const out = processor.process(packet, transport);
        return out.kind === 'reply' ? renderResponse(out.bytes) : `;; (${out.kind})`;
      });
      if (UPDATE) {
        const header = text.split('\n').filter((l, i, all) => l.startsWith('#') && all.slice(0, i).every((x) => x.startsWith('#'))).join('\n');
        writeFileSync(path, `${header}\n\n${blocks.map((b, i) => `QUERY ${b.query}\n${actual[i]}\n`).join('\n')}`);
        return;
      }
      for (const [i, b] of blocks.entries()) assert.equal(actual[i], b.expected, `${file}: QUERY ${b.query}`);
    });
  });
}
