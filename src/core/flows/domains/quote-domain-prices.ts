/**
 * The price list of one name without acting: what registering or renewing
 * it costs, PAID, for one period or for every period its TLD offers, in a
 * currency, at the request's instant (premium names at their premium
 * price). Reads only the policy book.
 */
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { allowedPeriods, quote, type Quote } from '../../pricing.ts';
import { markReadOnly } from '../../run-flow.ts';

export const throws = ['INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'CURRENCY_NOT_SUPPORTED'] as const satisfies readonly ErrorCode[];

export interface QuoteDomainPricesInput {
  readonly name: string;
  readonly op: 'register' | 'renew';
  readonly currency: string;
  /** One period; default: every PAID period the TLD offers, shortest first. */
  readonly periodMonths?: number;
}

export interface PeriodPrice {
  readonly periodMonths: number;
  readonly quote: Quote;
}

export const quoteDomainPrices = markReadOnly(async function quoteDomainPrices(ctx: FlowContext, input: QuoteDomainPricesInput): Promise<readonly PeriodPrice[]> {
  const name = parseDomainName(input.name, ctx.policy);
  const policy = ctx.policy.get(name.tld);
  const periods = input.periodMonths !== undefined ? [input.periodMonths] : allowedPeriods(policy, 'PAID');
  return periods.map((periodMonths) => ({
    periodMonths,
    quote: quote(policy, { op: input.op, name: name.ascii, periodMonths, currency: input.currency, at: ctx.now, domainType: 'PAID' }),
  }));
});
