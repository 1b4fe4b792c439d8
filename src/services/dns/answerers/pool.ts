/**
 * The answering processes of a DNS server (dns.answerProcesses): forks
 * them, gives each a full copy of the index and then every change in the
 * order made (DnsIndex.observe), hands each the server's UDP socket once
 * its copy is whole, restarts one that dies (from a full copy again), sums
 * their counters, and stops them on close(). The server's own thread keeps
 * answering on the same socket: a process that is starting or has died
 * costs capacity, never answers.
 *
 * `settled()` resolves once every answering process has applied every
 * change made so far: the server sends NOTIFY only then, so a secondary's
 * SOA query after a NOTIFY never meets an older serial, whichever process
 * the kernel hands it to.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:dgram';
import { compiledBeside } from '../compiled-module.ts';
import type { DnsIndex, IndexChange } from '../dns-index.ts';
import type { DnsMetricsSnapshot } from '../metrics.ts';
import type { DnsOptions } from '../options.ts';
import type { DnsLogger } from '../server.ts';
import type { FromAnswerer, ToAnswerer, ZoneOp } from './protocol.ts';

/** Zones per message of a full copy (a 100,000-zone index is not one message). */
const COPY_BATCH = 1_000;
/** How long settled() waits for a process before giving up on it (it is restarted if it died). */
const SETTLE_TIMEOUT_MS = 2_000;
const RESTART_MIN_MS = 100;
const RESTART_MAX_MS = 5_000;
const START_TIMEOUT_MS = 120_000;

interface Answerer {
  readonly child: ChildProcess;
  /** Sequence number of the last batch of changes it applied. */
  applied: number;
  listening: boolean;
  readonly waiters: { seq: number; resolve(): void }[];
}

export interface AnswerersSummary {
  readonly running: number;
  /** Resident memory of the answering processes, bytes. */
  readonly rss: number;
  readonly metrics: readonly DnsMetricsSnapshot[];
}

/**
 * The answering process's module: compiled JavaScript next to this one
 * (dist/), or dist/'s when this code runs from the CLI's bundle
 * (dist/bundle/), or (running the sources) TypeScript through tsx.
 */
