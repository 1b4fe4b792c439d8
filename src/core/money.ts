/**
 * Money is integer minor units with a currency. Decimal strings are parsed
 * and printed digit by digit: no floating point anywhere.
 */
import { CurrencyNotSupported, InvalidValue } from './errors/index.ts';

/** ISO 4217 exponents of the currencies regd prices in. */
const EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  EUR: 2, USD: 2, GBP: 2, CZK: 2, CHF: 2, PLN: 2, CAD: 2, AUD: 2, CNY: 2, JPY: 0,
});

export interface Money {
  readonly currency: string;
  readonly minor: number;
}

export function currencyExponent(currency: string): number {
  const e = EXPONENTS[currency];
  if (e === undefined) throw new CurrencyNotSupported(currency);
  return e;
}

export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(EXPONENTS, currency);
}

export function normalizeCurrency(input: string, param = 'currency'): string {
  const c = input.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) throw new InvalidValue(param, 'a three-letter ISO 4217 code is expected', input);
  if (!isKnownCurrency(c)) throw new CurrencyNotSupported(c, param);
  return c;
}

/** "10.99" → 1099 (EUR). Rejects more decimals than the currency has, signs unless allowed, and garbage. */
export function parseAmount(text: string | number, currency: string, param = 'amount'): number {
  const exp = currencyExponent(currency);
  const s = typeof text === 'number' ? numberToPlainString(text) : text.trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) throw new InvalidValue(param, 'a non-negative decimal amount is expected', text);
  const frac = m[2] ?? '';
  if (frac.replace(/0+$/, '').length > exp) {
    throw new InvalidValue(param, `at most ${exp} decimal places for ${currency}`, text);
  }
  const minor = BigInt(m[1]!) * 10n ** BigInt(exp) + BigInt((frac + '0'.repeat(exp)).slice(0, exp) || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidValue(param, 'amount too large', text);
  return Number(minor);
}

/** 1099 (EUR) → "10.99"; 5 (JPY) → "5". */
export function formatAmount(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : '.' + digits.slice(-exp);
  return (neg ? '-' : '') + whole + frac;
}

/** Shortest round-trip text of a JS number (YAML may hand us 10.99 as a number). */
function numberToPlainString(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}
