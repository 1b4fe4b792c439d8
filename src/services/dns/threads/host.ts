/**
 * The main thread's side of the DNS worker threads: starts them (each with
 * the resolved options, the TLD policy and the clock), answers their reads
 * of the store through the engine's DnsSource, tells them of every commit
 * (engine.commits), relays their logs, sums their counters for /metrics,
 * restarts one that dies (on the same ports), and stops them on close().
 */
import { getPriority, setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Registry } from 'prom-client';
import type { Engine } from '../../../core/engine.ts';
import { dnsSource, type DnsChangeReader, type DnsSource } from '../../../core/index.ts';
import { compiledBeside } from '../compiled-module.ts';
import { DnsMetrics } from '../metrics.ts';
import { resolveDnsOptions, type DnsOptions, type DnsOptionsInput } from '../options.ts';
import type { DnsLogger } from '../server.ts';
import type { FromWorker, SourceMethod, ToWorker, WorkerCall, WorkerInit, WorkerMetrics, ZoneChange } from './protocol.ts';

/** First delay before restarting a worker that died; doubled on each failure in a row, up to RESTART_MAX_MS. */
const RESTART_MIN_MS = 100;
const RESTART_MAX_MS = 5_000;
/** How long a counter snapshot serves scrapes (one /metrics scrape collects several counters). */
const METRICS_FRESH_MS = 100;
/** How long close() waits for a worker to stop by itself before terminating it. */
const CLOSE_TIMEOUT_MS = 5_000;

export interface StartDnsThreadsInput {
  readonly engine: Engine;
  readonly config?: DnsOptionsInput;
  readonly metricsRegistry?: Registry;
  readonly log?: DnsLogger;
}

export interface RunningDnsThreads {
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly options: DnsOptions;
  /** How many times a worker was restarted after it died. */
  readonly restarts: number;
  /** The live worker thread (tests end it to see it restarted). */
  readonly worker: Worker;
  /** Resolves when a worker started after a death is answering. */
  restarted(): Promise<void>;
  /** As RunningDnsServer.reload and refresh, in the worker. */
  reload(zone?: string): Promise<readonly ZoneChange[]>;
  refresh(): Promise<readonly ZoneChange[]>;
  /** The worker's counters (and zones served). */
  metrics(): Promise<WorkerMetrics>;
  close(): Promise<void>;
}

const SILENT: DnsLogger = { info() {}, warn() {}, error() {} };

/**
 * The worker's module: compiled JavaScript next to this one (dist/), or
 * dist/'s when this code runs from the CLI's bundle (dist/bundle/, which
 * holds no worker module), or (running the sources) TypeScript loaded
 * through tsx.
 */
function spawnWorker(init: WorkerInit): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(compiledBeside(here, './worker.js', '../services/dns/threads/worker.js'), { workerData: init });
  const entry = new URL('./worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: init });
}

