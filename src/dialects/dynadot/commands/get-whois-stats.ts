/**
 * get_whois_stats (§15.14: listed, never documented): how often one of the
 * account's domains was looked up in WHOIS/RDAP, per UTC day. Parameters:
 * `domain`, optional `start_date`/`end_date` (`yyyy/MM/dd`, both days
 * included; default the last 30 days, at most 366). New generation:
 *
 *   XML  GetWhoisStatsContent{Domain, StartDate, EndDate, TotalLookups,
 *        WhoisStatList>WhoisStat*{Date, Lookups}}
 *   JSON {…, "Domain", "StartDate", "EndDate", "TotalLookups",
 *        "WhoisStatList":[{"Date","Lookups"}]}
 *
 * Dates are Unix ms of the day's UTC midnight, counts strings, only days
 * with lookups listed. The counts are core's (recordWhoisLookup), kept by
 * the WHOIS/RDAP services; until those exist (issue 20) they stay zero
 * (README "Choices", misc group).
 */
import { getWhoisStats, MAX_WHOIS_STATS_DAYS, type GetWhoisStatsInput } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { parseRequestDate } from './order-values.ts';

const dayMs = (day: string): string => String(Date.parse(`${day}T00:00:00Z`));

export const getWhoisStatsCommand = defineCommand<GetWhoisStatsInput>({
  name: 'get_whois_stats',
  uses: [getWhoisStats],
  transaction: 'flow',
  parse(params) {
    const name = params.required('domain');
    if (name.includes(',')) throw new DynadotError('only one domain can be asked at a time');
    const start = params.one('start_date');
    const end = params.one('end_date');
    const from = start !== undefined && start !== '' ? parseRequestDate('start_date', start) : undefined;
    const to = end !== undefined && end !== '' ? parseRequestDate('end_date', end) : undefined;
    if (from !== undefined && to !== undefined) {
      if (to < from) throw new DynadotError('the end date is before the start date');
      if ((to.getTime() - from.getTime()) / 86_400_000 >= MAX_WHOIS_STATS_DAYS) throw new DynadotError(`a date range can cover at most ${MAX_WHOIS_STATS_DAYS} days`);
    }
    return { name, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  },
  async run(call, input) {
    const s = await call.run(getWhoisStats, input);
    const list = s.days.map((d) => ({ Date: dayMs(d.day), Lookups: String(d.lookups) }));
    const head = { Domain: s.name, StartDate: dayMs(s.from), EndDate: dayMs(s.to), TotalLookups: String(s.total) };
    return {
      content: { ...head, WhoisStatList: list.length === 0 ? '' : { WhoisStat: list } },
      json: { ...head, WhoisStatList: list },
    };
  },
});
