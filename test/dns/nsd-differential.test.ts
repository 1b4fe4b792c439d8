/**
 * Differential test against NSD: the zones regd serves are exported with
 * `regd dns export`'s code path, loaded into NSD (minimal-responses, as
 * regd answers), and a generated set of more than 10,000 questions —
 * existing names, NXDOMAIN, NODATA, wildcards, CNAME chains, delegations
 * and glue, every type, mixed case, EDNS on and off, DO set — goes to both
 * over UDP. Every pair of answers must agree in rcode, flags, EDNS and
 * sections (order-insensitive within an RRset). Both answer ANY over UDP
 * with one RRset (RFC 8482), so ANY is compared like any other type.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestEngine, type TestEngine } from '../support/backends.ts';
import { startDnsServer, exportZoneText, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { buildZoneFixture } from './support/zones.ts';
import { decode, query, sendUdpMany } from './support/client.ts';
import { startNsd, type Peer } from './support/peers.ts';
import { normalize } from './support/compare.ts';
import { generateQuestions, type GeneratedQuestion } from './support/questions.ts';

let engine: TestEngine;
let regd: RunningDnsServer;
let nsd: Peer;

before(async () => {
  engine = await openTestEngine('pglite');
  await buildZoneFixture(engine);
  regd = await startDnsServer({ engine, config: { port: 0 } });
  const zones = [];
  for (const apex of regd.index.apexes()) zones.push({ name: apex, text: (await exportZoneText(engine, regd.options, apex, regd.index))! });
  nsd = await startNsd(zones, { probeZone: 'example.com' });
});

after(async () => {
  await nsd?.stop();
  await regd?.close();
  await engine?.store.close();
});

test('regd and NSD give the same answers to 10,000+ generated questions', async () => {
  const questions = generateQuestions(regd.index, 10_500, 20260115);
  assert.ok(questions.length >= 10_000, `${questions.length} questions`);
  const packets = questions.map((q) => q.packet);
  const [ours, theirs] = await Promise.all([
    sendUdpMany({ host: '127.0.0.1', port: regd.udpPort }, packets, { window: 64 }),
    sendUdpMany({ host: '127.0.0.1', port: nsd.port }, packets, { window: 64 }),
  ]);
  const failures: string[] = [];
  let compared = 0;
  let anyChecked = 0;
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i]!;
    const a = ours[i];
    const b = theirs[i];
    if (!a || !b) {
      failures.push(`${describe(q)}: ${a ? '' : 'regd'} ${b ? '' : 'nsd'} did not answer`);
      continue;
    }
    const mine = normalize(decode(a));
    const ref = normalize(decode(b));
    compared++;
    if (q.type === 'ANY') anyChecked++;
    const same = mine.rcode === ref.rcode && mine.flags === ref.flags && mine.edns === ref.edns
      && (mine.flags.includes('flag_tc') || (
        JSON.stringify(mine.answer) === JSON.stringify(ref.answer) && JSON.stringify(mine.authority) === JSON.stringify(ref.authority)
        && JSON.stringify(mine.additional) === JSON.stringify(ref.additional) && JSON.stringify(mine.answerOrder) === JSON.stringify(ref.answerOrder)));
    if (!same) failures.push(`${describe(q)}\n regd ${JSON.stringify(mine)}\n nsd  ${JSON.stringify(ref)}`);
  }
  assert.ok(anyChecked > 0, 'ANY questions were compared');
  assert.equal(failures.length, 0, `${failures.length} of ${compared} answers differ; first ones:\n${failures.slice(0, Number(process.env.REGD_DIFF_SHOW ?? 15)).join('\n')}`);
});

function describe(q: GeneratedQuestion): string {
  return `${q.name} ${q.type}${q.edns === false ? ' noedns' : ` edns=${q.edns}${q.do ? ' do' : ''}`}`;
}

export { query };
