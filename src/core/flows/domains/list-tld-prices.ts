/**
 * The price list of every offered TLD in one currency, at the request's
 * instant (Dynadot tld_price): per-year register, renew, transfer and
 * restore prices of a PAID registration, the periods, the add and
 * auto-renew grace periods and whether the TLD takes IDNs. TLDs not priced
 * in the currency are left out; a currency no TLD is priced in is
 * CurrencyNotSupported. Reads only the policy book.
 */
import type { FlowContext } from '../../context.ts';
import { CurrencyNotSupported, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { pricedCurrencies, yearlyPrices } from '../../pricing.ts';
import type { PriceRow } from '../../policy/tld-policy.ts';
import { markReadOnly } from '../../run-flow.ts';

export const throws = ['INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED'] as const satisfies readonly ErrorCode[];

export interface ListTldPricesInput {
  readonly currency: string;
}

export interface TldPrice {
  /** Without the dot: "com", "co.uk". */
  readonly tld: string;
  readonly kind: 'paid' | 'free';
  readonly currency: string;
  /** Per-year prices in minor units (transfer and restore: per operation). */
  readonly prices: PriceRow;
  readonly periodsYears: readonly number[];
  /** Add grace (a delete refunds the registration) and auto-renew grace, in whole days. */
  readonly graceDays: { readonly add: number; readonly autoRenew: number };
  /** The TLD accepts internationalized labels. */
  readonly idn: boolean;
}

const DAY_MS = 86_400_000;

export const listTldPrices = markReadOnly(async function listTldPrices(ctx: FlowContext, input: ListTldPricesInput): Promise<readonly TldPrice[]> {
  const currency = normalizeCurrency(input.currency);
  const out: TldPrice[] = [];
  for (const policy of ctx.policy.list()) {
    if (!pricedCurrencies(policy, ctx.now).includes(currency)) continue;
    out.push({
      tld: policy.tld,
      kind: policy.kind,
      currency,
      prices: yearlyPrices(policy, currency, ctx.now),
      periodsYears: policy.periodsYears,
      graceDays: { add: Math.floor(policy.grace.addMs / DAY_MS), autoRenew: Math.floor(policy.grace.autoRenewMs / DAY_MS) },
      idn: policy.idnScripts === null || policy.idnScripts.size > 0,
    });
  }
  if (out.length === 0) throw new CurrencyNotSupported(currency);
  return out;
});
