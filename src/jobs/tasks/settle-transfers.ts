/** (e) Pending transfers past their auto-approval instant (the transfers' own flow, one transaction). */
import { settleDueTransfers } from '../../core/lifecycle/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const settleTransfersTask: SweepTask = {
  name: 'transfers',
  async run(t) {
    try {
      const r = await t.item(settleDueTransfers, {});
      return counted(r.completed, r.failed);
    } catch (err) {
      t.error(err, 'auto-approving due transfers');
      return counted(0);
    }
  },
};
