/**
 * Keeps a process's OffsetClock equal to the offset stored in `settings`.
 * `load()` at start; `refresh()` after a clock command and, in a sandbox
 * server, every second (another process — a CLI on a shared PostgreSQL —
 * may have moved it). Every observed move is announced to the `onClockMoved`
 * listeners (the lifecycle sweeper subscribes there), one move at a time.
 *
 * A stored offset out of range (an older regd could store one that no read
 * accepted, and every start then failed) is repaired, not refused: the clock
 * goes back to where it stood when that value was written, and a warning
 * says so (clock-settings.ts).
 */
import { LATEST_CLOCK, OffsetClock } from '../core/clock.ts';
import { CLOCK_OFFSET_KEY, readStoredClockOffset, repairClockOffset, type ClockRepair } from '../core/flows/clock/index.ts';
import type { Db } from '../store/index.ts';

export interface ClockMove {
  readonly from: Date;
  readonly to: Date;
  readonly offsetMs: number;
}

export type ClockMovedListener = (move: ClockMove) => void | Promise<void>;

export class ClockSync {
  readonly clock: OffsetClock;
  readonly #db: Db;
  readonly #listeners: ClockMovedListener[] = [];
  readonly #onListenerError: (err: unknown) => void;
  readonly #onWarning: (message: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #polling = false;
  /** Serialises refreshes so two callers never announce the same move twice. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Db, options: { clock?: OffsetClock; onListenerError?: (err: unknown) => void; onWarning?: (message: string) => void } = {}) {
    this.#db = db;
    this.clock = options.clock ?? new OffsetClock();
    this.#onListenerError = options.onListenerError ?? ((err) => console.error('clock listener failed:', err));
    this.#onWarning = options.onWarning ?? ((message) => console.warn(`regd: warning: ${message}`));
  }

  /** Reads the stored offset without announcing anything (start-up). */
  async load(): Promise<void> {
    this.clock.setOffset(await this.#read());
  }

  /** Reads the stored offset; when it changed, applies it and awaits the listeners. */
  refresh(): Promise<ClockMove | null> {
    const run = this.#queue.then(() => this.#refreshNow());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Subscribes to clock moves; returns the unsubscribe function. */
  onClockMoved(listener: ClockMovedListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** Re-reads the offset every `intervalMs` until stop(). A failed read is retried on the next tick. */
  start(intervalMs: number): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#polling) return;
      this.#polling = true;
      this.refresh()
        .catch(() => undefined)
        .finally(() => (this.#polling = false));
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops polling and waits for a refresh in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#queue;
  }

  /** The stored offset, repaired first when it is out of range. */
  async #read(): Promise<number> {
    const stored = await readStoredClockOffset(this.#db);
    if (!('outOfRange' in stored)) return stored.offsetMs;
    const repair = await repairClockOffset(this.#db);
    if (repair) this.#onWarning(describeRepair(repair));
    return (await readStoredClockOffset(this.#db)).offsetMs;
  }

  async #refreshNow(): Promise<ClockMove | null> {
    const offsetMs = await this.#read();
    const previous = this.clock.offsetMs;
    if (offsetMs === previous) return null;
    const from = this.clock.now();
    this.clock.setOffset(offsetMs);
    const move: ClockMove = { from, to: new Date(from.getTime() + offsetMs - previous), offsetMs };
    for (const listener of [...this.#listeners]) {
      try {
        await listener(move);
      } catch (err) {
        this.#onListenerError(err);
      }
    }
    return move;
  }
}

function describeRepair(r: ClockRepair): string {
  const where = r.now.getTime() === r.writtenAt.getTime() ? 'where it stood when that value was written'
    : r.offsetMs === 0 ? `real time (it stood at ${r.writtenAt.toISOString()} when that value was written)`
      : 'the latest instant it may show';
  return `settings ${CLOCK_OFFSET_KEY} held ${JSON.stringify(r.was)}, an offset out of range (an older regd stored such values on a clock move` +
    ` past ${LATEST_CLOCK.toISOString()}); the clock was put back to ${r.now.toISOString()}, ${where}.`;
}
