/**
 * The `domain` parameter of the per-domain setting commands (§7 item 2): up
 * to 100 comma-separated names, applied all or nothing. The kit runs every
 * flow call of a command in one transaction, so a refusal for any name
 * (not the caller's, not changeable, malformed) rolls back the names
 * already done. Names are deduplicated and taken in sorted order, so two
 * requests naming the same domains lock them in the same order.
 */
import type { Params } from '../params.ts';

/** "100 domains can be set per request" [L607]. */
export const MAX_SETTING_DOMAINS = 100;

/** The `domain` list: required, at most 100, lower-cased, unique, sorted. */
export function settingDomains(params: Params, max = MAX_SETTING_DOMAINS): string[] {
  const names = params.requiredList('domain', max).map((n) => n.toLowerCase());
  return [...new Set(names)].sort();
}

/** The one domain of set_folder and set_note ("only 1 domain per request"). */
export function singleDomain(params: Params): string {
  const [name] = params.requiredList('domain', 1);
  return name!;
}

/** A `yes`/`no` parameter (compared case-insensitively); absent or empty: the default. */
export function yesNo(params: Params, name: string, fallback: boolean): boolean {
  const v = params.choice(name, ['yes', 'no'] as const);
  return v === undefined ? fallback : v === 'yes';
}
