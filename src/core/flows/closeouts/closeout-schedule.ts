/**
 * The price of an expired closeout on the engine clock. In the currency
 * asked, with R the TLD's price of a one-year renewal of the name (its
 * premium price where it has one):
 *
 *   start  S = 3 × R
 *   floor  F = R / 10 (rounded down, at least one minor unit)
 *   day d  (whole days since the closeout began, UTC-independent)
 *          price = S − ⌊(S − F) × min(d, 10) / 10⌋
 *
 * so the price falls by a tenth of (S − F) every 24 hours and rests at F
 * from day 10. A closeout lasts 14 days, or until the registration's
 * auto-renew grace ends if that comes first; then it ends unsold and the
 * registration goes on through redemption to its release as any expired
 * one does. The buyer pays the closeout price and, on top, the renewal R
 * that brings the registration back to active (core renewDomain).
 */
import { DAY } from '../../clock.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import { quote } from '../../pricing.ts';

export const CLOSEOUT_START_FACTOR = 3;
export const CLOSEOUT_DECAY_DAYS = 10;
export const CLOSEOUT_DURATION_MS = 14 * DAY;

export interface CloseoutPrice {
  readonly currency: string;
  /** What the closeout costs now. */
  readonly currentMinor: number;
  /** The one-year renewal charged with it. */
  readonly renewalMinor: number;
}

export function renewalPriceOf(policy: TldPolicy, name: string, currency: string, at: Date): number {
  return quote(policy, { op: 'renew', name, periodMonths: 12, currency, at, domainType: 'PAID' }).totalMinor;
}

export function closeoutPriceAt(policy: TldPolicy, name: string, currency: string, startedAt: Date, at: Date): CloseoutPrice {
  const renewalMinor = renewalPriceOf(policy, name, currency, at);
  const start = CLOSEOUT_START_FACTOR * renewalMinor;
  const floor = Math.max(1, Math.floor(renewalMinor / 10));
  const days = Math.max(0, Math.floor((at.getTime() - startedAt.getTime()) / DAY));
  const currentMinor = Math.max(floor, start - Math.floor(((start - floor) * Math.min(days, CLOSEOUT_DECAY_DAYS)) / CLOSEOUT_DECAY_DAYS));
  return { currency, currentMinor, renewalMinor };
}
