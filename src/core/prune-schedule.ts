/**
 * When an account's expired idempotency keys are pruned (issue 15).
 *
 * A repeat is judged by the window alone (claim-request.ts, migration
 * 0028): a key older than the window is never replayed and is taken over by
 * a new request with the same key. Pruning the expired keys is only garbage
 * collection, and it need not run with every request.
 *
 * Run with every request, it cost more than the request's own work. A
 * deleted key leaves its index entries until the table is vacuumed (by
 * autovacuum, or by regd's own maintenance on the embedded store), and every
 * prune walks the account's age index from its oldest entry: past all the
 * keys the prunes before it deleted. At 1,000 registrations per second that
 * is tens of thousands of entries per statement; measured on PostgreSQL
 * without a vacuum in between, a Freenom registration's database time grew
 * from ~0.6 ms to ~2.7 ms within a minute.
 *
 * So each process prunes an account's expired keys at most once per
 * PRUNE_EVERY_MS of the engine clock: the walk past the deleted entries is
 * paid once per interval, and the keys that expired within it are deleted
 * in one go (about a second's worth). A prune in a request that then fails
 * is lost with it; the next request after the interval prunes.
 */

/** The least time between two prunes of one account's expired keys by one process. */
export const PRUNE_EVERY_MS = 1_000;

/** Accounts remembered before those not pruned within the interval are forgotten (they would be due anyway). */
const MAX_REMEMBERED = 10_000;

export class PruneSchedule {
  readonly #lastMs = new Map<number, number>();
  readonly #everyMs: number;

  constructor(everyMs: number = PRUNE_EVERY_MS) {
    this.#everyMs = everyMs;
  }

  /**
   * Whether `accountId`'s expired keys are due for a prune at `now`; if they
   * are, the prune is counted as done at `now`. A clock set back makes it due
   * at once.
   */
  due(accountId: number, now: Date): boolean {
    const t = now.getTime();
    const last = this.#lastMs.get(accountId);
    if (last !== undefined && t >= last && t - last < this.#everyMs) return false;
    if (last === undefined && this.#lastMs.size >= MAX_REMEMBERED) {
      for (const [id, at] of this.#lastMs) if (!(t >= at && t - at < this.#everyMs)) this.#lastMs.delete(id);
    }
    this.#lastMs.set(accountId, t);
    return true;
  }
}
