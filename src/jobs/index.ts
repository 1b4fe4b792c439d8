// The lifecycle sweeper: one file per task under tasks/.
export { sweep, SWEEP_TASKS, DEFAULT_MAX_ROUNDS, type SweepOptions, type SweepResult } from './sweeper.ts';
export { startSweeper, DEFAULT_SWEEP_INTERVAL_MS, type StartSweeperOptions, type RunningSweeper } from './start-sweeper.ts';
export { withSweepLock, SWEEPER_LOCK_CLASS } from './sweep-lock.ts';
export type { SweepTask, TaskCount, TaskRun } from './task.ts';
