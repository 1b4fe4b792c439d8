/**
 * WAPI authentication, a WEDOS wire rule: `auth` = sha1(login +
 * sha1(WAPI password) + HH), HH the Europe/Prague hour ("07"). The dialect
 * accepts the current hour and, when configured, the previous one (see
 * prague.ts); any match authenticates. Core stores sha1(WAPI password) as
 * the account's WAPI secret and hands it to `matcher` (authenticateWapiLogin),
 * which keeps the per-login lockout and the account status rules.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/**
 * The check of one request's `auth` against a stored WAPI secret, for the
 * accepted hours (in order of preference). `onMatch` learns which of them
 * matched (its index), so the caller can tell a previous-hour login.
 */
export function wapiHashMatcher(login: string, auth: string, hours: readonly string[], onMatch?: (index: number) => void): (wapiSecret: string) => boolean {
  const given = Buffer.from(auth.trim().toLowerCase(), 'utf8');
  const user = login.trim();
  return (wapiSecret) => {
    const index = hours.findIndex((hh) => {
      const expected = Buffer.from(sha1Hex(user + wapiSecret + hh), 'utf8');
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (index >= 0) onMatch?.(index);
    return index >= 0;
  };
}
