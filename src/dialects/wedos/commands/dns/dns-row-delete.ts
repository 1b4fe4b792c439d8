/**
 * dns-row-delete (`domain`, `row_id`): a staged deletion (a row still only
 * staged for addition simply goes), published like dns-row-add. 3309 for a
 * row the zone does not have or has already staged for deletion. No data.
 */
import { deleteRecord } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { rowId, zoneName } from './params.ts';
import { withDnsRefusals } from './refusals.ts';

export const dnsRowDelete = defineCommand<{ readonly domain: string; readonly rowId: number }>({
  name: 'dns-row-delete',
  uses: [deleteRecord],
  transaction: 'flow',
  parse(data) {
    return { domain: zoneName(data, 'domain'), rowId: rowId(data) };
  },
  async run(call, input) {
    return withDnsRefusals(async () => {
      await call.run(deleteRecord, { name: input.domain, recordId: input.rowId, staged: true });
      return { code: 1000 };
    });
  },
});
