/**
 * Expired closeouts (§5, §12, §15.12, [L5920-6049]) on core's
 * flows/closeouts: names whose `expired` auction ended unsold, at a price
 * that decays on the engine clock (core closeout-schedule.ts).
 *
 *   get_expired_closeout_domains  new      GetExpiredCloseoutDomainsContent>CloseoutItem*{DomainName, DomainNameUtf,
 *                                          CurrentPrice, IsIDN, EndTimeStamp, RenewalPrice, ExpiredRevenue,
 *                                          EstibotAppraisal, InboundLinks, MonthlyVisitors, Currency};
 *                                          JSON Size, CloseoutDomains[{closeoutItem{camelCase, numbers and booleans}}]
 *   buy_expired_closeout_domain   mixed C  envelope
 */
import { buyCloseout, formatAmount, listCloseouts, type CloseoutView } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { defineCommand } from './command.ts';
import { marketCurrency } from './listings.ts';

function oneDomain(params: Params): string | undefined {
  const name = params.one('domain');
  if (name === undefined || name === '') return undefined;
  if (/[,;\s]/.test(name)) throw new DynadotError('only 1 domain can be entered per request');
  return name;
}

/**
 * regd measures no revenue, appraisal, links or visitors: ExpiredRevenue
 * `0.00`, and the document's "unknown" `-1` for the other three.
 */
function closeoutItem(c: CloseoutView): { xml: Record<string, string>; json: Record<string, string | number | boolean> } {
  const currency = c.currency.toLowerCase();
  const current = formatAmount(c.currentPriceMinor, c.currency);
  const renewal = formatAmount(c.renewalPriceMinor, c.currency);
  const revenue = formatAmount(0, c.currency);
  const end = c.endsAt.getTime();
  return {
    xml: {
      DomainName: c.name, DomainNameUtf: c.unicodeName, CurrentPrice: current, IsIDN: String(c.isIdn), EndTimeStamp: String(end),
      RenewalPrice: renewal, ExpiredRevenue: revenue, EstibotAppraisal: '-1', InboundLinks: '-1', MonthlyVisitors: '-1', Currency: currency,
    },
    json: {
      domainName: c.name, domainNameUtf: c.unicodeName, currentPrice: current, isIdn: c.isIdn, endTimeStamp: end,
      renewalPrice: renewal, expiredRevenue: revenue, estibotAppraisal: '-1', inboundLinks: -1, monthlyVisitors: -1, currency,
    },
  };
}

export const getExpiredCloseoutDomains = defineCommand<{ readonly currency: string; readonly name?: string }>({
  name: 'get_expired_closeout_domains',
  uses: [listCloseouts],
  parse(params) {
    const currency = marketCurrency(params, 'USD')!;
    const name = oneDomain(params);
    return { currency, ...(name !== undefined ? { name } : {}) };
  },
  async run(call, input) {
    const items = (await call.run(listCloseouts, input)).map(closeoutItem);
    return {
      content: items.length > 0 ? { CloseoutItem: items.map((i) => i.xml) } : {},
      json: { Size: items.length, CloseoutDomains: items.map((i) => ({ closeoutItem: i.json })) },
    };
  },
});

export const buyExpiredCloseoutDomain = defineCommand<{ readonly name: string; readonly currency?: string }>({
  name: 'buy_expired_closeout_domain',
  uses: [buyCloseout],
  errors: {
    CLOSEOUT_NOT_FOUND: { message: 'this domain is not an expired closeout domain' },
    CLOSEOUT_SOLD: { message: 'this domain has already been sold' },
    CLOSEOUT_OWN_DOMAIN: { message: 'this domain is still in your account, renew it instead' },
  },
  parse(params) {
    const name = oneDomain(params);
    if (name === undefined) throw DynadotError.missing('domain');
    const currency = marketCurrency(params);
    return { name, ...(currency !== undefined ? { currency } : {}) };
  },
  async run(call, input) {
    await call.run(buyCloseout, input);
    return {};
  },
});
