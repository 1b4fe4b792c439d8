/**
 * domains-list: every domain of the account with its WEDOS status, deleted
 * ones included: each registration the account has held is one entry (a
 * name registered again after its deletion appears twice, "deleted" and
 * its current status), and each incoming transfer still pending is one
 * more ("transfer_processing"). Ordered by name, then age; keyed "0", "1",
 * … as the document shows. `status` keeps only the entries with that status.
 * At most DOMAINS_LIST_CAP registrations (the first by name).
 */
import { listDomains, listTransfers } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { indexedList } from '../../render.ts';
import { parseStatusFilter, wedosStatus, type WedosStatus } from './statuses.ts';

/**
 * At most this many registrations are listed (the first by name), and the
 * pending incoming transfers: the document shows no paging; one call stays
 * bounded (issue 16; README "domains-list").
 */
export const DOMAINS_LIST_CAP = 1000;

interface Entry {
  readonly name: string;
  readonly status: WedosStatus;
}

export const domainsList = defineCommand<{ readonly status: WedosStatus | undefined }>({
  name: 'domains-list',
  uses: [listDomains, listTransfers],
  transaction: 'flow',
  parse(data) {
    return { status: parseStatusFilter(data.status) };
  },
  async run(call, input) {
    const entries: Entry[] = [];
    const page = await call.run(listDomains, { includeReleased: true, offset: 0, limit: DOMAINS_LIST_CAP });
    for (const d of page.items) entries.push({ name: d.name, status: wedosStatus(d, call.policy.get(d.tld), call.now) });
    const { items: transfers } = await call.run(listTransfers, { direction: 'incoming' });
    for (const t of [...transfers].reverse()) if (t.status === 'pending') entries.push({ name: t.domain, status: 'transfer_processing' });

    // Array.prototype.sort is stable: same-name entries keep their order.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const domain = indexedList(entries
      .filter((e) => input.status === undefined || e.status === input.status)
      .map((e) => ({ name: e.name, status: e.status })));
    return { code: 1000, data: { domain } };
  },
});
