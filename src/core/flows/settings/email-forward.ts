/**
 * E-mail forwarding of a domain (Dynadot forward_type): none, delivery to
 * other mail hosts through MX records, or aliases of the domain forwarded
 * to existing addresses. One validator for the per-domain setting and for
 * templates (account defaults, folders).
 */
import { InvalidValue, MissingParameter } from '../../errors/index.ts';
import { parseHostName } from '../../names.ts';
import { normalizeEmail } from '../../validate.ts';
import type { EmailForward } from '../../../store/index.ts';

export const EMAIL_FORWARD_TYPES = ['donot', 'mx', 'forward'] as const;

/** Dynadot mx_host0–mx_host2. */
export const MAX_MX_HOSTS = 3;
/** Dynadot username0–username9. */
export const MAX_EMAIL_ALIASES = 10;
/** MX preference is a 16-bit unsigned integer (RFC 1035 §3.3.9). */
export const MAX_MX_DISTANCE = 65_535;
/** The alias that catches every address of the domain not listed otherwise. */
export const CATCH_ALL_ALIAS = '*';

/** A local part regd accepts for an alias: lower-case letters, digits and . _ + - (RFC 5321 limits it to 64). */
const ALIAS_LOCAL_PART = /^[a-z0-9._+-]{1,64}$/;

export function validateEmailForward(input: unknown): EmailForward {
  if (input === undefined || input === null) throw new MissingParameter('forward_type');
  if (typeof input !== 'object' || Array.isArray(input)) throw new InvalidValue('email_forward', 'an object with a forward type is required', input);
  const value = input as Record<string, unknown>;
  switch (value.type) {
    case 'donot':
      return { type: 'donot' };
    case 'mx':
      return { type: 'mx', mx: mailHosts(value.mx) };
    case 'forward':
      return { type: 'forward', aliases: aliases(value.aliases) };
    default:
      throw new InvalidValue('forward_type', `one of ${EMAIL_FORWARD_TYPES.join(', ')} is required`, value.type);
  }
}

function mailHosts(input: unknown): { host: string; distance: number }[] {
  if (!Array.isArray(input) || input.length < 1 || input.length > MAX_MX_HOSTS) {
    throw new InvalidValue('mx', `from 1 to ${MAX_MX_HOSTS} mail hosts are required`, input);
  }
  const seen = new Set<string>();
  return input.map((entry: unknown, i) => {
    const e = entryObject(entry, `mx[${i}]`);
    const host = parseHostName(e.host as string, `mx[${i}].host`);
    if (seen.has(host)) throw new InvalidValue(`mx[${i}].host`, 'the same mail host is listed twice', e.host);
    seen.add(host);
    const distance = e.distance;
    if (typeof distance !== 'number' || !Number.isInteger(distance) || distance < 0 || distance > MAX_MX_DISTANCE) {
      throw new InvalidValue(`mx[${i}].distance`, `an integer from 0 to ${MAX_MX_DISTANCE} is required`, distance);
    }
    return { host, distance };
  });
}

function aliases(input: unknown): { user: string; to: string }[] {
  if (!Array.isArray(input) || input.length < 1 || input.length > MAX_EMAIL_ALIASES) {
    throw new InvalidValue('aliases', `from 1 to ${MAX_EMAIL_ALIASES} aliases are required`, input);
  }
  const seen = new Set<string>();
  return input.map((entry: unknown, i) => {
    const e = entryObject(entry, `aliases[${i}]`);
    if (typeof e.user !== 'string') throw new InvalidValue(`aliases[${i}].user`, 'an alias (local part) is required', e.user);
    const user = e.user.trim().toLowerCase();
    if (user !== CATCH_ALL_ALIAS && !ALIAS_LOCAL_PART.test(user)) {
      throw new InvalidValue(`aliases[${i}].user`, `1 to 64 of a-z 0-9 . _ + -, or "${CATCH_ALL_ALIAS}" for every other address`, e.user);
    }
    if (seen.has(user)) throw new InvalidValue(`aliases[${i}].user`, 'the same alias is listed twice', e.user);
    seen.add(user);
    return { user, to: normalizeEmail(e.to, `aliases[${i}].to`) };
  });
}

function entryObject(entry: unknown, param: string): Record<string, unknown> {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InvalidValue(param, 'an object is required', entry);
  return entry as Record<string, unknown>;
}
