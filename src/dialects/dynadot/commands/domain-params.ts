/**
 * Parameter readers shared by the domain commands (search, register,
 * bulk_register, renew, suggestion_search): IDN language tags, contact
 * numbers, durations in years, currencies and coupons.
 */
import type { ContactAssignment } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';

/** A language tag for an IDN (`spa`, `ger`, `zh-cn`): letters, then optional subtags. */
export function readLanguage(params: Params, name: string): string | undefined {
  const v = params.one(name);
  if (v === undefined || v === '') return undefined;
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(v)) throw DynadotError.invalid(name, v);
  return v;
}

/** A currency code as sent (core checks that it is one regd prices in). */
export function readCurrency(params: Params): string | undefined {
  const v = params.one('currency');
  if (v === undefined || v === '') return undefined;
  if (!/^[A-Za-z]{3}$/.test(v)) throw DynadotError.invalid('currency', v);
  return v.toUpperCase();
}

/** Years (1–10) as months. */
export function readDurationMonths(params: Params, required: boolean): number | undefined {
  const years = required ? params.requiredInteger('duration', 1, 10) : params.integer('duration', 1, 10);
  return years === undefined ? undefined : years * 12;
}

/**
 * regd has no promotion codes: a coupon can only be unknown, and the order
 * is refused before anything is charged, as the real service refuses a
 * code it does not know (README "Choices").
 */
export function refuseCoupon(params: Params): void {
  const v = params.one('coupon');
  if (v !== undefined && v !== '') throw new DynadotError(`invalid coupon: ${JSON.stringify(v.slice(0, 100))} is not a valid coupon code`);
}

const CONTACT_PARAMS = [
  ['registrant_contact', 'registrant'],
  ['admin_contact', 'admin'],
  ['technical_contact', 'tech'],
  ['billing_contact', 'billing'],
] as const;

/** The four contact ids (public numbers); undefined when none is given (the account's defaults apply). */
export function readContacts(params: Params): ContactAssignment | undefined {
  const out: Record<string, number> = {};
  for (const [param, role] of CONTACT_PARAMS) {
    const v = params.one(param);
    if (v === undefined || v === '') continue;
    if (!/^\d{1,15}$/.test(v) || Number(v) < 1) throw DynadotError.invalid(param, v);
    out[role] = Number(v);
  }
  return Object.keys(out).length === 0 ? undefined : (out as ContactAssignment);
}
