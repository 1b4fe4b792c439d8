/**
 * A DNS worker thread: holds its own zone index (built and kept current by
 * its own publisher and store mirror, exactly as in one thread) and answers
 * UDP, TCP and zone transfers; the main thread's API work never runs here,
 * so no API call can delay an answer. It reads the store through the main
 * thread (a DnsSource whose calls are messages); while the main thread is
 * busy, a change waits, and every query is still answered from the index.
 */
import { getPriority, setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { DnsChangeReader, DnsSource } from '../../../core/index.ts';
import { PRUNE_INTERVAL_MS } from '../../../core/index.ts';
import { PolicyBook } from '../../../core/policy/index.ts';
import { DnsMetrics } from '../metrics.ts';
import { startDnsServer, type DnsLogger, type RunningDnsServer } from '../server.ts';
import type { FromWorker, SourceMethod, ToWorker, WorkerCall, WorkerInit, WorkerMetrics } from './protocol.ts';

const port = parentPort!;
const init = workerData as WorkerInit;
// A worker started after the main thread gave way (a restart) inherited its nice value: back to the process's own, where allowed (CAP_SYS_NICE, RLIMIT_NICE).
if (init.mainNiceRaised > 0 && process.platform === 'linux') {
  try {
    setPriority(getPriority() - init.mainNiceRaised);
  } catch {
    // Not allowed: this worker shares the main thread's priority.
  }
}
const post = (m: FromWorker) => port.postMessage(m);

let nextId = 1;
const waiting = new Map<number, { resolve(v: { value: unknown; mark?: string | undefined }): void; reject(e: Error): void }>();

function call(method: SourceMethod, args: readonly unknown[], reader?: number): Promise<{ value: unknown; mark?: string | undefined }> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    post({ type: 'rpc', id, method, args, ...(reader === undefined ? {} : { reader }) });
  });
}

async function value<T>(method: SourceMethod, ...args: unknown[]): Promise<T> {
  return (await call(method, args)).value as T;
}

/** The main thread's clock: its offset from this thread's wall clock, as of the last time it was asked. */
let clockOffsetMs = init.now - Date.now();
const clock = { now: () => new Date(Date.now() + clockOffsetMs) };

let nextReader = 1;
const source: DnsSource = {
  analyze: () => value('analyze'),
  domains: (ids) => value('domains', ids),
  zones: (ids) => value('zones', ids),
  records: (ids) => value('records', ids),
  recordsById: (ids) => value('recordsById', ids),
  hosts: (ids) => value('hosts', ids),
  nssets: (ids) => value('nssets', ids),
  holderOf: (name) => value('holderOf', name),
  loadJournal: () => value('loadJournal'),
  writeJournal: (forgotten, entries, keep) => value('writeJournal', forgotten, entries, keep),
  changeReader(): DnsChangeReader {
    const reader = nextReader++;
    let mark: string | undefined;
    let lastPruneAt = -Infinity;
    const readerCall = async <T>(method: SourceMethod, ...args: unknown[]): Promise<T> => {
      const r = await call(method, args, reader);
      mark = r.mark;
      return r.value as T;
    };
    return {
      get mark() {
        return mark;
      },
      start: () => readerCall('reader.start'),
      read: () => readerCall('reader.read'),
      // Messages keep their order: the main thread's reader applies this before the next read.
      done: () => void call('reader.done', [], reader).catch(() => undefined),
      pruneDue: (now = performance.now()) => mark !== undefined && now - lastPruneAt >= PRUNE_INTERVAL_MS,
      async prune() {
        lastPruneAt = performance.now();
        await readerCall('reader.prune');
      },
    };
  },
};

const commitListeners = new Set<() => void>();
const log: DnsLogger = {
  info: (obj, msg) => post({ type: 'log', level: 'info', obj, msg }),
  warn: (obj, msg) => post({ type: 'log', level: 'warn', obj, msg }),
  error: (obj, msg) => post({ type: 'log', level: 'error', obj, msg }),
};

port.on('message', (m: ToWorker) => {
  if (m.type === 'commit') {
    for (const l of commitListeners) l();
  } else if (m.type === 'rpc-reply') {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve({ value: m.value, mark: m.mark });
    else w.reject(new Error(m.error));
  } else if (m.type === 'call') {
    answerCall(m.method, m.args).then(
      (v) => post({ type: 'reply', id: m.id, ok: true, value: v }),
      (e: unknown) => post({ type: 'reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  }
});

async function answerCall(method: WorkerCall, args: readonly unknown[]): Promise<unknown> {
  const s: RunningDnsServer = server;
  switch (method) {
    case 'reload':
      return s.reload(args[0] as string | undefined);
    case 'refresh':
      return s.refresh();
    case 'pendingNotifies':
      return s.pendingNotifies();
    case 'metrics': {
      // This thread's counters plus the answering processes'.
      const answerers = s.answerers ? await s.answerers.summary() : { running: 0, rss: 0, metrics: [] };
      const sum = new DnsMetrics();
      sum.setSum([s.metrics.snapshot(), ...answerers.metrics]);
      return {
        metrics: sum.snapshot(), zones: s.index.size, heapUsed: getHeapStatistics().used_heap_size,
        answerers: { running: answerers.running, rss: answerers.rss },
      } satisfies WorkerMetrics;
    }
    case 'close':
      await s.close();
      // Nothing keeps the thread alive once the port is closed: it exits.
      setImmediate(() => port.close());
      return undefined;
  }
}

const server = await startDnsServer({
  feed: {
    source,
    clock,
    policy: new PolicyBook(init.policies),
    commits: {
      subscribe(listener) {
        commitListeners.add(listener);
        return () => void commitListeners.delete(listener);
      },
    },
    exclusive: init.exclusive,
    async beforeTick() {
      clockOffsetMs = (await value<number>('clock')) - Date.now();
    },
  },
  config: init.options,
  log,
});
post({ type: 'ready', udpPort: server.udpPort, tcpPort: server.tcpPort });
