/** Validation of the profile fields shared by account creation and profile updates. */
import { InvalidValue } from '../../errors/index.ts';
import { normalizeCountry, normalizePhone, optionalString } from '../../validate.ts';

export interface ProfileInput {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly organization?: string;
  readonly address?: string;
  readonly postcode?: string;
  readonly city?: string;
  readonly state?: string;
  readonly country?: string;
  readonly phone?: string;
}

export const ACCOUNT_LEVELS = ['regular', 'bulk', 'super_bulk', 'reseller'] as const;
export type AccountLevel = (typeof ACCOUNT_LEVELS)[number];

/** Column values for the fields present in `p` (absent fields are left out). */
export function profileColumns(p: ProfileInput) {
  const cols: Record<string, string> = {};
  const text: [keyof ProfileInput, string][] = [
    ['firstName', 'first_name'], ['lastName', 'last_name'], ['organization', 'organization'],
    ['address', 'address'], ['postcode', 'postcode'], ['city', 'city'], ['state', 'state'],
  ];
  for (const [k, col] of text) {
    const v = optionalString(p[k], k, 255);
    if (v !== undefined) cols[col] = v;
  }
  if (p.country !== undefined && p.country !== '') cols.country = normalizeCountry(p.country);
  if (p.phone !== undefined && p.phone !== '') cols.phone = normalizePhone(p.phone);
  return cols;
}

export function normalizeLevel(level: unknown): AccountLevel {
  if (typeof level !== 'string' || !(ACCOUNT_LEVELS as readonly string[]).includes(level)) {
    throw new InvalidValue('level', `one of ${ACCOUNT_LEVELS.join(', ')} is required`, level);
  }
  return level as AccountLevel;
}

export function normalizePushUsername(input: unknown): string {
  if (typeof input !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/.test(input.trim())) {
    throw new InvalidValue('push_username', '3-32 letters, digits, dots, hyphens or underscores are required', input);
  }
  return input.trim();
}
