/**
 * The cost of one record change against the size of its zone (issue 16),
 * for bench/dns.ts: a zone of `size` records (seeded in SQL, rows as the
 * flows write them), then addRecord, updateRecord and deleteRecord through
 * the engine, one at a time: the median time of each flow, and of a change
 * from the call to the answer on a DNS worker (startDnsThreads, as `regd
 * serve` runs it). Embedded PGlite in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { addRecord, createAccount, createEngine, deleteRecord, depositFunds, loadPolicyBook, OPERATOR, registerDomain, SystemClock, updateRecord } from '../src/core/index.ts';
import { openStore } from '../src/store/index.ts';
import { startDnsThreads } from '../src/services/dns/index.ts';
import { decode, query, sendUdpMany } from '../test/dns/support/client.ts';

export interface ZoneSizeCost {
  readonly size: number;
  readonly addMs: number;
  readonly updateMs: number;
  readonly deleteMs: number;
  /** From the addRecord call to the answer on the DNS worker. */
  readonly answerMs: number;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function answers(port: number, name: string, value: string): Promise<boolean> {
  const [reply] = await sendUdpMany({ host: '127.0.0.1', port }, [query(name, 'A')], { timeoutMs: 200 });
  return reply !== undefined && (decode(reply).answers ?? []).some((a) => a.type === 'A' && a.data === value);
}

export async function zoneSizeCost(size: number, samples = 15): Promise<ZoneSizeCost> {
  const dir = mkdtempSync(join(tmpdir(), 'regd-bench-zone-'));
  const store = await openStore({ dataDir: dir });
  const engine = createEngine({ store, clock: new SystemClock(), policy: loadPolicyBook(), dnsLimits: { maxRecordsPerZone: 10_000_000, maxZoneBytes: 2 ** 31 - 1 } });
  const dns = { close: async () => undefined, udpPort: 0 } as { close(): Promise<void>; udpPort: number };
  try {
    const { account } = await engine.run(createAccount, { email: 'zone@example.test', password: 'bench password 1', firstName: 'Zone', lastName: 'Size' }, { actor: OPERATOR });
    await engine.run(depositFunds, { accountId: account.id, amount: '100.00', currency: 'EUR' }, { actor: OPERATOR });
    const actor = { kind: 'account', accountId: account.id } as const;
    const domain = (await engine.run(registerDomain, { name: 'big-zone.com' }, { actor })).domain;
    await engine.run(addRecord, { name: 'big-zone.com', record: { type: 'A', name: 'seed', value: '192.0.2.1' } }, { actor });
    await sql`
      insert into dns_records (domain_id, name, type, ttl, data, state, created_at, updated_at)
      select ${domain.id}, 'h' || g, 'A', 3600, '198.51.' || (g / 250 % 250) || '.' || (g % 250), 'live', now(), now()
      from generate_series(1, ${size - 1}) g`.execute(store.db);
    await sql`analyze dns_records`.execute(store.db);
    const started = await startDnsThreads({ engine, config: { port: 0 } });
    Object.assign(dns, { close: () => started.close(), udpPort: started.udpPort });
    const add: number[] = [];
    const upd: number[] = [];
    const del: number[] = [];
    const answer: number[] = [];
    for (let i = 0; i < samples; i++) {
      const value = `203.0.113.${i + 1}`;
      let t = performance.now();
      const { record } = await engine.run(addRecord, { name: 'big-zone.com', record: { type: 'A', name: `new${i}`, value } }, { actor });
      add.push(performance.now() - t);
      while (!(await answers(started.udpPort, `new${i}.big-zone.com`, value))) await new Promise((r) => setTimeout(r, 1));
      answer.push(performance.now() - t);
      t = performance.now();
      const changed = await engine.run(updateRecord, { name: 'big-zone.com', recordId: record.id, record: { type: 'A', name: `new${i}`, value: '203.0.113.200' } }, { actor });
      upd.push(performance.now() - t);
      t = performance.now();
      await engine.run(deleteRecord, { name: 'big-zone.com', recordId: changed.record.id }, { actor });
      del.push(performance.now() - t);
    }
    return { size, addMs: median(add), updateMs: median(upd), deleteMs: median(del), answerMs: median(answer) };
  } finally {
    await dns.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const size of (process.argv[2] ?? '10,100000').split(',').map(Number)) {
    const c = await zoneSizeCost(size);
    process.stdout.write(`${size.toLocaleString('en')} records: add ${c.addMs.toFixed(1)} ms, update ${c.updateMs.toFixed(1)} ms, delete ${c.deleteMs.toFixed(1)} ms; add → answer on the DNS worker ${c.answerMs.toFixed(1)} ms\n`);
  }
}
