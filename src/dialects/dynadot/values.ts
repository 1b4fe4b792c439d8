/**
 * Dynadot value formats (spec §6): timestamps as Unix-millisecond strings,
 * money as "77.00 in USD" (search) or a bare "99.00" (tld_price), the
 * `yes`/`no` and `Yes`/`No` booleans. Money is integer minor units in core;
 * these only print it.
 */

/** Unix time in milliseconds, as a string (`Expiration`, `Registration`). */
export function unixMs(d: Date): string {
  return String(d.getTime());
}

/** Decimal digits of a currency's minor unit (JPY has none). */
const MINOR_DIGITS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, HUF: 2 };

export function digitsOf(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

/** Minor units as a bare decimal: `7700` → `77.00`. */
export function money(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor));
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
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
