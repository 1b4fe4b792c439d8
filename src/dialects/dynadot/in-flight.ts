/**
 * Requests in progress per API key, in this process (spec §3: "only one
 * request can be processed at a time"; §17: per account level). A request
 * counts from its arrival until its response is closed; is_processing reads
 * the count. Kept in memory: several regd processes behind one address
 * count apart (README "Concurrent requests").
 */
export class InFlight {
  readonly #byKey = new Map<string, number>();

  enter(key: string): number {
    const n = (this.#byKey.get(key) ?? 0) + 1;
    this.#byKey.set(key, n);
    return n;
  }

  leave(key: string): void {
    const n = (this.#byKey.get(key) ?? 0) - 1;
    if (n <= 0) this.#byKey.delete(key);
    else this.#byKey.set(key, n);
  }

  /** Requests of the key in progress (the asking one included when it holds a slot). */
  count(key: string): number {
    return this.#byKey.get(key) ?? 0;
  }
}
