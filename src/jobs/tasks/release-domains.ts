/** (b) Registrations the projection calls released get released_at stored (the name is free again). */
import { listDueReleases, releaseDomain } from '../../core/lifecycle/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const releaseDomainsTask: SweepTask = {
  name: 'releases',
  async run(t) {
    let done = 0;
    for (const domainId of await t.item(listDueReleases, {})) {
      try {
        if (await t.item(releaseDomain, { domainId })) done++;
      } catch (err) {
        t.error(err, `releasing domain #${domainId}`);
      }
    }
    return counted(done);
  },
};
