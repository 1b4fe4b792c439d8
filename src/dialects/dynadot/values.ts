/**
 * Dynadot value formats (spec §6): timestamps as Unix-millisecond strings,
 * money as "77.00 in USD" (search) or a bare "99.00" (tld_price), the
 * `yes`/`no` and `Yes`/`No` booleans. Money is integer minor units in core;
 * these only print it.
 */
import { formatAmount } from '../../core/index.ts';

/** Unix time in milliseconds, as a string (`Expiration`, `Registration`). */
export function unixMs(d: Date): string {
  return String(d.getTime());
}

/** Minor units as a bare decimal in the currency's exponent (core formatAmount): `7700` → `77.00`. */
export function money(minor: number, currency: string): string {
  return formatAmount(minor, currency.toUpperCase());
}

/** Search's price: `77.00 in USD`. */
export function moneyIn(minor: number, currency: string): string {
  return `${money(minor, currency)} in ${currency.toUpperCase()}`;
}

/** account_info's dollars: `$70.02` (the sign before the symbol). */
export function dollars(minor: number, currency = 'USD'): string {
  const s = money(minor, currency);
  return s.startsWith('-') ? `-$${s.slice(1)}` : `$${s}`;
}

export function yesNo(b: boolean): 'yes' | 'no' {
  return b ? 'yes' : 'no';
}

/** The capitalised spelling (WithAds, tld_price's Privacy and IDN). */
export function YesNo(b: boolean): 'Yes' | 'No' {
  return b ? 'Yes' : 'No';
}
