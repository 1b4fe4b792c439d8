/**
 * TTL bounds for hosted DNS records, in seconds.
 *
 * - 60 s minimum: short enough for failovers and ACME challenges, long
 *   enough that resolvers are not asked for every query.
 * - 86400 s (one day) maximum: a mistake in a record is never cached for
 *   longer than a day.
 * - 3600 s default: the usual registrar default when a client sends none.
 *
 * These are fixed here for now; a later change may move them into operator
 * policy.
 */
import { InvalidRecordTtl } from '../errors/index.ts';

export const DNS_MIN_TTL = 60;
export const DNS_MAX_TTL = 86_400;
export const DNS_DEFAULT_TTL = 3_600;

/** A TTL given by a client; `undefined` takes the zone's default. */
export function validateTtl(input: unknown, fallback: number = DNS_DEFAULT_TTL, param = 'ttl'): number {
  if (input === undefined || input === null) return fallback;
  if (typeof input !== 'number' || !Number.isInteger(input) || input < DNS_MIN_TTL || input > DNS_MAX_TTL) {
    throw new InvalidRecordTtl(input, DNS_MIN_TTL, DNS_MAX_TTL, param);
  }
  return input;
}
