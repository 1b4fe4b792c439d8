/**
 * `regd sweep`: run the lifecycle sweeper once, now (waiting for a sweep
 * already in progress on this database), and report what it did per task.
 */
import { sweep, type SweepResult } from '../jobs/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify } from './command.ts';
import { table } from './format.ts';

export const sweepOnce = defineCommand({
  name: 'sweep',
  async run(services: Services) {
    await services.clockSync.refresh();
    return toJson(await sweep(services.engine, { wait: true }));
  },
  render(r: Jsonify<SweepResult>) {
    if (r.skipped) return 'Another sweeper is running on this database; nothing done.';
    const rows = Object.entries(r.tasks).filter(([, c]) => c.done + c.failed > 0).map(([task, c]) => [task, String(c.done), String(c.failed)]);
    const summary = `Sweep finished in ${r.rounds} round${r.rounds === 1 ? '' : 's'}${r.errors > 0 ? `, ${r.errors} item(s) hit an error (see the log)` : ''}.`;
    return rows.length === 0 ? `${summary}\nNothing was due.` : `${summary}\n${table(['Task', 'Done', 'Failed'], rows)}`;
  },
});
