/**
 * The WAPI response envelope, JSON or XML. Keys in this order: code,
 * result, timestamp, clTRID (only when the request had one), svTRID,
 * command, data (only when there is data). JSON is compact; XML is
 * `<?xml …?>\n<response>…</response>` without indentation. In XML an
 * array, or an object keyed "0", "1", … (domains-list), is its key
 * repeated once per item (`<domain>…</domain><domain>…</domain>`, the way
 * WEDOS renders lists); true/false are 1/0; null and "" are empty elements.
 *
 * Lists whose JSON and XML shapes differ are built with `indexedList` (JSON
 * `{"0": …, "1": …}`, XML the repeated element, and nothing at all when
 * empty: no phantom `<domain></domain>`) and `numberedList` (JSON
 * `{"server1": …, "server2": …}` as domain-info's `dns`, XML repeated
 * `<server>` elements as the document and WAPI's own XML requests use). The
 * mark is a symbol key: JSON never sees it.
 */
import { randomInt } from 'node:crypto';
import { renderJson, renderXml, type WireTree, type XmlStyle } from '../kit/index.ts';

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

/** The XML element an object built by numberedList repeats (indexedList: its own key). */
const XML_LIST = Symbol('wapi.xmlList');

type Marked = Record<string, unknown> & { [XML_LIST]?: string | true };

/** JSON `{"0": a, "1": b}` (keys in order); XML `<key>a</key><key>b</key>` under the parent's key, nothing when empty. */
export function indexedList(items: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Marked = {};
  items.forEach((item, i) => { out[String(i)] = item; });
  Object.defineProperty(out, XML_LIST, { value: true, enumerable: false });
  return out;
}

/** JSON `{"<element>1": a, "<element>2": b}`; XML `<element>a</element><element>b</element>`. */
export function numberedList(element: string, items: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Marked = {};
  items.forEach((item, i) => { out[`${element}${i + 1}`] = item; });
  Object.defineProperty(out, XML_LIST, { value: element, enumerable: false });
  return out;
}

/** The tree as XML shows it: marked lists become arrays (indexedList) or `{element: [...]}` (numberedList). */
function xmlShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(xmlShape);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const mark = (value as Marked)[XML_LIST];
  const items = Object.values(value as Record<string, unknown>).map(xmlShape);
  if (mark === true) return items;
  if (typeof mark === 'string') return { [mark]: items };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = xmlShape(v);
  return out;
}

/** WAPI's XML: declaration, one line, quotes as they are, booleans 1/0, `<a></a>` for empty, "0","1"… keyed objects as lists. */
export const WAPI_XML_STYLE: XmlStyle = {
  declaration: true, indent: null, escapeQuotes: false, booleans: 'numeric', empty: 'pair',
  indexedObjectsAreLists: true, sanitizeNames: true, dropInvalidChars: true,
};

export function serialize(r: WapiResponse, format: Format): string {
  const ordered = envelope(r) as unknown as WireTree;
  return format === 'json' ? renderJson({ response: ordered }) : renderXml('response', xmlShape(ordered) as WireTree, WAPI_XML_STYLE);
}
