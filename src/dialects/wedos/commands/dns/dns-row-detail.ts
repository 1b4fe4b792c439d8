/**
 * dns-row-detail (`domain`, `row_id`): one row as `data.row`, in the view
 * dns-rows-list shows. A row of another zone or account, or one staged for
 * deletion, is 3309.
 */
import { getRecord, listRecordNotes } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { rowId, zoneName } from './params.ts';
import { withDnsRefusals } from './refusals.ts';
import { wireRow } from './rows.ts';

export const dnsRowDetail = defineCommand<{ readonly domain: string; readonly rowId: number }>({
  name: 'dns-row-detail',
  uses: [getRecord, listRecordNotes],
  transaction: 'flow',
  parse(data) {
    return { domain: zoneName(data, 'domain', 'name'), rowId: rowId(data) };
  },
  async run(call, input) {
    return withDnsRefusals(async () => {
      const row = await call.run(getRecord, { name: input.domain, recordId: input.rowId, includeStaged: true });
      const [note] = await call.run(listRecordNotes, { name: input.domain, recordIds: [row.id], includeStaged: true });
      return { code: 1000, data: { row: wireRow(row, note) } };
    });
  },
});
