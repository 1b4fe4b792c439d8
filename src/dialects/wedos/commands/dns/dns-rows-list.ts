/**
 * dns-rows-list (`domain`): the zone's rows in id order, as the zone will be
 * after the next commit (staged additions and updates shown, staged
 * deletions gone), like the WEDOS administration shows an uncommitted zone.
 * A name that is not one of the account's zones — a subdomain included —
 * is refused (2202, 3222 or 3223), so clients walk up its labels until one
 * answers 1000. `data.row` is always an array (lego decodes it as one).
 */
import { listRecordNotes, listRecords } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { zoneName } from './params.ts';
import { withDnsRefusals } from './refusals.ts';
import { wireRow } from './rows.ts';

export const dnsRowsList = defineCommand<{ readonly domain: string }>({
  name: 'dns-rows-list',
  uses: [listRecords, listRecordNotes],
  transaction: 'flow',
  parse(data) {
    return { domain: zoneName(data, 'domain', 'name') };
  },
  async run(call, input) {
    return withDnsRefusals(async () => {
      const zone = await call.run(listRecords, { name: input.domain, includeStaged: true });
      const notes = new Map((await call.run(listRecordNotes, { name: input.domain, includeStaged: true })).map((n) => [n.id, n]));
      return { code: 1000, data: { row: zone.records.map((r) => wireRow(r, notes.get(r.id))) } };
    });
  },
});
