/**
 * tld_price (§15.1, [L1236-1328]): the price list of every TLD regd
 * offers, in `currency` (usd, eur or cny; default the account's currency).
 * Header: `PriceLevel` (the account's level: Regular, Bulk, Super Bulk,
 * Reseller Pricing; regd prices every level alike) and `Currency`. Per
 * TLD a `TldContent` (JSON `TldPrice[]`): per-year Register and Renew, the
 * Transfer price, Privacy (`Yes`: every regd domain can have privacy), the
 * grace periods in days (Renew: after expiry, Delete: the add grace in
 * which a delete refunds), IDN, Restrictions (`--`).
 */
import { listTldPrices, type TldPrice } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { money, YesNo } from '../values.ts';
import { defineCommand } from './command.ts';

const PRICE_LEVELS = { regular: 'Regular Pricing', bulk: 'Bulk Pricing', super_bulk: 'Super Bulk Pricing', reseller: 'Reseller Pricing' } as const;

export const tldPrice = defineCommand<{ readonly currency: string | undefined }>({
  name: 'tld_price',
  uses: [listTldPrices],
  transaction: 'flow',
  parse(params) {
    const c = params.choice('currency', ['usd', 'eur', 'cny'] as const);
    return { currency: c?.toUpperCase() };
  },
  async run(call, input, env) {
    const currency = input.currency ?? env.account.defaultCurrency;
    const prices = await call.run(listTldPrices, { currency });
    const list = prices.map(tldContent);
    return {
      header: { PriceLevel: PRICE_LEVELS[env.account.level], Currency: prices[0]!.currency },
      content: { TldContent: list },
      json: { TldPrice: list },
    };
  },
});

function tldContent(p: TldPrice): WireTree {
  return {
    Tld: `.${p.tld}`,
    Usage: p.kind === 'free' ? 'Free and paid registrations' : 'General',
    Price: {
      Unit: '(Price/1 year)',
      Register: money(p.prices.register, p.currency),
      Renew: money(p.prices.renew, p.currency),
      Transfer: money(p.prices.transfer, p.currency),
    },
    Privacy: 'Yes',
    GracePeriod: { Unit: '(Grace Period/days)', Renew: String(p.graceDays.autoRenew), Delete: String(p.graceDays.add) },
    IDN: YesNo(p.idn),
    Restrictions: '--',
  };
}
