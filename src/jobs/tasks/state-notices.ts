/** Notices of expiry and redemption, once each. */
import { announceDomainState, listStateNotices } from '../../core/lifecycle/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const stateNoticesTask: SweepTask = {
  name: 'stateNotices',
  async run(t) {
    let done = 0;
    for (const domainId of await t.item(listStateNotices, {})) {
      try {
        if (await t.item(announceDomainState, { domainId })) done++;
      } catch (err) {
        t.error(err, `announcing the state of domain #${domainId}`);
      }
    }
    return counted(done);
  },
};
