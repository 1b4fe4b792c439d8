/**
 * Reading the `data` of the WAPI DNS commands. Values arrive as JSON types
 * (lego sends `row_id` as a string and `ttl` as a number) or, from XML, as
 * strings, so every reader accepts both. Each reader throws the WAPI code
 * of the first problem: 2100 missing, 2101 invalid, 2317 a TTL that is not
 * a whole number.
 */
import { WapiError, type WapiData } from '../../command.ts';
import { optionalString, requiredString } from '../domain/params.ts';

/**
 * The zone, under its documented key (`domain` for the row commands, `name`
 * for dns-domain-info and dns-domain-commit), or under `alias` where
 * WEDOS's own pages and clients disagree (dns-row-detail's page lists
 * `name` but its example sends `domain`; some scripts send `name` to
 * dns-rows-list). The row-changing commands take no alias: their `name` is
 * the record's.
 */
export function zoneName(data: WapiData, key: 'domain' | 'name', alias?: 'domain' | 'name'): string {
  return optionalString(data, key) ?? (alias !== undefined ? optionalString(data, alias) : undefined) ?? requiredString(data, key);
}

/** `row_id`: a positive whole number, as a number or a string of digits. */
export function rowId(data: WapiData): number {
  const raw = requiredString(data, 'row_id');
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new WapiError(2101, 'Invalid parameter value: row_id');
  return Number(raw);
}

/** `ttl` in seconds (required by the document): whole number, else 2317; the range is the engine's (2317 too). */
export function ttl(data: WapiData): number {
  const raw = requiredString(data, 'ttl');
  if (!/^\d{1,10}$/.test(raw)) throw new WapiError(2317);
  return Number(raw);
}

/** `rdata`: required, kept exactly as sent (TXT data is the text itself; the engine trims the other types). */
export function rdata(data: WapiData): string {
  const v = data.rdata;
  if (v === undefined || v === null || v === '') throw new WapiError(2100, 'Required parameter missing: rdata');
  if (typeof v !== 'string' && typeof v !== 'number') throw new WapiError(2101, 'Invalid parameter value: rdata');
  return String(v);
}

/** The record's owner relative to the zone: absent or "" is the apex (lego omits an empty name). */
export function rowName(data: WapiData): string {
  const v = data.name;
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string' && typeof v !== 'number') throw new WapiError(2311);
  return String(v).trim();
}

/** `auth_comment` (optional): the text as sent, trimmed; absent or "" is none; over 255 characters or with control characters 2101 (core's limits). */
export function authComment(data: WapiData): string | undefined {
  const s = optionalString(data, 'auth_comment');
  // eslint-disable-next-line no-control-regex
  if (s !== undefined && (s.length > 255 || /[\u0000-\u001F\u007F]/.test(s))) throw new WapiError(2101, 'Invalid parameter value: auth_comment');
  return s;
}
