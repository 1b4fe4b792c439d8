/**
 * The lifecycle sweeper: persists what the projection says and carries out
 * what has fallen due — auto-renewals, releases, drop-catching, async
 * creations, transfer auto-approval, push expiry, CNNIC audit decisions,
 * DNS auto-commit, expiry reminders — as the system actor, each due item in its own transaction,
 * so a crash loses at most the item in flight and a restart finishes the
 * rest (every item flow re-checks under lock that it is still due).
 *
 * A sweep runs rounds of all tasks until a round does nothing (bounded),
 * since one task's work can make another's due (a release lets a preorder
 * fire). Only one sweep runs per database at a time (sweep-lock.ts).
 */
import type { Engine } from '../core/engine.ts';
import { SYSTEM } from '../core/context.ts';
import { withSweepLock } from './sweep-lock.ts';
import type { SweepTask, TaskCount, TaskRun } from './task.ts';
import { completeCreationsTask } from './tasks/complete-creations.ts';
import { autoRenewTask } from './tasks/auto-renew.ts';
import { stateNoticesTask } from './tasks/state-notices.ts';
import { releaseDomainsTask } from './tasks/release-domains.ts';
import { catchDropsTask } from './tasks/catch-drops.ts';
import { settleTransfersTask } from './tasks/settle-transfers.ts';
import { expirePushesTask } from './tasks/expire-pushes.ts';
import { commitZonesTask } from './tasks/commit-zones.ts';
import { sendRemindersTask } from './tasks/send-reminders.ts';
import { decideCnAuditsTask } from './tasks/decide-cn-audits.ts';
import { auctionsTask } from './tasks/auctions.ts';

/** In order: creations complete before anything looks at their state; renewals before auctions (a renewal ends one) and releases; releases before drop-catching. */
export const SWEEP_TASKS: readonly SweepTask[] = [
  completeCreationsTask, autoRenewTask, stateNoticesTask, auctionsTask, releaseDomainsTask, catchDropsTask,
  settleTransfersTask, expirePushesTask, decideCnAuditsTask, commitZonesTask, sendRemindersTask,
];

/** Rounds per sweep (and passes per task within a round); a round that does nothing ends the sweep earlier. */
export const DEFAULT_MAX_ROUNDS = 50;

export interface SweepOptions {
  /** Pin the instant (default: the engine's clock, read at each round). */
  readonly now?: Date;
  readonly maxRounds?: number;
  /** Wait for a sweep already running on this database, then run (default: give up, skipped). */
  readonly wait?: boolean;
  /** Unexpected errors of single items (the sweep goes on); default: console.error. */
  readonly onError?: (err: unknown, what: string) => void;
}

export type SweepResult =
  | { readonly skipped: true }
  | {
      readonly skipped: false;
      readonly rounds: number;
      /** Per task: items done and recorded failures, summed over rounds. */
      readonly tasks: Readonly<Record<string, TaskCount>>;
      /** Items that hit an unexpected error (left for the next sweep). */
      readonly errors: number;
    };

export async function sweep(engine: Engine, options: SweepOptions = {}): Promise<SweepResult> {
  const locked = await withSweepLock(engine.store, { wait: options.wait ?? false }, () => sweepLocked(engine, options));
  return locked.acquired ? locked.value : { skipped: true };
}

async function sweepLocked(engine: Engine, options: SweepOptions): Promise<SweepResult> {
  const maxRounds = options.maxRounds ?? DEFAULT_MAX_ROUNDS;
  const onError = options.onError ?? ((err, what) => console.error(`sweeper: ${what} failed:`, err));
  const tasks: Record<string, { done: number; failed: number }> = Object.fromEntries(SWEEP_TASKS.map((t) => [t.name, { done: 0, failed: 0 }]));
  let errors = 0;
  let rounds = 0;
  while (rounds < maxRounds) {
    rounds++;
    const now = options.now ?? engine.clock.now();
    const run: TaskRun = {
      engine,
      now,
      maxPasses: maxRounds,
      item: (flow, input, at) => engine.run(flow, input, { actor: SYSTEM, source: 'sweeper', now: at ?? now }),
      error(err, what) {
        errors++;
        onError(err, what);
      },
    };
    let worked = 0;
    for (const task of SWEEP_TASKS) {
      const c = await task.run(run);
      tasks[task.name]!.done += c.done;
      tasks[task.name]!.failed += c.failed;
      worked += c.done + c.failed;
    }
    if (worked === 0) break;
  }
  return { skipped: false, rounds, tasks, errors };
}
