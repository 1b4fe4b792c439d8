import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRUNE_EVERY_MS, PruneSchedule } from './prune-schedule.ts';

test('an account is due for a prune at most once per interval, each account on its own; a clock set back makes it due', () => {
  const schedule = new PruneSchedule();
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
  assert.equal(PRUNE_EVERY_MS, 1_000);
  assert.deepEqual(
    [
      schedule.due(1, at(0)), // first: due
      schedule.due(1, at(999)), // within the interval
      schedule.due(2, at(999)), // another account
      schedule.due(1, at(1_000)), // the interval past: due, counted from here
      schedule.due(1, at(1_500)),
      schedule.due(1, at(500)), // the clock set back
      schedule.due(1, at(600)),
      schedule.due(2, at(1_998)),
      schedule.due(2, at(1_999)),
    ],
    [true, false, true, true, false, true, false, false, true],
  );
});

test('past its memory, the schedule forgets only accounts not pruned within the interval (due anyway): the others stay not due', () => {
  const schedule = new PruneSchedule(1_000);
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
  for (let id = 0; id < 10_000; id++) assert.equal(schedule.due(id, at(id < 5_000 ? 0 : 900)), true);
  // The 10,001st account at 1,500 ms: the 5,000 pruned at 0 may be forgotten, not the 5,000 pruned at 900.
  assert.equal(schedule.due(10_000, at(1_500)), true);
  for (let id = 5_000; id < 10_000; id++) assert.equal(schedule.due(id, at(1_600)), false);
  assert.equal(schedule.due(0, at(1_600)), true);
});
