/**
 * domain-tld-period-check: may a domain of `tld` ("cz", ".CZ") be
 * registered for `period` years? 1000 or 2203; 2201 for a TLD regd does
 * not offer. Periods are those of PAID registrations. No data.
 */
import { assertPeriod } from '../../../../core/index.ts';
import { defineCommand, WapiError } from '../../command.ts';
import { periodMonths, requiredString } from './params.ts';

export const domainTldPeriodCheck = defineCommand<{ readonly tld: string; readonly periodMonths: number }>({
  name: 'domain-tld-period-check',
  uses: [],
  transaction: 'flow',
  parse(data) {
    const tld = requiredString(data, 'tld').toLowerCase().replace(/^\./, '');
    if (!/^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*$/.test(tld)) throw new WapiError(2201);
    return { tld, periodMonths: periodMonths(data) };
  },
  async run(call, input) {
    assertPeriod(call.policy.get(input.tld, 'tld'), input.periodMonths);
    return { code: 1000 };
  },
});
