/**
 * `npm run bench:dns` — regd's authoritative DNS against NSD, printed as
 * numbers (not a test):
 *
 * 1. 10,000 hosted zones (plus the .com zone delegating them) seeded into a
 *    PGlite store; the same zones exported and loaded into NSD.
 * 2. dnsperf against regd and against NSD, one server process each, the
 *    same query mix (answers, NXDOMAIN, NODATA, CNAME, referrals):
 *    queries per second and the ratio (target: regd ≥ 0.5 × NSD).
 * 3. Latency p50/p99 at a fixed moderate rate, from a separate client.
 * 4. Time from a record change (committed through the engine) to the
 *    answer changing on regd and on an NSD secondary fed by NOTIFY/IXFR.
 * 5. RSS of a regd process serving 100,000 zones × 10 records.
 * 6. DNS latency p50/p99 while the API is saturated (autocannon on KifDom
 *    GET /domains of an account holding 1,000 domains, in the same regd
 *    process), as a ratio to the same figures idle (target ≤ 2×).
 * 7. The time of one record change (add, update, delete through the
 *    engine, and add → answer on the DNS worker) in a 100,000-record zone
 *    against a 10-record zone (target ≤ 2×).
 *
 * regd's DNS runs in a worker thread, as `regd serve` runs it.
 *
 * Environment: BENCH_ZONES (10000), BENCH_RSS_ZONES (100000), BENCH_SECONDS (10 per dnsperf run),
 * BENCH_ROUNDS (3 alternating NSD/regd rounds), BENCH_ONLY (a comma list of
 * sections to run: 1-4 go together as "1"; e.g. BENCH_ONLY=1,6,7).
 *
 * Section 2 also measures regd with one answering thread
 * (dns.answerProcesses 0) beside the default (answering processes: one per
 * CPU beyond the first), in the same rounds: what the processes give.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createSocket } from 'node:dgram';
import { SystemClock, createEngine, loadPolicyBook } from '../src/core/index.ts';
import { openStore } from '../src/store/index.ts';
import { loadPublishedZones, resolveDnsOptions, zoneText } from '../src/services/dns/index.ts';
import { seedZones } from './dns-seed.ts';
import { freePort, startNsd, type Peer } from '../test/dns/support/peers.ts';
import { query, waitFor, decode } from '../test/dns/support/client.ts';

const ZONES = Number(process.env.BENCH_ZONES ?? 10_000);
const RSS_ZONES = Number(process.env.BENCH_RSS_ZONES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const cleanup: (() => Promise<void> | void)[] = [];
const log = (s: string) => process.stdout.write(s + '\n');

async function seed(count: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'regd-bench-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = await openStore({ dataDir: dir });
  const engine = createEngine({ store, clock: new SystemClock(), policy: loadPolicyBook() });
  const t = performance.now();
  await seedZones(engine, count);
  log(`  seeded ${count.toLocaleString('en')} zones in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await store.close();
  return dir;
}

async function exportZones(dataDir: string): Promise<{ name: string; text: string }[]> {
  const store = await openStore({ dataDir });
  const engine = createEngine({ store, clock: new SystemClock(), policy: loadPolicyBook() });
  const index = await loadPublishedZones(engine, resolveDnsOptions({ port: 0 }));
  const out = [...index.zones()].filter((z) => z.kind !== 'catalog').map((z) => ({ name: z.apex, text: zoneText(z) }));
  await store.close();
  return out;
}

interface RegdProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly ready: { zones: number; loadMs: number; rss: number; mainRss: number; answerers: number };
  command(line: string): Promise<void>;
}

async function startRegd(dataDir: string, secondaryPort?: number, answerProcesses?: number): Promise<RegdProcess> {
  const port = await freePort();
  const env = answerProcesses === undefined ? process.env : { ...process.env, BENCH_ANSWER_PROCESSES: String(answerProcesses) };
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/dns-server.ts', dataDir, String(port), ...(secondaryPort ? [String(secondaryPort)] : [])], { stdio: ['pipe', 'pipe', 'inherit'], env });
  cleanup.push(() => void child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((v: Record<string, unknown>) => void)[] = [];
  lines.on('line', (l) => {
    try {
      waiting.shift()?.(JSON.parse(l) as Record<string, unknown>);
    } catch {
      // not a status line
    }
  });
  const next = () => new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve));
  let timer: NodeJS.Timeout | undefined;
  const ready = (await Promise.race([next(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('regd did not start in 300 s')), 300_000)))]).finally(() => clearTimeout(timer))) as RegdProcess['ready'];
  return {
    child, port, ready,
    async command(line: string) {
      const done = next();
      child.stdin!.write(line + '\n');
      await done;
    },
  };
}

function queryFile(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const n = i % count;
    const d = `bench${n}.com`;
    const hosted = n % 10 !== 9;
    const k = i % 20;
    if (!hosted) lines.push(`www.${d} A`); // referral from .com
    else if (k < 7) lines.push(`www.${d} A`);
    else if (k < 9) lines.push(`${d} MX`);
    else if (k < 10) lines.push(`${d} TXT`);
    else if (k < 12) lines.push(`nx${i}.${d} A`); // NXDOMAIN
    else if (k < 14) lines.push(`mail.${d} AAAA`); // NODATA
    else if (k < 16) lines.push(`blog.${d} A`); // CNAME
    else if (k < 17) lines.push(`_sip._tcp.${d} SRV`);
    else if (k < 18) lines.push(`${d} CAA`);
    else lines.push(`www.${d} AAAA`);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'regd-bench-q-')), 'queries.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function dnsperf(port: number, file: string): Promise<{ qps: number; lost: number; avgMs: number }> {
  return new Promise((resolve, reject) => {
    execFile('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', file, '-l', String(SECONDS), '-c', '8', '-q', '256', '-t', '2'], { timeout: (SECONDS + 30) * 1000 }, (err, stdout) => {
      if (err) return reject(new Error(`dnsperf failed: ${err.message}\n${stdout}`));
      const qps = Number(/Queries per second:\s+([\d.]+)/.exec(stdout)?.[1]);
      const lost = Number(/Queries lost:\s+(\d+)/.exec(stdout)?.[1]);
      const avgMs = Number(/Average Latency \(s\):\s+([\d.]+)/.exec(stdout)?.[1]) * 1000;
      resolve({ qps, lost, avgMs });
    });
  });
}

/** One query at a time at about `rate` per second for `seconds`; RTT percentiles in ms (`name(i)`: the i-th question's name, an A query). */
async function latency(port: number, rate: number, seconds: number, count: number, name = (n: number) => `www.bench${n - (n % 10 === 9 ? 1 : 0)}.com`): Promise<{ p50: number; p99: number; n: number; lost: number }> {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const rtts: number[] = [];
  const end = Date.now() + seconds * 1000;
  let id = 0;
  const interval = 1000 / rate;
  while (Date.now() < end) {
    const n = id % count;
    const packet = query(name(n), 'A', { id: (id = (id + 1) & 0xffff) });
    const t = process.hrtime.bigint();
    const got = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => { socket.off('message', on); resolve(false); }, 1000);
      const on = (msg: Buffer) => {
        if (msg.readUInt16BE(0) !== packet.readUInt16BE(0)) return;
        clearTimeout(timer);
        socket.off('message', on);
        resolve(true);
      };
      socket.on('message', on);
      socket.send(packet, port, '127.0.0.1');
    });
    if (got) rtts.push(Number(process.hrtime.bigint() - t) / 1e6);
    const wait = interval - Number(process.hrtime.bigint() - t) / 1e6;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  socket.close();
  rtts.sort((a, b) => a - b);
  return { p50: rtts[Math.floor(rtts.length * 0.5)] ?? NaN, p99: rtts[Math.floor(rtts.length * 0.99)] ?? NaN, n: rtts.length, lost: id - rtts.length };
}

