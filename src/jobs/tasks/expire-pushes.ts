/** (e) Pushes nobody answered in time (the pushes' own flow, one transaction). */
import { expireDuePushes } from '../../core/lifecycle/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const expirePushesTask: SweepTask = {
  name: 'pushes',
  async run(t) {
    try {
      return counted((await t.item(expireDuePushes, {})).expired);
    } catch (err) {
      t.error(err, 'expiring due pushes');
      return counted(0);
    }
  },
};
