/**
 * (auctions) Expired registrations whose TLD policy auctions them enter their
 * `expired` auction; auctions whose end has passed close (the winner charged
 * and given the domain, every other hold released). Each item in its own
 * transaction, on the engine clock.
 */
import { closeDueAuction, listDueAuctionCloses, listDueExpiredAuctions, openExpiredAuction } from '../../core/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const auctionsTask: SweepTask = {
  name: 'auctions',
  async run(t) {
    let done = 0;
    for (const domainId of await t.item(listDueExpiredAuctions, {})) {
      try {
        if ((await t.item(openExpiredAuction, { domainId })) !== null) done++;
      } catch (err) {
        t.error(err, `opening the expired auction of domain #${domainId}`);
      }
    }
    for (const auctionId of await t.item(listDueAuctionCloses, {})) {
      try {
        if ((await t.item(closeDueAuction, { auctionId })).outcome !== 'not_due') done++;
      } catch (err) {
        t.error(err, `closing auction #${auctionId}`);
      }
    }
    return counted(done);
  },
};
