/**
 * dns-domain-info (`name`): the zone as `data.domain` — name, status
 * "active", type "primary", tlock "none", autocommit "1" (staged changes
 * publish themselves 5 minutes after the first one), axfr_enabled "0",
 * axfr_ips "", changed "1" while staged changes wait for a commit (else
 * "0"), the zone's serial and rr_cnt, the number of published records
 * (regd's SOA and apex NS not counted). Every value a string.
 */
import { listRecords } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { zoneName } from './params.ts';
import { withDnsRefusals } from './refusals.ts';

export const dnsDomainInfo = defineCommand<{ readonly name: string }>({
  name: 'dns-domain-info',
  uses: [listRecords],
  transaction: 'flow',
  parse(data) {
    return { name: zoneName(data, 'name', 'domain') };
  },
  async run(call, input) {
    return withDnsRefusals(async () => {
      const zone = await call.run(listRecords, { name: input.name });
      return {
        code: 1000,
        data: {
          domain: {
            name: zone.domain,
            status: 'active',
            type: 'primary',
            tlock: 'none',
            autocommit: '1',
            axfr_enabled: '0',
            axfr_ips: '',
            changed: zone.autoCommitAt !== null ? '1' : '0',
            serial: String(zone.serial),
            rr_cnt: String(zone.records.length),
          },
        },
      };
    });
  },
});
