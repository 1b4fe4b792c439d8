/** (e) Staged DNS changes past their auto-commit deadline (the DNS flows' own commitDueZones). */
import { commitDueZones } from '../../core/flows/dns/commit-due-zones.ts';
import { counted, type SweepTask } from '../task.ts';

export const commitZonesTask: SweepTask = {
  name: 'zones',
  async run(t) {
    try {
      return counted((await t.item(commitDueZones, {})).zones.length);
    } catch (err) {
      t.error(err, 'committing due DNS zones');
      return counted(0);
    }
  },
};
