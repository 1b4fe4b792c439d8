/** (f) Expiry reminders 30 and 7 days ahead: outbox mail plus notification, once each. */
import { listDueReminders, sendExpiryReminder } from '../../core/lifecycle/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const sendRemindersTask: SweepTask = {
  name: 'reminders',
  async run(t) {
    let done = 0;
    for (const r of await t.item(listDueReminders, {})) {
      try {
        if (await t.item(sendExpiryReminder, r)) done++;
      } catch (err) {
        t.error(err, `sending the ${r.days}-day reminder of domain #${r.domainId}`);
      }
    }
    return counted(done);
  },
};