export async function startDnsThreads(input: StartDnsThreadsInput): Promise<RunningDnsThreads> {
  const { engine } = input;
  const log = input.log ?? SILENT;
  let options = resolveDnsOptions(input.config);
  const source = dnsSource(engine);
  const policies = engine.policy.list();
  const exclusive = engine.store.kind === 'pglite';

  let worker!: Worker;
  let ports = { udpPort: 0, tcpPort: 0 };
  let closing = false;
  let restarts = 0;
  let failuresInARow = 0;
  let onRestarted: (() => void)[] = [];
  let mainNiceRaised = 0;
  let nextCall = 1;
  const calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  /** Starts a worker; resolves once it answers (or rejects with why it could not start). */
  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const readers = new Map<number, DnsChangeReader>();
      const w = spawnWorker({ options, policies, exclusive, now: engine.clock.now().getTime(), mainNiceRaised });
      worker = w;
      let ready = false;
      const send = (m: ToWorker) => w.postMessage(m);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'rpc') {
          serve(source, readers, m.method, m.reader, m.args, engine).then(
            ({ value, mark }) => send({ type: 'rpc-reply', id: m.id, ok: true, value, mark }),
            (e: unknown) => send({ type: 'rpc-reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
          );
        } else if (m.type === 'ready') {
          ready = true;
          failuresInARow = 0;
          ports = { udpPort: m.udpPort, tcpPort: m.tcpPort };
          resolve();
        } else if (m.type === 'reply') {
          const c = calls.get(m.id);
          if (!c) return;
          calls.delete(m.id);
          if (m.ok) c.resolve(m.value);
          else c.reject(new Error(m.error));
        } else if (m.type === 'log') {
          log[m.level]({ ...m.obj, thread: w.threadId }, m.msg);
        }
      });
      w.on('error', (err) => {
        log.error({ err, thread: w.threadId }, 'dns worker failed');
        if (!ready) reject(err);
      });
      w.on('exit', (code) => {
        for (const c of calls.values()) c.reject(new Error('the DNS worker stopped'));
        calls.clear();
        if (!ready) {
          reject(new Error(`the DNS worker stopped before answering (exit code ${code})`));
          return;
        }
        if (closing) return;
        // Died while serving: restart it on the same ports, after a pause that grows while it keeps dying.
        log.error({ code, thread: w.threadId }, 'dns worker stopped; restarting it');
        const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** failuresInARow++);
        setTimeout(() => void restart(), delay).unref();
      });
    });

  const restart = async () => {
    if (closing) return;
    try {
      await start();
      restarts++;
      log.info({ ...ports, thread: worker.threadId }, 'dns worker restarted');
      const waiters = onRestarted;
      onRestarted = [];
      for (const r of waiters) r();
    } catch (err) {
      if (closing) return;
      log.error({ err }, 'dns worker restart failed; retrying');
      setTimeout(() => void restart(), Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** failuresInARow++)).unref();
    }
  };

  const ask = <T>(method: WorkerCall, ...args: unknown[]): Promise<T> => {
    const id = nextCall++;
    return new Promise<T>((resolve, reject) => {
      calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ type: 'call', id, method, args } satisfies ToWorker);
    });
  };

  await start();
  mainNiceRaised = lowerMainThreadPriority(options.apiNice, log);
  // A restarted worker listens where the first one did (port 0 asked the system for free ports once).
  options = Object.freeze({ ...options, port: ports.udpPort });
  if (ports.tcpPort !== ports.udpPort) log.warn({ ...ports }, 'dns: UDP and TCP on different ports');
  const unsubscribe = engine.commits.subscribe(() => worker.postMessage({ type: 'commit' } satisfies ToWorker));

  if (input.metricsRegistry) {
    const sum = new DnsMetrics();
    let zones = 0;
    let fresh: { at: number; done: Promise<void> } | undefined;
    const refresh = () => {
      const now = performance.now();
      if (!fresh || now - fresh.at > METRICS_FRESH_MS) {
        fresh = {
          at: now,
          done: ask<WorkerMetrics>('metrics').then(
            (m) => {
              sum.setSum([m.metrics]);
              zones = m.zones;
            },
            () => undefined, // a worker restarting: the last counts
          ),
        };
      }
      return fresh.done;
    };
    sum.register(input.metricsRegistry, () => zones, refresh);
  }

  return {
    get udpPort() {
      return ports.udpPort;
    },
    get tcpPort() {
      return ports.tcpPort;
    },
    options,
    get restarts() {
      return restarts;
    },
    get worker() {
      return worker;
    },
    restarted: () => new Promise<void>((resolve) => onRestarted.push(resolve)),
    reload: (zone) => ask('reload', zone),
    refresh: () => ask('refresh'),
    metrics: () => ask('metrics'),
    async close() {
      if (closing) return;
      closing = true;
      unsubscribe();
      const w = worker;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      await ask('close').catch(() => undefined);
      const timer = setTimeout(() => void w.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The main thread (API, store) gives way to the DNS worker for the CPU: its
 * nice value goes up by `nice` (Linux keeps one per thread, so the worker
 * started before keeps its own; raising a nice value needs no privilege).
 * On a machine short of CPU this is what keeps DNS answers fast while the
 * API is saturated. A worker restarted later inherits the main thread's
 * value and lowers it back where it may (CAP_SYS_NICE, RLIMIT_NICE; else it
 * shares the main thread's priority). Returns how much it was raised.
 */
function lowerMainThreadPriority(nice: number, log: DnsLogger): number {
  if (nice === 0 || process.platform !== 'linux') return 0;
  try {
    const before = getPriority();
    setPriority(Math.min(19, before + nice));
    return getPriority() - before;
  } catch (err) {
    log.warn({ err }, 'dns: could not lower the main thread\'s priority');
    return 0;
  }
}

/** One read of the store for a worker, through the engine's DnsSource (and the worker's change log readers). */
async function serve(
  source: DnsSource, readers: Map<number, DnsChangeReader>, method: SourceMethod, readerId: number | undefined, args: readonly unknown[], engine: Engine,
): Promise<{ value: unknown; mark?: string | undefined }> {
  if (method.startsWith('reader.')) {
    let reader = readers.get(readerId!);
    if (!reader) readers.set(readerId!, (reader = source.changeReader()));
    let value: unknown;
    if (method === 'reader.start') value = await reader.start();
    else if (method === 'reader.read') value = await reader.read();
    else if (method === 'reader.done') value = reader.done();
    else if (method === 'reader.prune') value = await reader.prune();
    return { value, mark: reader.mark };
  }
  const a = args as never[];
  switch (method) {
    case 'clock':
      return { value: engine.clock.now().getTime() };
    case 'analyze':
      return { value: await source.analyze() };
    case 'domains':
      return { value: await source.domains(...a) };
    case 'zones':
      return { value: await source.zones(...a) };
    case 'records':
      return { value: await source.records(...a) };
    case 'recordsById':
      return { value: await source.recordsById(args[0] as readonly number[]) };
    case 'hosts':
      return { value: await source.hosts(...a) };
    case 'nssets':
      return { value: await source.nssets(...a) };
    case 'holderOf':
      return { value: await source.holderOf(args[0] as string) };
    case 'loadJournal':
      return { value: await source.loadJournal() };
    case 'writeJournal':
      return { value: await source.writeJournal(args[0] as readonly string[], args[1] as never[], args[2] as number) };
    default:
      throw new Error(`unknown DNS source method ${String(method)}`);
  }
}
