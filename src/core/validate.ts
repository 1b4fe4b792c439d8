/** Small validators shared by flows. Each throws InvalidValue naming the parameter. */
import { isIP } from 'node:net';
import { InvalidValue, MissingParameter } from './errors/index.ts';

const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]{2,}$/;

export function normalizeEmail(input: unknown, param = 'email'): string {
  if (typeof input !== 'string' || input.trim() === '') throw new MissingParameter(param);
  const email = input.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw new InvalidValue(param, 'a valid e-mail address is required', input);
  return email;
}

/**
 * International phone numbers: "+CC.NUMBER" (EPP style) or "+CC NUMBER…".
 * Stored as "+CC.NUMBER" when the separator is given, otherwise "+DIGITS".
 */
export function normalizePhone(input: unknown, param = 'phone'): string {
  if (typeof input !== 'string' || input.trim() === '') throw new MissingParameter(param);
  const compact = input.trim().replace(/[\s()-]/g, '');
  const m = /^\+(\d{1,3})\.(\d{4,14})$/.exec(compact) ?? /^\+()(\d{6,15})$/.exec(compact);
  if (!m) throw new InvalidValue(param, 'an international number such as +420.123456789 is required', input);
  return m[1] ? `+${m[1]}.${m[2]}` : `+${m[2]}`;
}

export function normalizeCountry(input: unknown, param = 'country'): string {
  if (typeof input !== 'string' || !/^[A-Za-z]{2}$/.test(input.trim())) {
    throw new InvalidValue(param, 'a two-letter ISO 3166-1 country code is required', input);
  }
  return input.trim().toUpperCase();
}

export function normalizeIp(input: unknown, param = 'ip'): { address: string; family: 4 | 6 } {
  if (typeof input !== 'string') throw new MissingParameter(param);
  const s = input.trim();
  const family = isIP(s);
  if (family === 0) throw new InvalidValue(param, 'a valid IPv4 or IPv6 address is required', input);
  return { address: family === 6 ? s.toLowerCase() : s, family: family as 4 | 6 };
}

export function requireString(input: unknown, param: string, opts: { max?: number; allowEmpty?: boolean } = {}): string {
  if (input === undefined || input === null) throw new MissingParameter(param);
  if (typeof input !== 'string') throw new InvalidValue(param, 'a string is required', input);
  const s = input.trim();
  if (!opts.allowEmpty && s === '') throw new MissingParameter(param);
  if (s.length > (opts.max ?? 255)) throw new InvalidValue(param, `at most ${opts.max ?? 255} characters`, input);
  return s;
}

export function optionalString(input: unknown, param: string, max = 255): string | undefined {
  if (input === undefined || input === null) return undefined;
  return requireString(input, param, { max, allowEmpty: true });
}