async function answers(port: number, name: string, value: string): Promise<boolean> {
  const { sendUdpMany } = await import('../test/dns/support/client.ts');
  const [reply] = await sendUdpMany({ host: '127.0.0.1', port }, [query(name, 'A')], { timeoutMs: 200 });
  return reply !== undefined && (decode(reply).answers ?? []).some((a) => a.type === 'A' && a.data === value);
}

const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const runs = (section: string) => ONLY === undefined || ONLY.includes(section);

async function main(): Promise<void> {
  log(`regd DNS benchmark, ${process.platform} ${process.arch}, node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  if (runs('1')) await againstNsd();
  if (runs('5')) await memory();
  if (runs('6')) await saturated();
  if (runs('7')) await zoneSizes();
}

async function againstNsd(): Promise<void> {
  log(`\n[1-5] against NSD: ${ZONES.toLocaleString('en')} zones, dnsperf ${SECONDS} s per server`);
  log('\n[1] seeding and exporting');
  const dir = await seed(ZONES);
  const zones = await exportZones(dir);
  log(`  ${zones.length.toLocaleString('en')} zones exported for NSD`);
  const nsd = await startNsd(zones, { probeZone: 'bench0.com' });
  cleanup.push(() => nsd.stop());
  const regd = await startRegd(dir);
  // The one-thread server opens a copy of the data directory (an embedded store has one process).
  const singleDir = `${dir}-single`;
  cpSync(dir, singleDir, { recursive: true });
  cleanup.push(() => rmSync(singleDir, { recursive: true, force: true }));
  const single = await startRegd(singleDir, undefined, 0);
  log(`  regd loaded ${regd.ready.zones.toLocaleString('en')} zones in ${regd.ready.loadMs} ms, RSS ${(regd.ready.rss / 2 ** 20).toFixed(0)} MiB (${answererNote(regd.ready)})`);
  const nsdRss = rssOf(nsd.process.pid!);
  log(`  NSD RSS ${(nsdRss / 2 ** 20).toFixed(0)} MiB (main process)`);

  log(`\n[2] throughput (dnsperf, UDP, 8 clients, 256 outstanding; ${ROUNDS} rounds taking turns, so load drifting on a shared machine hits both alike)`);
  const file = queryFile(ZONES);
  await dnsperf(nsd.port, file).catch(() => undefined); // warm-up
  await dnsperf(regd.port, file).catch(() => undefined);
  await dnsperf(single.port, file).catch(() => undefined);
  const runs: { nsd: number; regd: number; single: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const nsdRun = await dnsperf(nsd.port, file);
    const regdRun = await dnsperf(regd.port, file);
    const singleRun = await dnsperf(single.port, file);
    runs.push({ nsd: nsdRun.qps, regd: regdRun.qps, single: singleRun.qps });
    log(`  round ${round}: NSD ${nsdRun.qps.toFixed(0).padStart(7)} qps (lost ${nsdRun.lost}, avg ${nsdRun.avgMs.toFixed(3)} ms)   regd ${regdRun.qps.toFixed(0).padStart(7)} qps (lost ${regdRun.lost}, avg ${regdRun.avgMs.toFixed(3)} ms)   ratio ${(regdRun.qps / nsdRun.qps).toFixed(2)}   one thread ${singleRun.qps.toFixed(0).padStart(7)} qps (${(singleRun.qps / nsdRun.qps).toFixed(2)})`);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  log(`  median: NSD ${mid(runs.map((r) => r.nsd)).toFixed(0)} qps, regd ${mid(runs.map((r) => r.regd)).toFixed(0)} qps (${answererNote(regd.ready)}), one answering thread ${mid(runs.map((r) => r.single)).toFixed(0)} qps`);
  log(`  ratio regd / NSD = ${mid(runs.map((r) => r.regd / r.nsd)).toFixed(2)} (median of the rounds; target ≥ 0.50); one answering thread: ${mid(runs.map((r) => r.single / r.nsd)).toFixed(2)}`);
  single.child.kill('SIGTERM');

  log('\n[3] latency, one query at a time at ~2,000 qps for 3 s');
  const ln = await latency(nsd.port, 2000, 3, ZONES);
  const lr = await latency(regd.port, 2000, 3, ZONES);
  log(`  NSD  p50 ${ln.p50.toFixed(3)} ms  p99 ${ln.p99.toFixed(3)} ms  (${ln.n} queries)`);
  log(`  regd p50 ${lr.p50.toFixed(3)} ms  p99 ${lr.p99.toFixed(3)} ms  (${lr.n} queries)`);

  log('\n[4] record change → new answer');
  regd.child.kill('SIGTERM');
  await waitFor('regd to stop', () => regd.child.exitCode !== null || regd.child.signalCode !== null, 20_000);
  const secondaryPort = await freePort();
  const fed = await startRegd(dir, secondaryPort);
  const secondary: Peer = await startNsd([{ name: 'bench1.com', primary: `127.0.0.1@${fed.port}` }], { probeZone: 'bench1.com', port: secondaryPort });
  cleanup.push(() => secondary.stop());
  await waitFor('the NSD secondary to load bench1.com', () => answers(secondary.port, 'www.bench1.com', '192.0.2.2'), 30_000, 50);
  const samples: { regd: number; nsd: number; commit: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const value = `198.51.100.${10 + i}`;
    const t0 = performance.now();
    const changed = fed.command(`add bench1.com change${i} ${value}`).then(() => performance.now() - t0);
    const regdMs = await waitFor('regd', () => answers(fed.port, `change${i}.bench1.com`, value), 10_000, 2).then(() => performance.now() - t0);
    const nsdMs = await waitFor('NSD secondary', () => answers(secondary.port, `change${i}.bench1.com`, value), 20_000, 5).then(() => performance.now() - t0);
    samples.push({ regd: regdMs, nsd: nsdMs, commit: await changed });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  log(`  commit of the addRecord flow: median ${median(samples.map((s) => s.commit)).toFixed(0)} ms`);
  log(`  regd answers the new record:   median ${median(samples.map((s) => s.regd)).toFixed(0)} ms after the change was sent (max ${Math.max(...samples.map((s) => s.regd)).toFixed(0)})`);
  log(`  NSD secondary (NOTIFY + IXFR): median ${median(samples.map((s) => s.nsd)).toFixed(0)} ms (max ${Math.max(...samples.map((s) => s.nsd)).toFixed(0)})`);
  fed.child.kill('SIGTERM');
}

async function memory(): Promise<void> {
  log(`\n[5] memory: ${RSS_ZONES.toLocaleString('en')} zones × 10 records`);
  const big = await seed(RSS_ZONES);
  const bigRegd = await startRegd(big);
  log(`  regd loaded ${bigRegd.ready.zones.toLocaleString('en')} zones in ${(bigRegd.ready.loadMs / 1000).toFixed(1)} s; RSS ${(bigRegd.ready.rss / 2 ** 20).toFixed(0)} MiB (${answererNote(bigRegd.ready)}; heap of the main process ${((bigRegd.ready as { heapUsed?: number }).heapUsed! / 2 ** 20).toFixed(0)} MiB)`);
  bigRegd.child.kill('SIGTERM');
}

/** [6] A regd server (API and DNS worker in one process, as `regd serve`) whose API is kept busy by autocannon. */
async function saturated(): Promise<void> {
  log('\n[6] DNS answers while the API is saturated (autocannon: KifDom GET /domains of an account holding 1,000 domains, 4 connections)');
  const dnsPort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api-server.ts', 'regd', 'pglite', '1000'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_DNS_PORT: String(dnsPort) } });
  cleanup.push(() => void child.kill('SIGKILL'));
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { url, kifdomToken } = JSON.parse(first) as { url: string; kifdomToken: string };
  const name = (n: number) => `bench-${(n % 1000) + 1}.com`;
  const idle = await latency(dnsPort, 200, 4, 1000, name);
  const cannon = spawn(join('node_modules', '.bin', 'autocannon'), ['-c', '4', '-d', '12', '-j', '-H', `Authorization=Bearer ${kifdomToken}`, `${url}/api/v1/domains`], { stdio: ['ignore', 'pipe', 'ignore'] });
  cleanup.push(() => void cannon.kill('SIGKILL'));
  let out = '';
  cannon.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const finished = new Promise<void>((resolve) => cannon.on('exit', () => resolve()));
  await new Promise((r) => setTimeout(r, 2000));
  const busy = await latency(dnsPort, 200, 6, 1000, name);
  await finished;
  const api = JSON.parse(out || '{}') as { requests?: { average?: number }; latency?: { p50?: number }; non2xx?: number };
  log(`  API under load: ${api.requests?.average?.toFixed(1) ?? '?'} GET /domains per second, p50 ${api.latency?.p50 ?? '?'} ms (non-2xx ${api.non2xx ?? '?'})`);
  log(`  DNS idle:      p50 ${idle.p50.toFixed(3)} ms  p99 ${idle.p99.toFixed(3)} ms  (${idle.n} answers, ${idle.lost} unanswered)`);
  log(`  DNS saturated: p50 ${busy.p50.toFixed(3)} ms  p99 ${busy.p99.toFixed(3)} ms  (${busy.n} answers, ${busy.lost} unanswered)`);
  log(`  ratio saturated / idle: p50 ${(busy.p50 / idle.p50).toFixed(2)}, p99 ${(busy.p99 / idle.p99).toFixed(2)} (target ≤ 2)`);
  child.stdin!.end();
}

/** [7] One record change in a 100,000-record zone against a 10-record one. */
async function zoneSizes(): Promise<void> {
  log('\n[7] one record change against the size of its zone (medians of 15; engine flows on PGlite, answer from the DNS worker)');
  const { zoneSizeCost } = await import('./dns-zone-size.ts');
  const small = await zoneSizeCost(10);
  const big = await zoneSizeCost(100_000);
  for (const c of [small, big]) {
    log(`  ${c.size.toLocaleString('en').padStart(7)} records: add ${c.addMs.toFixed(1)} ms, update ${c.updateMs.toFixed(1)} ms, delete ${c.deleteMs.toFixed(1)} ms, add → answer ${c.answerMs.toFixed(1)} ms`);
  }
  log(`  ratio 100,000 / 10: add ${(big.addMs / small.addMs).toFixed(2)}, update ${(big.updateMs / small.updateMs).toFixed(2)}, delete ${(big.deleteMs / small.deleteMs).toFixed(2)}, add → answer ${(big.answerMs / small.answerMs).toFixed(2)} (target ≤ 2)`);
}

/** What the RSS figure holds: the server process and its answering processes (dns.answerProcesses), each with a copy of the zones. */
function answererNote(r: RegdProcess['ready']): string {
  return r.answerers === 0 ? 'one process, no answering processes' : `server process ${(r.mainRss / 2 ** 20).toFixed(0)} MiB + ${r.answerers} answering process${r.answerers === 1 ? '' : 'es'}`;
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

try {
  await main();
} finally {
  for (const c of cleanup.reverse()) await Promise.resolve(c()).catch(() => undefined);
}
