/**
 * renew (§15.1, [L231-283]): renews one domain for `duration` years, paid
 * from the balance; the new expiry counts from the current one. `year`:
 * the year the client believes the domain expires in (another year is
 * refused and nothing is charged). `price_check=1`: every check, no
 * renewal; `Status price_check_success` with `PriceInfo` ("12.99 in USD")
 * in the header. `currency`: the one charged (default the account's).
 *
 * A late renewal: a domain past its auto-renew grace (in redemption) can
 * only come back with the TLD's restore fee on top, which is the "late
 * renew fee" of `no_renew_if_late_renew_fee_needed`. With that flag such a
 * domain is not renewed (an error, nothing charged); without it the
 * domain is restored (restore fee, including the year the TLD's restore
 * adds) and renewed for the rest of `duration`, in one transaction.
 * `coupon`: see domain-params.ts.
 */
import { getDomain, renewDomain, restoreDomain, type Quote } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { moneyIn, unixMs } from '../values.ts';
import { defineCommand } from './command.ts';
import { readCurrency, readDurationMonths, refuseCoupon } from './domain-params.ts';

interface RenewInput {
  readonly name: string;
  readonly periodMonths: number;
  readonly year: number | undefined;
  readonly currency: string | undefined;
  readonly priceCheck: boolean;
  readonly noLateFee: boolean;
}

export const renew = defineCommand<RenewInput>({
  name: 'renew',
  uses: [getDomain, renewDomain, restoreDomain],
  errors: {
    DOMAIN_STATUS_PROHIBITS: { message: 'this domain can not be renewed in its current status' },
    RENEW_NOT_ALLOWED: { message: (e) => `this domain can not be renewed: ${String((e.details as { reason?: unknown }).reason ?? e.message)}` },
  },
  parse(params) {
    const name = params.required('domain');
    const periodMonths = readDurationMonths(params, true)!;
    const year = params.one('year');
    if (year !== undefined && year !== '' && !/^\d{4}$/.test(year)) throw DynadotError.invalid('year', year);
    refuseCoupon(params);
    return {
      name,
      periodMonths,
      year: year === undefined || year === '' ? undefined : Number(year),
      currency: readCurrency(params),
      priceCheck: params.flag('price_check'),
      noLateFee: params.flag('no_renew_if_late_renew_fee_needed'),
    };
  },
  async run(call, input) {
    const base = {
      periodMonths: input.periodMonths,
      ...(input.year !== undefined ? { expectedExpiryYear: input.year } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
    };
    const d = await call.run(getDomain, { name: input.name });
    if (d.state === 'redemption' && !input.priceCheck) {
      if (input.noLateFee) throw new DynadotError('this domain needs a late renew fee to be renewed, it was not renewed');
      if (input.year !== undefined && input.year !== d.expiresAt.getUTCFullYear()) {
        throw new DynadotError(`invalid year: the domain currently expires in ${d.expiresAt.getUTCFullYear()}`);
      }
      const restored = await call.run(restoreDomain, { name: d.name, ...(input.currency !== undefined ? { currency: input.currency } : {}) });
      const added = monthsBetween(d.expiresAt, restored.domain.expiresAt);
      const rest = input.periodMonths - added;
      const expiresAt = rest > 0
        ? (await call.run(renewDomain, { name: d.name, periodMonths: rest, ...(input.currency !== undefined ? { currency: input.currency } : {}) })).newExpiresAt
        : restored.domain.expiresAt;
      return renewed(d.name, expiresAt);
    }
    const r = await call.run(renewDomain, { name: d.name, ...base, priceCheck: input.priceCheck });
    if (input.priceCheck) return priceChecked(d.name, r.quote);
    return renewed(d.name, r.newExpiresAt);
  },
});

function renewed(name: string, expiresAt: Date) {
  const expiration = unixMs(expiresAt);
  return { content: { Expiration: expiration }, json: { DomainName: name, Expiration: expiration } };
}

function priceChecked(name: string, quote: Quote) {
  const price = moneyIn(quote.totalMinor, quote.currency);
  return { status: 'price_check_success', header: { PriceInfo: price }, json: { DomainName: name } };
}

function monthsBetween(from: Date, to: Date): number {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
}
