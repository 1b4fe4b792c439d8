/**
 * Reading the `data` of the account commands: values arrive as JSON types
 * or, from XML, as strings. Each reader throws the first problem as a
 * WapiError (2100 missing, 2101 invalid, unless the caller names another code).
 */
import { WapiError, type WapiData } from '../../command.ts';
import { resultText } from '../../codes.ts';

/** The first of `keys` that is present (aliases: the real WAPI name first), trimmed; undefined when none is. */
export function optionalText(data: WapiData, keys: readonly string[], invalid = 2101): string | undefined {
  for (const key of keys) {
    const v = data[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' && typeof v !== 'number') throw new WapiError(invalid, `${resultText(invalid)}: ${key}`);
    const s = String(v).trim();
    if (s !== '') return s;
  }
  return undefined;
}

export function requiredText(data: WapiData, keys: readonly string[], invalid = 2101): string {
  const s = optionalText(data, keys, invalid);
  if (s === undefined) throw new WapiError(2100, `${resultText(2100)}: ${keys[0]}`);
  return s;
}

/** A TLD as given ("cz", ".CZ") → "cz"; undefined when absent. */
export function tldOf(data: WapiData): string | undefined {
  const t = optionalText(data, ['tld'], 2201);
  return t === undefined ? undefined : t.replace(/^\./, '').toLowerCase();
}
