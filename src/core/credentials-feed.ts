/**
 * Keeps a process's verified-credentials cache (credentials-cache.ts) in
 * step with changes made elsewhere, by reading the credentials change log
 * (`credential_changes`, migration 0018) the way the DNS server reads its
 * own (publication/change-feed.ts: an xid mark, so no committed row is ever
 * skipped; pruning; a reader that fell behind the pruning drops everything).
 *
 * - PostgreSQL (other servers may write): the log is read every `intervalMs`
 *   (250 ms; one statement when nothing changed), and the cache answers only
 *   while the last read that succeeded began at most `maxLagMs` (1 s) ago.
 *   A change committed by another process is thus honoured here within one
 *   interval plus a read, and never later than `maxLagMs`: past it (the
 *   database unreachable, the process stalled), every check goes to the
 *   database until a read succeeds again.
 * - The embedded store (one process, its data directory locked): the flows
 *   of this process drop what they change at once; the log is read only
 *   after a commit was announced (at most once per interval), as a safety
 *   net for a writer that did not say what it changed, so an idle server
 *   issues no SQL for it.
 *
 * Rows are pruned as the DNS log's are (RETENTION_MS after this reader
 * passed them).
 */
import type { Engine } from './engine.ts';
import { ChangeFeed, type DnsChange } from './publication/change-feed.ts';

export const CREDENTIALS_FEED_INTERVAL_MS = 250;
export const CREDENTIALS_FEED_MAX_LAG_MS = 1_000;

export interface CredentialsFeedOptions {
  readonly intervalMs?: number;
  readonly maxLagMs?: number;
  readonly onError?: (err: unknown) => void;
}

export interface RunningCredentialsFeed {
  /** Reads the log now (after any read in progress) and applies it. */
  readNow(): Promise<void>;
  /** Stops reading; on PostgreSQL the cache stops answering. Waits for a read in progress. */
  stop(): Promise<void>;
}

export function startCredentialsFeed(engine: Pick<Engine, 'store' | 'credentials' | 'commits'>, options: CredentialsFeedOptions = {}): RunningCredentialsFeed {
  const intervalMs = options.intervalMs ?? CREDENTIALS_FEED_INTERVAL_MS;
  const maxLagMs = options.maxLagMs ?? CREDENTIALS_FEED_MAX_LAG_MS;
  const onError = options.onError ?? (() => {});
  const cache = engine.credentials;
  const db = engine.store.db;
  const shared = engine.store.kind === 'postgres';
  const feed = new ChangeFeed({ log: 'credential_changes', pruned: 'credential_changes_pruned' });
  let started = false;
  /** performance.now() when the last applied read began; the cache answers within maxLagMs of it (PostgreSQL). */
  let lastGood = -Infinity;
  if (shared) cache.setCoherence(() => performance.now() - lastGood <= maxLagMs);

  const apply = (changes: readonly DnsChange[]) => {
    for (const c of changes) {
      if (c.kind === 'a') cache.forgetAccount(c.ref);
      else if (c.kind === 'l') cache.forgetLogin(c.ref);
      else cache.forgetAll();
    }
  };

  const read = async () => {
    const began = performance.now();
    if (!started) {
      await feed.start(db);
      started = true;
    }
    const r = await feed.read(db);
    if (r.reset) cache.forgetAll();
    else apply(r.changes);
    feed.done();
    // The first read: whatever a check read before the log was followed may be stale.
    if (shared && lastGood === -Infinity) cache.forgetAll();
    lastGood = began;
    if (feed.pruneDue()) await feed.prune(db);
  };

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const queued = () => {
    const next = running.then(read);
    running = next.catch(onError);
    return next;
  };

  if (shared) {
    const loop = () => {
      void queued().catch(() => undefined).finally(() => {
        if (!closed) {
          timer = setTimeout(loop, intervalMs);
          timer.unref();
        }
      });
    };
    loop();
    return {
      readNow: queued,
      async stop() {
        closed = true;
        clearTimeout(timer);
        await running;
        cache.setCoherence(() => false);
      },
    };
  }

  // Embedded: a read after announced commits, at most once per interval; pruning rides on them.
  let lastRead = -Infinity;
  const unsubscribe = engine.commits.subscribe(() => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      lastRead = performance.now();
      void queued().catch(() => undefined);
    }, Math.max(0, lastRead + intervalMs - performance.now()));
    timer.unref();
  });
  return {
    readNow: queued,
    async stop() {
      closed = true;
      unsubscribe();
      clearTimeout(timer);
      await running;
    },
  };
}
