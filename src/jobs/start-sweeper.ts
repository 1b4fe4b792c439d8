/**
 * Running the sweeper periodically: one sweep, then a pause of
 * `intervalMs`, then the next — never two at once in this process (and
 * never two per database, see sweep-lock.ts). stop() waits for a sweep in
 * progress.
 */
import type { Engine } from '../core/engine.ts';
import { sweep, type SweepOptions, type SweepResult } from './sweeper.ts';

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export interface StartSweeperOptions {
  readonly intervalMs?: number;
  readonly onError?: SweepOptions['onError'];
  /** Called after every sweep (logs, metrics). */
  readonly onSwept?: (result: SweepResult) => void;
}

export interface RunningSweeper {
  stop(): Promise<void>;
}

export function startSweeper(engine: Engine, options: StartSweeperOptions = {}): RunningSweeper {
  const intervalMs = options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) throw new RangeError(`sweep interval must be a positive number of milliseconds, got ${intervalMs}`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const onError = options.onError ?? ((err: unknown, what: string) => console.error(`sweeper: ${what} failed:`, err));

  const tick = () => {
    timer = undefined;
    inFlight = sweep(engine, { onError })
      .then((r) => options.onSwept?.(r))
      .catch((err) => onError(err, 'sweep'))
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