function forkAnswerer(): ChildProcess {
  const here = import.meta.url;
  const ts = here.endsWith('.ts');
  const entry = ts ? new URL('./answerer.ts', here) : compiledBeside(here, './answerer.js', '../services/dns/answerers/answerer.js');
  return fork(entry, [], {
    execArgv: ts ? ['--import', import.meta.resolve('tsx')] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

export class AnswerPool {
  readonly #index: DnsIndex;
  readonly #socket: Socket;
  readonly #options: DnsOptions;
  readonly #log: DnsLogger;
  readonly #answerers = new Set<Answerer>();
  #pending: ZoneOp[] = [];
  #flushQueued = false;
  #seq = 0;
  #closing = false;
  #restarts = 0;
  #failuresInARow = 0;
  #nextMetrics = 1;
  readonly #metricsWaiters = new Map<number, (m: Extract<FromAnswerer, { type: 'metrics' }> | undefined) => void>();

  constructor(input: { index: DnsIndex; socket: Socket; options: DnsOptions; log: DnsLogger }) {
    this.#index = input.index;
    this.#socket = input.socket;
    this.#options = input.options;
    this.#log = input.log;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** The live processes' ids (tests stop one to see it replaced). */
  get pids(): number[] {
    return [...this.#answerers].flatMap((a) => (a.listening && a.child.pid !== undefined ? [a.child.pid] : []));
  }

  #ready: Promise<void> = Promise.resolve();

  /**
   * Starts `count` processes in the background: the server's own thread
   * answers meanwhile (a 100,000-zone copy takes seconds), and ready()
   * resolves when each answers or failed to start (logged, and started
   * again after a pause).
   */
  start(count: number): void {
    this.#index.observe((c) => this.#record(c));
    this.#ready = Promise.allSettled(Array.from({ length: count }, () => this.#spawn())).then((started) => {
      if (this.#closing) return;
      for (const s of started) if (s.status === 'rejected') this.#log.error({ err: s.reason as unknown }, 'dns: an answering process did not start');
    });
  }

  /** Resolves once the processes of start() answer (or failed to start). */
  ready(): Promise<void> {
    return this.#ready;
  }

  #record(change: IndexChange): void {
    if (change.op === 'delete') this.#pending.push({ op: 'delete', apex: change.apex });
    else if (change.patch) this.#pending.push({ op: 'patch', apex: change.zone.apex, ...change.patch });
    else this.#pending.push({ op: 'set', apex: change.zone.apex, kind: change.zone.kind, records: change.zone.records });
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(() => this.#flush());
    }
  }

  /** Sends the changes made since the last flush to every process, as one numbered batch. */
  #flush(): void {
    this.#flushQueued = false;
    if (this.#pending.length === 0) return;
    const message: ToAnswerer = { type: 'zones', seq: ++this.#seq, ops: this.#pending };
    this.#pending = [];
    for (const a of this.#answerers) this.#send(a, message);
  }

  #send(a: Answerer, m: ToAnswerer, handle?: Socket): void {
    if (!a.child.connected) return;
    try {
      if (handle) a.child.send(m, handle, { keepOpen: true });
      else a.child.send(m);
    } catch (err) {
      this.#log.warn({ err, pid: a.child.pid }, 'dns: could not reach an answering process');
    }
  }

  /** Resolves once every process has applied every change made so far (or SETTLE_TIMEOUT_MS passed). */
  settled(): Promise<void> {
    this.#flush();
    const seq = this.#seq;
    const waits = [...this.#answerers].filter((a) => a.applied < seq).map((a) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          // One still taking its first copy is expected to be late (it answers nothing before it holds the copy).
          if (a.listening) this.#log.warn({ pid: a.child.pid, seq }, 'dns: an answering process is late applying zone changes');
          resolve();
        }, SETTLE_TIMEOUT_MS);
        timer.unref();
        a.waiters.push({ seq, resolve: () => { clearTimeout(timer); resolve(); } });
      }));
    return Promise.all(waits).then(() => undefined);
  }

  /** Forks one process, copies the index into it, then gives it the socket; resolves when it answers. */
  #spawn(): Promise<void> {
    // Changes not yet sent are in the index already: the copy carries them, and the next batch (resent) is harmless only if sent first.
    this.#flush();
    const child = forkAnswerer();
    const a: Answerer = { child, applied: this.#seq, listening: false, waiters: [] };
    this.#answerers.add(a);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('an answering process did not start in time'));
        child.kill('SIGKILL');
      }, START_TIMEOUT_MS);
      timer.unref();
      child.on('message', (m: FromAnswerer) => {
        if (m.type === 'ready') {
          // Only now: a socket that reached the process before its handler would read datagrams nobody answers.
          this.#send(a, { type: 'listen' }, this.#socket);
        } else if (m.type === 'applied') {
          if (m.seq > a.applied) a.applied = m.seq;
          const due = a.waiters.filter((w) => w.seq <= a.applied);
          if (due.length > 0) {
            a.waiters.splice(0, a.waiters.length, ...a.waiters.filter((w) => w.seq > a.applied));
            for (const w of due) w.resolve();
          }
        } else if (m.type === 'listening') {
          a.listening = true;
          this.#failuresInARow = 0;
          clearTimeout(timer);
          resolve();
        } else if (m.type === 'metrics') {
          this.#metricsWaiters.get(m.id)?.(m);
        } else if (m.type === 'log') {
          this.#log[m.level]({ ...m.obj, answerer: child.pid }, m.msg);
        }
      });
      child.on('error', (err) => this.#log.error({ err, pid: child.pid }, 'dns: answering process error'));
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.#answerers.delete(a);
        for (const w of a.waiters) w.resolve();
        if (!a.listening) reject(new Error(`an answering process stopped before answering (${signal ?? `exit code ${code}`})`));
        if (this.#closing) return;
        // Died (or never started): another one, from a full copy, after a pause that grows while they keep dying.
        this.#log.error({ code, signal, pid: child.pid }, 'dns: answering process stopped; starting another');
        const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** this.#failuresInARow++);
        setTimeout(() => {
          if (this.#closing) return;
          this.#spawn().then(() => this.#restarts++, (err: unknown) => this.#log.error({ err }, 'dns: answering process restart failed'));
        }, delay).unref();
      });
      this.#send(a, { type: 'init', options: this.#options });
      let batch: ZoneOp[] = [];
      for (const zone of this.#index.zones()) {
        batch.push({ op: 'set', apex: zone.apex, kind: zone.kind, records: zone.records });
        if (batch.length >= COPY_BATCH) {
          this.#send(a, { type: 'zones', seq: a.applied, ops: batch });
          batch = [];
        }
      }
      if (batch.length > 0) this.#send(a, { type: 'zones', seq: a.applied, ops: batch });
      // The socket follows the copy once the process answers `ready` (above).
    });
  }

  /** The processes' counters and memory (a process that does not answer within a second is left out). */
  async summary(): Promise<AnswerersSummary> {
    const replies = await Promise.all([...this.#answerers].filter((a) => a.listening).map((a) =>
      new Promise<Extract<FromAnswerer, { type: 'metrics' }> | undefined>((resolve) => {
        const id = this.#nextMetrics++;
        const timer = setTimeout(() => done(undefined), 1_000);
        const done = (m: Extract<FromAnswerer, { type: 'metrics' }> | undefined) => {
          clearTimeout(timer);
          this.#metricsWaiters.delete(id);
          resolve(m);
        };
        this.#metricsWaiters.set(id, done);
        this.#send(a, { type: 'metrics', id });
      })));
    const got = replies.filter((m) => m !== undefined);
    return { running: got.length, rss: got.reduce((s, m) => s + m.rss, 0), metrics: got.map((m) => m.metrics) };
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#index.observe(undefined);
    await Promise.all([...this.#answerers].map((a) => new Promise<void>((resolve) => {
      if (a.child.exitCode !== null || a.child.signalCode !== null) return resolve();
      a.child.once('exit', () => resolve());
      // Closing the channel is the process's signal to exit; a kill in case it does not.
      a.child.disconnect();
      setTimeout(() => a.child.kill('SIGKILL'), 2_000).unref();
    })));
  }
}
