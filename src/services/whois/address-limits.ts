/**
 * Per source address limits of the publication services (WHOIS, RDAP):
 * requests per minute (a fixed one-minute window on the wall clock, not the
 * movable engine clock: a sandbox clock move must not lift a limit) and
 * connections held at once. 0 turns a limit off. Memory is bounded by the
 * addresses seen in the current minute.
 */
export class AddressLimits {
  readonly #perMinute: number;
  readonly #concurrent: number;
  readonly #now: () => number;
  #window = -1;
  readonly #counts = new Map<string, number>();
  readonly #open = new Map<string, number>();

  constructor(options: { readonly perMinute: number; readonly concurrent?: number; readonly now?: () => number }) {
    this.#perMinute = options.perMinute;
    this.#concurrent = options.concurrent ?? 0;
    this.#now = options.now ?? Date.now;
  }

  /** Counts one request; false when the address is over its limit this minute (the request is not served). */
  take(address: string): boolean {
    if (this.#perMinute === 0) return true;
    const window = Math.floor(this.#now() / 60_000);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts.clear();
    }
    const n = (this.#counts.get(address) ?? 0) + 1;
    this.#counts.set(address, n);
    return n <= this.#perMinute;
  }

  /** Seconds until the current window ends (Retry-After). */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((60_000 - (this.#now() % 60_000)) / 1000));
  }

  /** Opens a connection; false (nothing held) when the address already holds the most it may. */
  open(address: string): boolean {
    const n = this.#open.get(address) ?? 0;
    if (this.#concurrent !== 0 && n >= this.#concurrent) return false;
    this.#open.set(address, n + 1);
    return true;
  }

  close(address: string): void {
    const n = (this.#open.get(address) ?? 0) - 1;
    if (n <= 0) this.#open.delete(address);
    else this.#open.set(address, n);
  }
}
