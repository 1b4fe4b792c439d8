/**
 * The one pricing module. Every price question of every dialect (check,
 * register, renew, transfer, restore, premium, upgrade) is answered here from
 * the TLD policy's price schedules in force at the given instant.
 */
import { CurrencyNotSupported, InvalidPeriod, InvalidValue } from './errors/index.ts';
import { describeMonths } from './errors/parameter-errors.ts';
import type { Operation, TldPolicy } from './policy/tld-policy.ts';

export type DomainType = 'FREE' | 'PAID';

export interface QuoteLine {
  readonly kind: Operation | 'premium';
  readonly label: string;
  readonly amountMinor: number;
}

export interface Quote {
  readonly currency: string;
  readonly lines: readonly QuoteLine[];
  readonly totalMinor: number;
  readonly premium: boolean;
}

export interface QuoteRequest {
  readonly op: Operation;
  /** A-label name; used for premium lookup and line labels. */
  readonly name: string;
  readonly periodMonths: number;
  readonly currency: string;
  readonly at: Date;
  readonly domainType?: DomainType;
}

/** FREE or PAID, and FREE only where the TLD offers free registrations. */
export function verifyDomainType(type: DomainType, policy: TldPolicy, param = 'domaintype'): DomainType {
  if (type !== 'FREE' && type !== 'PAID') throw new InvalidValue(param, 'FREE or PAID is required', type);
  if (type === 'FREE' && policy.kind !== 'free') throw new InvalidValue(param, `.${policy.tld} offers no free registrations`, type);
  return type;
}

/** Periods (in months) a registration or renewal of this type may use. */
export function allowedPeriods(policy: TldPolicy, domainType: DomainType = 'PAID'): readonly number[] {
  if (domainType === 'FREE') return policy.freePeriodsMonths;
  return policy.periodsYears.map((y) => y * 12);
}

export function defaultPeriod(policy: TldPolicy, domainType: DomainType = 'PAID'): number {
  return domainType === 'FREE' ? policy.defaultFreePeriodMonths : policy.defaultPeriodMonths;
}

export function assertPeriod(policy: TldPolicy, periodMonths: number, domainType: DomainType = 'PAID', param = 'period'): void {
  const allowed = allowedPeriods(policy, domainType);
  if (!allowed.includes(periodMonths)) throw new InvalidPeriod(periodMonths, allowed, param);
}

/** The per-year price row of a currency in force at `at` (the latest schedule whose effectiveFrom ≤ at). */
export function yearlyPrices(policy: TldPolicy, currency: string, at: Date) {
  let row;
  for (const s of policy.schedules) {
    if (s.effectiveFrom.getTime() > at.getTime()) break;
    row = s.prices[currency] ?? row;
  }
  if (!row) throw new CurrencyNotSupported(currency);
  return row;
}

/** The annual premium price of a name, if it is premium in this TLD. */
export function premiumPrice(policy: TldPolicy, name: string, currency: string): number | undefined {
  const p = policy.premium.get(name);
  if (!p) return undefined;
  const v = p[currency];
  if (v === undefined) throw new CurrencyNotSupported(currency);
  return v;
}

export function isPremium(policy: TldPolicy, name: string): boolean {
  return policy.premium.has(name);
}

/**
 * Price of one operation. FREE domains cost nothing. Register and renew are
 * charged per year (premium names at their premium annual price); transfer is
 * one price including the years the TLD adds; restore is the restore fee.
 */
export function quote(policy: TldPolicy, req: QuoteRequest): Quote {
  const years = req.periodMonths / 12;
  if (req.domainType === 'FREE') {
    yearlyPrices(policy, req.currency, req.at); // the currency must still be offered
    return { currency: req.currency, lines: [{ kind: req.op, label: `${req.op} ${req.name} (FREE, ${describeMonths(req.periodMonths)})`, amountMinor: 0 }], totalMinor: 0, premium: false };
  }
  const row = yearlyPrices(policy, req.currency, req.at);
  const premium = premiumPrice(policy, req.name, req.currency);
  let lines: QuoteLine[];
  switch (req.op) {
    case 'register':
    case 'renew': {
      if (!Number.isInteger(years) || years < 1) throw new InvalidPeriod(req.periodMonths, allowedPeriods(policy));
      const perYear = premium ?? row[req.op];
      lines = [{ kind: premium !== undefined ? 'premium' : req.op, label: `${req.op} ${req.name} for ${years} year${years > 1 ? 's' : ''}`, amountMinor: perYear * years }];
      break;
    }
    case 'transfer':
      lines = [{ kind: 'transfer', label: `transfer ${req.name}`, amountMinor: premium ?? row.transfer }];
      break;
    case 'restore':
      lines = [{ kind: 'restore', label: `restore ${req.name}`, amountMinor: row.restore }];
      if (years >= 1) lines.push({ kind: 'renew', label: `renew ${req.name} for ${years} year${years > 1 ? 's' : ''}`, amountMinor: (premium ?? row.renew) * years });
      break;
  }
  return {
    currency: req.currency,
    lines,
    totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0),
    premium: premium !== undefined,
  };
}

/** Currencies priced for this TLD at `at`. */
export function pricedCurrencies(policy: TldPolicy, at: Date): readonly string[] {
  const set = new Set<string>();
  for (const s of policy.schedules) if (s.effectiveFrom.getTime() <= at.getTime()) for (const c of Object.keys(s.prices)) set.add(c);
  return [...set].sort();
}
