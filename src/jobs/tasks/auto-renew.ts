/**
 * (a) Auto-renew. Each renewal runs at its due instant in its own
 * transaction; a renewal that fails for a domain reason (no funds, the
 * horizon, the account's currency) rolls back whole and is recorded in a
 * second transaction. The task passes over the due list again until nothing
 * is due, so a clock moved years ahead renews once per year.
 */
import { isRegdError } from '../../core/errors/index.ts';
import { autoRenewDomain, listDueRenewals, recordRenewFailure } from '../../core/lifecycle/index.ts';
import { counted, type SweepTask } from '../task.ts';

export const autoRenewTask: SweepTask = {
  name: 'autoRenew',
  async run(t) {
    let done = 0;
    let failed = 0;
    for (let pass = 0; pass < t.maxPasses; pass++) {
      const due = await t.item(listDueRenewals, {});
      let progress = 0;
      for (const d of due) {
        try {
          const r = await t.item(autoRenewDomain, { domainId: d.domainId }, d.dueAt);
          if (r.outcome === 'renewed') {
            done++;
            progress++;
          }
        } catch (err) {
          if (!isRegdError(err)) {
            t.error(err, `auto-renewing domain #${d.domainId}`);
            continue;
          }
          if (await t.item(recordRenewFailure, { domainId: d.domainId, expiresAt: d.expiresAt, reason: err.message })) {
            failed++;
            progress++;
          }
        }
      }
      if (progress === 0) break;
    }
    return counted(done, failed);
  },
};
