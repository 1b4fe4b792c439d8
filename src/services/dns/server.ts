/**
 * startDnsServer: builds the index from the store, listens on UDP and TCP,
 * polls the store for changed zones, and sends NOTIFY on every new serial.
 * Answers never wait on SQL: the poll loop swaps zones into the index in the
 * background.
 */
import type { Registry } from 'prom-client';
import type { Clock } from '../../core/clock.ts';
import type { Engine } from '../../core/engine.ts';
import { dnsSource, type DnsSource } from '../../core/index.ts';
import type { PolicyBook } from '../../core/policy/index.ts';
import { AnswerPool } from './answerers/pool.ts';
import { DnsIndex } from './dns-index.ts';
import { DnsMetrics } from './metrics.ts';
import { normalizeName } from './names.ts';
import { resolveDnsOptions, type DnsOptions, type DnsOptionsInput } from './options.ts';
import { ZonePublisher, type ZoneChange } from './publisher.ts';
import { QueryProcessor } from './query.ts';
import { StoreMirror } from './store-mirror.ts';
import { listenTcp } from './tcp.ts';
import { listenUdp } from './udp.ts';
import { JournalStore } from './xfr/journal-store.ts';
import { Notifier } from './xfr/notify.ts';
import { transferMessages, xfrAcl } from './xfr/transfer.ts';

export interface DnsLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * What the server reads the engine through: the store (as a DnsSource), the
 * clock, the TLD policy, and the announcements of this process's commits.
 * In the main thread, the engine's own (feedOf); in a DNS worker thread,
 * proxies of the main thread's (worker.ts).
 */
export interface DnsFeed {
  readonly source: DnsSource;
  readonly clock: Clock;
  readonly policy: PolicyBook;
  readonly commits: { subscribe(listener: () => void): () => void };
  /** Only this process writes the store (the embedded PGlite): between announcements, polls are rare. */
  readonly exclusive: boolean;
  /** Awaited before each tick (a worker brings its clock in step with the main thread's). */
  readonly beforeTick?: () => Promise<void>;
}

export function feedOf(engine: Engine): DnsFeed {
  return { source: dnsSource(engine), clock: engine.clock, policy: engine.policy, commits: engine.commits, exclusive: engine.store.kind === 'pglite' };
}

export interface StartDnsServerInput {
  /** The engine of this thread, or (`feed`) a feed of another thread's. */
  readonly engine?: Engine;
  readonly feed?: DnsFeed;
  readonly config?: DnsOptionsInput;
  /** The HTTP server's Prometheus registry: DNS counters appear on its /metrics. */
  readonly metricsRegistry?: Registry;
  readonly log?: DnsLogger;
}

export interface RunningDnsServer {
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly options: DnsOptions;
  readonly index: DnsIndex;
  readonly metrics: DnsMetrics;
  /** Poll the store now; with a zone name, rebuild that zone even if nothing seems changed. Resolves with the zones that got a new serial. */
  reload(zone?: string): Promise<readonly ZoneChange[]>;
  /** One poll now, as the poll loop does it (only what changed). Resolves with the zones that got a new serial. */
  refresh(): Promise<readonly ZoneChange[]>;
  /** NOTIFYs still waiting for an answer. */
  pendingNotifies(): number;
  /** The answering processes (dns.answerProcesses), if any. */
  readonly answerers: AnswerPool | undefined;
  close(): Promise<void>;
}

const SILENT: DnsLogger = { info() {}, warn() {}, error() {} };

