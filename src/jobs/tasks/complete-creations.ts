/** (d) Asynchronous creations whose delay has passed: order completed, domain.created. */
import { completeCreation, listDueCreations } from '../../core/lifecycle/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const completeCreationsTask: SweepTask = {
  name: 'creations',
  async run(t) {
    let done = 0;
    let failed = 0;
    for (const domainId of await t.item(listDueCreations, {})) {
      try {
        const outcome = await t.item(completeCreation, { domainId });
        if (outcome === 'created') done++;
        if (outcome === 'failed') failed++;
      } catch (err) {
        t.error(err, `completing the creation of domain #${domainId}`);
      }
    }
    return counted(done, failed);
  },
};
