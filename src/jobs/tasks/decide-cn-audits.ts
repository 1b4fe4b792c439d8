/** CNNIC audits whose decision has fallen due (the contacts' own flow, one transaction). */
import { decideDueCnAudits } from '../../core/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const decideCnAuditsTask: SweepTask = {
  name: 'cn-audits',
  async run(t) {
    try {
      const d = await t.item(decideDueCnAudits, {});
      return counted(d.passed, d.failed);
    } catch (err) {
      t.error(err, 'deciding due CN audits');
      return counted(0);
    }
  },
};
