/**
 * `npm run bench:dns:tld` — the cost of one delegation change in a large
 * TLD zone (prints numbers, not a test). Seeds BENCH_ZONES domains under
 * .com (default 100,000; or reuses a seeded PGlite directory given as the
 * first argument) and starts the DNS server (polling every 20 ms). Then it
 * moves single domains between regd's and outside name servers through the
 * engine's setDomainNameServers flow and times, from the commit, until the
 * .com zone in the index has the change (poll, zone update, journal), and
 * the IXFR of that change a secondary would then pull.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock, createEngine, loadPolicyBook, OPERATOR, setDomainNameServers } from '../src/core/index.ts';
import { openStore } from '../src/store/index.ts';
import { startDnsServer } from '../src/services/dns/index.ts';
import { seedZones } from './dns-seed.ts';
import dnsPacket from 'dns-packet';
import { decode, sendTcp } from '../test/dns/support/client.ts';

const ZONES = Number(process.env.BENCH_ZONES ?? 100_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 9);
const log = (s: string) => process.stdout.write(s + '\n');

const given = process.argv[2];
const dir = given ?? mkdtempSync(join(tmpdir(), 'regd-bench-tld-'));
try {
  const store = await openStore({ dataDir: dir });
  const engine = createEngine({ store, clock: new SystemClock(), policy: loadPolicyBook() });
  if (!given) {
    const t = performance.now();
    await seedZones(engine, ZONES);
    log(`seeded ${ZONES.toLocaleString('en')} domains under .com in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  let t = performance.now();
  const server = await startDnsServer({ engine, config: { port: 0, pollIntervalMs: 20 } });
  const com = server.index.zone('com')!;
  log(`loaded ${server.index.size.toLocaleString('en')} zones in ${((performance.now() - t) / 1000).toFixed(1)} s; .com has ${com.cuts.size.toLocaleString('en')} delegations`);
  const holder = await store.db.selectFrom('domains').select('account_id').where('name', '=', 'bench1.com').executeTakeFirstOrThrow();
  const commits: number[] = [];
  const refreshes: number[] = [];
  const ixfrs: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const name = `bench${1 + i * 7}.com`;
    const outside = i % 2 === 0;
    const before = server.index.zone('com')!.serial;
    t = performance.now();
    await engine.run(setDomainNameServers, { accountId: holder.account_id, name, nameServers: outside ? ['ns1.elsewhere.example', 'ns2.elsewhere.example'] : [] }, { actor: OPERATOR, source: 'bench' });
    commits.push(performance.now() - t);
    t = performance.now();
    const shows = () => (server.index.zone('com')!.nodes.get(name)?.get(2)?.rrs ?? []).some((r) => String(r.data).includes('elsewhere')) === outside;
    while (!shows()) {
      if (performance.now() - t > 600_000) throw new Error(`${name}: the .com zone does not show the change`);
      await new Promise((r) => setTimeout(r, 1));
    }
    refreshes.push(performance.now() - t);
    t = performance.now();
    const reply = await sendTcp({ host: '127.0.0.1', port: server.tcpPort }, ixfrRequest('com', before), { timeoutMs: 60_000 });
    ixfrs.push(performance.now() - t);
    const answers = reply[0] ? (decode(reply[0]).answers ?? []) : [];
    if (answers.length > 20 || answers.length === 0) log(`  (IXFR from ${before}: ${answers.length} records in the first message: not incremental)`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  log(`one delegation change in a ${com.cuts.size.toLocaleString('en')}-delegation .com (${CHANGES} changes):`);
  log(`  flow commit (setDomainNameServers):   ${fmt(commits)}`);
  log(`  commit → .com zone serving it:        ${fmt(refreshes)}`);
  log(`  IXFR of that change over TCP:         ${fmt(ixfrs)}`);
  await server.close();
  await store.close();
} finally {
  if (!given) rmSync(dir, { recursive: true, force: true });
}

function ixfrRequest(zone: string, serial: number): Buffer {
  return dnsPacket.encode({
    type: 'query', id: 7, flags: 0,
    questions: [{ name: zone, type: 'IXFR', class: 'IN' }],
    authorities: [{ name: zone, type: 'SOA', class: 'IN', ttl: 0, data: { mname: 'x.', rname: 'x.', serial, refresh: 0, retry: 0, expire: 0, minimum: 0 } }],
  });
}
