/**
 * What a sweeper task is: a named step that finds due items and handles
 * each in its own transaction through `item()`, counting what it did.
 */
import type { Engine } from '../core/engine.ts';
import type { Flow } from '../core/context.ts';

export interface TaskCount {
  /** Items handled as intended (renewed, released, fulfilled, sent…). */
  readonly done: number;
  /** Items that ended in a recorded failure (renewal without funds, failed drop request…). */
  readonly failed: number;
}

export interface TaskRun {
  readonly engine: Engine;
  /** The sweep round's instant. */
  readonly now: Date;
  /** Bound on a task's own repeated passes within one round. */
  readonly maxPasses: number;
  /** Runs one flow as the system actor in its own transaction, at `at` (default: the round's instant). */
  item<I, O>(flow: Flow<I, O>, input: I, at?: Date): Promise<O>;
  /** Reports an unexpected error of one item; the task goes on with the next. */
  error(err: unknown, what: string): void;
}

export interface SweepTask {
  readonly name: string;
  run(t: TaskRun): Promise<TaskCount>;
}

export const counted = (done: number, failed = 0): TaskCount => ({ done, failed });
