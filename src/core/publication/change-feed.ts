/**
 * Reading the DNS change log (table dns_changes, migration 0014): triggers
 * append a row, in the writing transaction, for every change to a row the
 * DNS server reads. A reader must never skip a row, though rows do not
 * become visible in `seq` order: a transaction that took a lower `seq`
 * may commit after one that took a higher. So the reader does not keep a
 * `seq`; it keeps a transaction id, the oldest transaction still running
 * when it last read (`pg_snapshot_xmin` of that read's snapshot). Every
 * transaction below that mark had ended, so its rows were in that read;
 * every row that becomes visible later belongs to a transaction at or
 * above it. Each read takes the rows of transactions from the mark on
 * (an index range of the primary key, usually empty), skips those it has
 * already seen, and moves the mark.
 *
 * Pruning: rows of transactions that this reader passed more than
 * RETENTION_MS ago are deleted, and `dns_changes_pruned.below` is raised to
 * that bound; a reader (another server on the same database) whose mark is
 * under it may have lost rows and is told to reread everything (`reset`).
 * A missed change is therefore impossible: at worst a lagging reader
 * rereads the tables.
 */
import { sql } from 'kysely';
import type { Db } from '../../store/index.ts';

export interface DnsChange {
  /** DNS: 'd' domain (ref: its id), 'z' many records of a hosted zone, 'y' a few (ref: the domain id; each also 'r', ref: the record id), 's' a zone's dns_zones row (ref: the domain id), 'h' host, 'n' NSSET, '*' everything (migrations 0014, 0023). Credentials: see migration 0018. */
  readonly kind: string;
  readonly ref: number;
}

export type FeedRead =
  | { readonly reset: false; readonly changes: readonly DnsChange[] }
  /** Rows may have been pruned before this reader saw them: reread every table. */
  | { readonly reset: true };

/** Rows read per statement; more are read in pages. */
export const PAGE_SIZE = 5_000;
/** How long rows are kept after this reader passed them (another reader lagging longer rereads everything). */
export const RETENTION_MS = 10 * 60_000;
/** How often the reader deletes what is past RETENTION_MS. */
export const PRUNE_INTERVAL_MS = 60_000;

interface Row {
  readonly xmin: string;
  readonly missed: boolean;
  readonly seq: number | null;
  readonly kind: string | null;
  readonly ref: number | null;
  readonly xid: string | null;
}

/**
 * A reader of one change log: a table (seq, xid, kind, ref) written by
 * triggers, and its one-row `below` table of what was pruned. The DNS log
 * (DnsChangeFeed) and the credentials log (migration 0018) are read alike.
 */
export class ChangeFeed {
  readonly #log: ReturnType<typeof sql.table>;
  readonly #pruned: ReturnType<typeof sql.table>;

  constructor(tables: { readonly log: string; readonly pruned: string }) {
    this.#log = sql.table(tables.log);
    this.#pruned = sql.table(tables.pruned);
  }

  /** Transactions from this id on may have rows this reader has not seen. */
  #mark: bigint | undefined;
  /** `seq` of the rows already read whose transaction is at or above #mark. */
  #seen = new Set<number>();
  /** Where the last read leaves the feed once applied (done()). */
  #next: { readonly mark: bigint; readonly seen: Set<number> } | undefined;
  /** Marks as they were, oldest first, each with when (performance.now()) it was taken. */
  readonly #history: { readonly at: number; readonly mark: bigint }[] = [];
  #lastPruneAt = -Infinity;
  #prunedBelow = 0n;

  /** The current mark, as text (tests, diagnostics); undefined before start(). */
  get mark(): string | undefined {
    return this.#mark?.toString();
  }

  /** Called just before reading every table whole: later reads return what that read may not have seen. */
  async start(db: Db): Promise<void> {
    const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db);
    this.#mark = BigInt(rows[0]!.xmin);
    this.#seen = new Set();
    this.#next = undefined;
  }

  /**
   * The changes committed since the last applied read (or start); done()
   * once they are applied. One statement when there are fewer than PAGE_SIZE.
   */
  async read(db: Db): Promise<FeedRead> {
    if (this.#mark === undefined) throw new Error('ChangeFeed.read before start');
    const from = this.#mark;
    let xmin: bigint | undefined;
    let missed = false;
    const changes: DnsChange[] = [];
    const seen = new Set<number>();
    let after = { xid: from.toString(), seq: 0 };
    for (;;) {
      const { rows } = await sql<Row>`
        select s.xmin::text as xmin, (select p.below from ${this.#pruned} p) > ${from.toString()}::xid8 as missed,
          c.seq, c.kind, c.ref, c.xid::text as xid
        from (select pg_snapshot_xmin(pg_current_snapshot()) as xmin) s
        left join lateral (
          select seq, kind, ref, xid from ${this.#log}
          where (xid, seq) > (${after.xid}::xid8, ${after.seq}::bigint)
          order by xid, seq limit ${PAGE_SIZE}
        ) c on true`.execute(db);
      // The first page's snapshot decides the new mark: what commits while later pages are read is at or above it.
      if (xmin === undefined) {
        xmin = BigInt(rows[0]!.xmin);
        missed = rows[0]!.missed === true;
      }
      let n = 0;
      for (const r of rows) {
        if (r.seq === null) continue;
        n++;
        if (BigInt(r.xid!) >= xmin) seen.add(r.seq);
        if (!this.#seen.has(r.seq)) changes.push({ kind: r.kind!, ref: r.ref! });
        after = { xid: r.xid!, seq: r.seq };
      }
      if (n < PAGE_SIZE) break;
    }
    this.#next = { mark: xmin > from ? xmin : from, seen };
    return missed ? { reset: true } : { reset: false, changes };
  }

  /** The last read has been applied: the next read starts after it. Until then (a failed apply) it is read again. */
  done(): void {
    if (!this.#next) return;
    this.#mark = this.#next.mark;
    this.#seen = this.#next.seen;
    this.#next = undefined;
  }

  /** True when PRUNE_INTERVAL_MS have passed since the last prune (`now`: performance.now()). */
  pruneDue(now = performance.now()): boolean {
    return this.#mark !== undefined && now - this.#lastPruneAt >= PRUNE_INTERVAL_MS;
  }

  /**
   * Deletes the rows of transactions below the mark this reader had
   * RETENTION_MS ago (it has read them; so has any reader that reads at
   * least that often) and raises dns_changes_pruned.below to it. Each call
   * also notes the current mark for later calls; `now` is a monotonic
   * instant in ms (performance.now()).
   */
  async prune(db: Db, now = performance.now()): Promise<void> {
    if (this.#mark === undefined) return;
    this.#lastPruneAt = now;
    this.#history.push({ at: now, mark: this.#mark });
    let bound: bigint | undefined;
    while (this.#history.length > 0 && this.#history[0]!.at <= now - RETENTION_MS) bound = this.#history.shift()!.mark;
    if (bound === undefined || bound <= this.#prunedBelow) return;
    const below = bound.toString();
    await sql`
      with gone as (delete from ${this.#log} where xid < ${below}::xid8)
      update ${this.#pruned} set below = ${below}::xid8 where below < ${below}::xid8`.execute(db);
    this.#prunedBelow = bound;
  }
}

/** The DNS change log (migration 0014). */
export class DnsChangeFeed extends ChangeFeed {
  constructor() {
    super({ log: 'dns_changes', pruned: 'dns_changes_pruned' });
  }
}
