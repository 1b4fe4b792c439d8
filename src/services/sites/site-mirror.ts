/**
 * The domains regd's forwarding (HTTP) and e-mail forwarding (SMTP)
 * services answer for, mirrored in memory by name and kept current from the
 * DNS change log (core/publication, read through a SiteSource): a poll reads
 * only the domains the log names (one statement when nothing changed).
 *
 * A write committed in this process is announced (engine.commits) and polled
 * for at once; `fresh()` lets a request wait for that poll, so a change made
 * through any dialect is what the very next request sees. Writers in other
 * processes (PostgreSQL) are read every POLL_INTERVAL_MS.
 */
import type { Engine } from '../../core/engine.ts';
import type { SiteRow, SiteSource } from '../../core/index.ts';

/** How often the log is read without an announcement: another process may write a PostgreSQL database. */
export const POLL_INTERVAL_MS = 1_000;
/** The same on the embedded store, which only this process writes (a writer that did not announce). */
export const EXCLUSIVE_POLL_INTERVAL_MS = 10_000;

export class SiteMirror {
  /** Rows not released, by name. */
  readonly #byName = new Map<string, SiteRow>();
  readonly #byId = new Map<number, SiteRow>();
  readonly #source: SiteSource;
  readonly #feed;

  constructor(source: SiteSource) {
    this.#source = source;
    this.#feed = source.changeReader();
  }

  get size(): number {
    return this.#byName.size;
  }

  /** The domain of this name when regd publishes it now (its lifecycle state at the engine's clock). */
  lookup(name: string): SiteRow | undefined {
    const row = this.#byName.get(name);
    return row && this.#source.servedNow(row) ? row : undefined;
  }

  /** Reads what the change log names since the last poll; the first poll (or a log that lost rows) reads every domain. */
  async poll(): Promise<void> {
    if (this.#feed.mark === undefined) {
      await this.#feed.start();
      this.#replaceAll(await this.#source.sites());
    } else {
      const read = await this.#feed.read();
      if (read.reset || read.changes.some((c) => c.kind === '*')) this.#replaceAll(await this.#source.sites());
      else {
        const ids = [...new Set(read.changes.filter((c) => c.kind === 'd').map((c) => c.ref))];
        if (ids.length > 0) this.#apply(ids, await this.#source.sites(ids));
      }
      this.#feed.done();
    }
    if (this.#feed.pruneDue()) await this.#feed.prune();
  }

  #replaceAll(rows: readonly SiteRow[]): void {
    this.#byName.clear();
    this.#byId.clear();
    for (const r of rows) this.#set(r);
  }

  #apply(ids: readonly number[], rows: readonly SiteRow[]): void {
    for (const id of ids) {
      const old = this.#byId.get(id);
      if (!old) continue;
      this.#byId.delete(id);
      if (this.#byName.get(old.name)?.id === id) this.#byName.delete(old.name);
    }
    for (const r of rows) this.#set(r);
  }

  #set(r: SiteRow): void {
    if (r.releasedAt !== null) return;
    this.#byId.set(r.id, r);
    this.#byName.set(r.name, r);
  }
}

export interface SiteFollower {
  readonly mirror: SiteMirror;
  /** Resolves once every write announced so far is in the mirror (a failed poll is reported and the mirror answers as it is). */
  fresh(): Promise<void>;
  close(): Promise<void>;
}

/** Loads the mirror, then follows the change log: at once after each announced commit, and every interval. */
export async function followSites(engine: Pick<Engine, 'commits' | 'store'>, source: SiteSource, onError: (err: unknown) => void): Promise<SiteFollower> {
  const mirror = new SiteMirror(source);
  await mirror.poll();
  let announced = 0;
  let covered = 0;
  let closed = false;
  // Polls never overlap: each queues behind the one running; callers arriving before a queued poll starts share it.
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  const pollNow = (): Promise<void> => {
    if (queued) return queued;
    const next = running.then(async () => {
      queued = undefined;
      const upTo = announced;
      await mirror.poll();
      covered = Math.max(covered, upTo);
    }).catch(onError);
    queued = next;
    running = next;
    return next;
  };
  const unsubscribe = engine.commits.subscribe(() => {
    announced++;
    if (!closed) setImmediate(() => void pollNow());
  });
  const intervalMs = engine.store.kind === 'pglite' ? EXCLUSIVE_POLL_INTERVAL_MS : POLL_INTERVAL_MS;
  const timer = setInterval(() => void pollNow(), intervalMs);
  timer.unref();
  return {
    mirror,
    async fresh() {
      if (covered < announced) await pollNow();
    },
    async close() {
      closed = true;
      unsubscribe();
      clearInterval(timer);
      await running;
    },
  };
}

/** One follower per engine, shared by the services of a process (forwarding and mail): one read of the log per commit, not one per service. */
const shared = new WeakMap<object, { follower: Promise<SiteFollower>; refs: number }>();

/**
 * The engine's shared follower (started on first use); each caller's close()
 * releases its share, and the last one stops it. Errors go to the first
 * caller's onError.
 */
export async function acquireSites(engine: Pick<Engine, 'commits' | 'store'>, source: () => SiteSource, onError: (err: unknown) => void): Promise<SiteFollower> {
  let entry = shared.get(engine);
  if (!entry) {
    entry = { follower: followSites(engine, source(), onError), refs: 0 };
    shared.set(engine, entry);
    entry.follower.catch(() => shared.delete(engine));
  }
  entry.refs++;
  const mine = entry;
  const follower = await mine.follower;
  let released = false;
  return {
    mirror: follower.mirror,
    fresh: () => follower.fresh(),
    async close() {
      if (released) return;
      released = true;
      if (--mine.refs > 0) return;
      if (shared.get(engine) === mine) shared.delete(engine);
      await follower.close();
    },
  };
}