export async function startDnsServer(input: StartDnsServerInput): Promise<RunningDnsServer> {
  const options = resolveDnsOptions(input.config);
  const log = input.log ?? SILENT;
  const feed = input.feed ?? (input.engine ? feedOf(input.engine) : undefined);
  if (!feed) throw new TypeError('startDnsServer: an engine or a feed is required');
  const index = new DnsIndex();
  const metrics = new DnsMetrics();
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const notifier = new Notifier({ index, options, metrics, nowSeconds, log: (msg, extra) => log.warn(extra ?? {}, msg) });
  const { source } = feed;
  const mirror = new StoreMirror(source);
  let started = false;
  let closed = false;
  let answerers: AnswerPool | undefined;
  const publisher = new ZonePublisher({
    engine: feed, options, index, mirror, metrics,
    ...(options.journalSize > 0 ? { journalStore: new JournalStore(source, options.journalSize) } : {}),
    onChange: (c) => {
      if (!started) return;
      // With answering processes, NOTIFY waits until each holds the new serial: a secondary's SOA query then meets it wherever it lands.
      if (answerers) void answerers.settled().then(() => closed || notifier.notify(c.apex));
      else notifier.notify(c.apex);
    },
  });
  await publisher.loadAll();
  started = true;

  const processor = new QueryProcessor({ index, options, metrics, nowSeconds });
  const acl = xfrAcl(options);
  const onQuery = options.queryLog ? (msg: Buffer, from: string) => log.info({ from, bytes: msg.length, id: msg.length >= 2 ? msg.readUInt16BE(0) : -1 }, 'dns query') : undefined;
  const udp = await listenUdp(options.host, options.port, processor, onQuery);
  let tcp;
  try {
    tcp = await listenTcp(
      options.host, options.port === 0 ? udp.port : options.port, processor,
      (x, raw, peer) => transferMessages({ index, journal: publisher.journal, options, metrics, nowSeconds }, acl, x.request, raw, peer, { mac: x.tsigMac, key: x.tsigKey }),
      onQuery,
    );
  } catch (e) {
    // Port 0: the UDP port's TCP twin may be taken; any free port then.
    if (options.port !== 0) {
      await udp.close();
      throw e;
    }
    tcp = await listenTcp(options.host, 0, processor, (x, raw, peer) => transferMessages({ index, journal: publisher.journal, options, metrics, nowSeconds }, acl, x.request, raw, peer, { mac: x.tsigMac, key: x.tsigKey }), onQuery);
  }
  if (options.answerProcesses > 0) {
    // Started in the background: this thread answers from now on, each process once it holds its copy (answerers.ready()).
    answerers = new AnswerPool({ index, socket: udp.socket, options, log });
    answerers.start(options.answerProcesses);
  }
  await notifier.start();
  if (input.metricsRegistry) {
    if (answerers) {
      // The counters of this thread and of the answering processes, summed when scraped.
      const pool = answerers;
      const sum = new DnsMetrics();
      sum.register(input.metricsRegistry, () => index.size, async () => sum.setSum([metrics.snapshot(), ...(await pool.summary()).metrics]));
    } else {
      metrics.register(input.metricsRegistry, () => index.size);
    }
  }
  log.info({ host: options.host, udpPort: udp.port, tcpPort: tcp.port, zones: index.size }, 'dns server listening');

  // The poll loop: one tick at a time, never overlapping; a failing tick is logged and retried on the next.
  // A write committed in this process is announced (engine.commits) and polled for at once. An embedded
  // store is written by this process alone, so between announcements its ticks need no SQL (lifecycle
  // instants come from the mirror) but a read of the change log every 10 s (a writer that did not
  // announce); a PostgreSQL server may have other writers, so every tick polls it.
  const { exclusive } = feed;
  let ticking = false;
  let announced = false;
  // A failed poll may have missed an announced write: the next tick polls again (at the usual interval).
  let pollAgain = false;
  let timer: NodeJS.Timeout | undefined;
  // Ticks never overlap: the loop's, reload()'s and refresh()'s all queue behind the one running.
  let running: Promise<unknown> = Promise.resolve();
  const queued = <T>(tick: () => Promise<T>): Promise<T> => {
    const next = running.then(async () => {
      await feed.beforeTick?.();
      return tick();
    });
    running = next.catch(() => undefined);
    return next;
  };
  const loop = () => {
    ticking = true;
    void queued(() => {
      const poll = !exclusive || announced || pollAgain || mirror.pollDue();
      announced = false;
      pollAgain = false;
      return publisher.tick({ poll });
    }).catch((err: unknown) => {
      pollAgain = true;
      log.error({ err }, 'dns zone refresh failed');
    }).finally(() => {
      ticking = false;
      if (!closed) timer = setTimeout(loop, announced ? 0 : options.pollIntervalMs);
    });
  };
  const unsubscribe = feed.commits.subscribe(() => {
    announced = true;
    if (ticking || closed) return; // the running tick reschedules at once
    clearTimeout(timer);
    timer = setTimeout(loop, 0);
  });
  timer = setTimeout(loop, options.pollIntervalMs);

  return {
    udpPort: udp.port,
    tcpPort: tcp.port,
    options,
    index,
    metrics,
    // Both resolve once what they published is served by every answering process too.
    async reload(zone?: string) {
      const changes = await queued(() => publisher.tick(zone === undefined ? { full: true } : { zone: normalizeName(zone) }));
      await answerers?.settled();
      return changes;
    },
    async refresh() {
      const changes = await queued(() => publisher.tick());
      await answerers?.settled();
      return changes;
    },
    pendingNotifies: () => notifier.pending,
    answerers,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearTimeout(timer);
      await running;
      await answerers?.close();
      await Promise.all([udp.close(), tcp.close(), notifier.close()]);
    },
  };
}
