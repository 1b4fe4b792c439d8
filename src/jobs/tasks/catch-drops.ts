/**
 * (c) Drop-catching: for each free name with pending requests, a name that
 * several accounts backordered (and no preorder waits for) goes to a
 * backorder auction among them; otherwise the oldest request tries to
 * register it; a failed attempt is recorded (hold released, drop.failed)
 * and the next in line tries, until one wins or the queue is empty.
 */
import { isRegdError } from '../../core/errors/index.ts';
import { auctionBackorderedName, failDropRequest, fulfilDropRequest, listCatchableNames, nextDropRequest } from '../../core/flows/drop-requests/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const catchDropsTask: SweepTask = {
  name: 'drops',
  async run(t) {
    let done = 0;
    let failed = 0;
    for (const name of await t.item(listCatchableNames, {})) {
      try {
        const auctioned = await t.item(auctionBackorderedName, { name });
        if (auctioned.outcome === 'auctioned') done++;
        if (auctioned.outcome !== 'catch') continue;
      } catch (err) {
        // The auction could not open (e.g. one is already open for the name): the requests wait for the next sweep.
        t.error(err, `opening the backorder auction of ${name}`);
        continue;
      }
      for (;;) {
        const requestId = await t.item(nextDropRequest, { name });
        if (requestId === null) break;
        try {
          const r = await t.item(fulfilDropRequest, { requestId });
          if (r.outcome === 'fulfilled') done++;
          if (r.outcome !== 'not_pending') break;
        } catch (err) {
          if (!isRegdError(err)) {
            t.error(err, `fulfilling drop request #${requestId} for ${name}`);
            break;
          }
          if (await t.item(failDropRequest, { requestId, reason: err.message })) failed++;
        }
      }
    }
    return counted(done, failed);
  },
};
