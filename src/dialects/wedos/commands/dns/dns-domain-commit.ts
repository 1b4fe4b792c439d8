/**
 * dns-domain-commit (`name`): publish every staged change of the zone at
 * once (one serial step); the authoritative server answers with them within
 * about 100 ms. With nothing staged it changes nothing and still answers
 * 1000. No data.
 */
import { commitZone } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { zoneName } from './params.ts';
import { withDnsRefusals } from './refusals.ts';

export const dnsDomainCommit = defineCommand<{ readonly name: string }>({
  name: 'dns-domain-commit',
  uses: [commitZone],
  transaction: 'flow',
  parse(data) {
    return { name: zoneName(data, 'name', 'domain') };
  },
  async run(call, input) {
    return withDnsRefusals(async () => {
      await call.run(commitZone, { name: input.name });
      return { code: 1000 };
    });
  },
});
