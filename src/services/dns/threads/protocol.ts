/**
 * The messages between the main thread (host.ts), which holds the store and
 * the engine, and a DNS worker thread (worker.ts), which holds the zone index
 * and answers. The worker reads the store through the main thread: a
 * DnsSource whose every call is a message (`rpc`) answered by the main
 * thread's own DnsSource (core/publication), so the layering stays what it
 * is in one thread. Values travel by structured clone (Dates, Maps, Sets).
 */
import type { TldPolicy } from '../../../core/policy/index.ts';
import type { DnsMetricsSnapshot } from '../metrics.ts';
import type { DnsOptions } from '../options.ts';
import type { ZoneChange } from '../publisher.ts';

/** What a worker is started with (workerData). */
export interface WorkerInit {
  readonly options: DnsOptions;
  /** The TLD policies of the engine (PolicyBook.list()). */
  readonly policies: readonly TldPolicy[];
  /** The store is the embedded PGlite, written by the main thread's process only. */
  readonly exclusive: boolean;
  /** The main thread's clock, ms since the epoch, when the worker was started. */
  readonly now: number;
  /** How much the main thread's nice value was raised (dns.apiNice) before this worker was started: the worker takes it back if it may. */
  readonly mainNiceRaised: number;
}

/** The DnsSource methods a worker calls, and the change log reader's (`reader.*`). */
export type SourceMethod =
  | 'analyze' | 'domains' | 'zones' | 'records' | 'recordsById' | 'hosts' | 'nssets' | 'holderOf' | 'loadJournal' | 'writeJournal'
  | 'reader.start' | 'reader.read' | 'reader.done' | 'reader.prune' | 'clock';

/** What the main thread asks of a worker. */
export type WorkerCall = 'reload' | 'refresh' | 'metrics' | 'pendingNotifies' | 'close';

export type ToWorker =
  | { readonly type: 'commit' }
  | { readonly type: 'rpc-reply'; readonly id: number; readonly ok: true; readonly value: unknown; readonly mark?: string | undefined }
  | { readonly type: 'rpc-reply'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly type: 'call'; readonly id: number; readonly method: WorkerCall; readonly args: readonly unknown[] };

export type FromWorker =
  | { readonly type: 'rpc'; readonly id: number; readonly method: SourceMethod; readonly reader?: number; readonly args: readonly unknown[] }
  | { readonly type: 'ready'; readonly udpPort: number; readonly tcpPort: number }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly obj: object; readonly msg: string };

export interface WorkerMetrics {
  readonly metrics: DnsMetricsSnapshot;
  readonly zones: number;
  /** The worker's V8 heap in use, bytes. */
  readonly heapUsed: number;
  /** The answering processes (dns.answerProcesses) that answered, and their resident memory, bytes. */
  readonly answerers: { readonly running: number; readonly rss: number };
}

export type { ZoneChange };
