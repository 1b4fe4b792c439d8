/**
 * dns-row-update (`domain`, `row_id`, `ttl`, `rdata`): new TTL and data for
 * a row, staged like dns-row-add. A row keeps its name and type (WEDOS
 * cannot change them; a `type` sent along, as lego does, is ignored), so
 * the rdata is read in the row's own type. 3309 for a row the zone does not
 * have (or has staged for deletion). No data.
 */
import { getRecord, updateRecord, recordFromRdata } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { rdata, rowId, ttl, zoneName } from './params.ts';
import { withDnsRefusals } from './refusals.ts';

interface Input {
  readonly domain: string;
  readonly rowId: number;
  readonly ttl: number;
  readonly rdata: string;
}

export const dnsRowUpdate = defineCommand<Input>({
  name: 'dns-row-update',
  uses: [getRecord, updateRecord],
  parse(data) {
    return { domain: zoneName(data, 'domain'), rowId: rowId(data), ttl: ttl(data), rdata: rdata(data) };
  },
  async run(call, input) {
    return withDnsRefusals(async () => {
      const row = await call.run(getRecord, { name: input.domain, recordId: input.rowId, includeStaged: true });
      const record = recordFromRdata(row.type, row.name, input.ttl, input.rdata);
      await call.run(updateRecord, { name: input.domain, recordId: input.rowId, record, staged: true });
      return { code: 1000 };
    });
  },
});
