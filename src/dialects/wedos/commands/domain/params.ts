/**
 * Reading the `data` of the domain commands: values arrive as JSON types or,
 * from XML, as strings, so every reader accepts both. Each reader throws the
 * command's own WAPI code on the first problem (2100 missing, 2101 invalid,
 * or the specific code the document lists).
 */
import { WapiError, type WapiData } from '../../command.ts';

/** A required non-empty string (trimmed); 2100 when absent or empty. */
export function requiredString(data: WapiData, key: string, missing = 2100, invalid = 2101): string {
  const v = data[key];
  if (v === undefined || v === null || v === '') throw new WapiError(missing, missingText(missing, key));
  if (typeof v !== 'string' && typeof v !== 'number') throw new WapiError(invalid, `Invalid parameter value: ${key}`);
  const s = String(v).trim();
  if (s === '') throw new WapiError(missing, missingText(missing, key));
  return s;
}

/** An optional string: undefined when absent or empty. */
export function optionalString(data: WapiData, key: string, invalid = 2101): string | undefined {
  const v = data[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw new WapiError(invalid, `Invalid parameter value: ${key}`);
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** The domain name (`name`), as given: the engine validates it. */
export function domainName(data: WapiData): string {
  return requiredString(data, 'name');
}

/**
 * A period in whole years ("1", 1, " 2 "), returned in months. Anything that
 * is not a positive whole number of years is 2203, like a period the TLD
 * does not offer.
 */
export function periodMonths(data: WapiData, key = 'period'): number {
  const raw = requiredString(data, key);
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) throw new WapiError(2203);
  return Number(raw) * 12;
}

export interface Consent {
  readonly firstName: string;
  readonly lastName: string;
}

/**
 * `rules` {fname, lname}: the person who accepted the registration rules.
 * Absent (or empty) → 2245; not an object, or a name missing, empty, not a
 * string or longer than 255 characters → 2246.
 */
export function consent(data: WapiData): Consent {
  const v = data.rules;
  if (v === undefined || v === null || v === '') throw new WapiError(2245);
  if (typeof v !== 'object' || Array.isArray(v)) throw new WapiError(2246);
  const rules = v as Record<string, unknown>;
  const name = (key: 'fname' | 'lname') => {
    const s = rules[key];
    if (typeof s !== 'string' || s.trim() === '' || s.length > 255) throw new WapiError(2246);
    return s.trim();
  };
  return { firstName: name('fname'), lastName: name('lname') };
}

function missingText(code: number, key: string): string | undefined {
  return code === 2100 ? `Required parameter missing: ${key}` : undefined;
}
