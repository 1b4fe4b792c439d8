/**
 * The WAPI response envelope, JSON or XML. Keys in this order: code,
 * result, timestamp, clTRID (only when the request had one), svTRID,
 * command, data (only when there is data). JSON is compact; XML is
 * `<?xml …?>\n<response>…</response>` without indentation. In XML an
 * array, or an object keyed "0", "1", … (domains-list), is its key
 * repeated once per item (`<domain>…</domain><domain>…</domain>`, the way
 * WEDOS renders lists); true/false are 1/0; null and "" are empty elements.
 */
import { randomInt } from 'node:crypto';

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export interface WapiResponse {
  readonly code: number;
  readonly result: string;
  /** Unix seconds of the engine clock. */
  readonly timestamp: number;
  readonly clTRID?: string;
  readonly svTRID: string;
  readonly command: string;
  readonly data?: Record<string, unknown>;
}

let sequence = 0;

/** `<unix>.<4 random digits>.<per-process sequence>.1`, as WEDOS's server ids look. */
export function newSvTRID(now: Date): string {
  sequence += 1;
  return `${unixSeconds(now)}.${String(randomInt(0, 10_000)).padStart(4, '0')}.${sequence}.1`;
}

export function unixSeconds(t: Date): number {
  return Math.floor(t.getTime() / 1000);
}

/** The envelope with its keys in wire order. */
export function envelope(r: WapiResponse): WapiResponse {
  return {
    code: r.code,
    result: r.result,
    timestamp: r.timestamp,
    ...(r.clTRID !== undefined ? { clTRID: r.clTRID } : {}),
    svTRID: r.svTRID,
    command: r.command,
    ...(r.data !== undefined ? { data: r.data } : {}),
  };
}

export function serialize(r: WapiResponse, format: Format): string {
  const ordered = envelope(r);
  if (format === 'json') return JSON.stringify({ response: ordered });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('response', ordered)}`;
}

function element(key: string, value: unknown): string {
  const name = elementName(key);
  if (Array.isArray(value)) return value.map((v) => element(key, v)).join('');
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) return entries.map(([, v]) => element(key, v)).join('');
    return `<${name}>${entries.map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(scalarText(value))}</${name}>`;
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** A key as an XML element name: characters outside the name production become "_". */
function elementName(key: string): string {
  const s = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

function escapeXml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
