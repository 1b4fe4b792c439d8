/**
 * The regd DNS server as its own process, for bench/dns.ts: opens a PGlite
 * data directory, serves it from a DNS worker thread and its answering
 * processes (startDnsThreads, as `regd serve` does), reports readiness and
 * memory (its answering processes' included) as one JSON line,
 * and applies record changes asked on stdin ("add <domain> <name> <ipv4>")
 * through the engine's addRecord flow, answering "committed" when the
 * transaction is done. Exits on stdin end or SIGTERM.
 */
import { createInterface } from 'node:readline';
import { SystemClock, createEngine, loadPolicyBook, OPERATOR, addRecord } from '../src/core/index.ts';
import { openStore } from '../src/store/index.ts';
import { startDnsThreads } from '../src/services/dns/index.ts';

const [dataDir, portArg, secondaryPort] = process.argv.slice(2);
if (!dataDir || !portArg) throw new Error('usage: dns-server.ts <pglite-dir> <port> [secondary-port]');
const store = await openStore({ dataDir });
const engine = createEngine({ store, clock: new SystemClock(), policy: loadPolicyBook() });
const started = performance.now();
const server = await startDnsThreads({
  engine,
  config: {
    port: Number(portArg), pollIntervalMs: 20, ...(secondaryPort ? { secondaries: [{ address: '127.0.0.1', port: Number(secondaryPort) }] } : {}),
    // dns.answerProcesses: the default ('auto') unless BENCH_ANSWER_PROCESSES says otherwise (an A/B of the processes).
    ...(process.env.BENCH_ANSWER_PROCESSES ? { answerProcesses: Number(process.env.BENCH_ANSWER_PROCESSES) } : {}),
  },
});
// The worker thread answers from here; the answering processes once each holds its copy of the zones: measured when all answer.
while ((await server.metrics()).answerers.running < server.options.answerProcesses) await new Promise((r) => setTimeout(r, 50));
const loadMs = Math.round(performance.now() - started);
(globalThis as { gc?: () => void }).gc?.();
// The process's RSS (the worker's heap included), and the heaps of the main thread and the worker.
const { zones, heapUsed: workerHeap, answerers } = await server.metrics();
const heapUsed = process.memoryUsage().heapUsed + workerHeap;
// rss: this process's and its answering processes' (dns.answerProcesses), each with its own copy of the zones.
const rss = process.memoryUsage().rss + answerers.rss;
process.stdout.write(JSON.stringify({ ready: true, udpPort: server.udpPort, zones, loadMs, rss, mainRss: process.memoryUsage().rss, answerers: answerers.running, heapUsed }) + '\n');

const stop = async () => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const [cmd, domain, name, value] = line.trim().split(/\s+/);
  if (cmd !== 'add' || !domain || !name || !value) return;
  const holder = await store.db.selectFrom('domains').select('account_id').where('name', '=', domain).where('released_at', 'is', null).executeTakeFirstOrThrow();
  await engine.run(addRecord, { accountId: holder.account_id, name: domain, record: { type: 'A', name, value } }, { actor: OPERATOR, source: 'bench' });
  process.stdout.write(JSON.stringify({ committed: true }) + '\n');
});
lines.on('close', () => void stop());
