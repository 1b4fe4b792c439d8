/**
 * WAPI golden fixtures: whole answers stored in `fixtures/`, compared byte
 * for byte with what the server sends over HTTP.
 *
 * A fixture is written readable and turned into the exact wire text before
 * the comparison:
 * - `.json`: pretty JSON, compared in compact form (JSON.stringify, key order
 *   counts). A placeholder stands inside a string (`"%OWNER%"`) or, for a
 *   number, bare (`"timestamp": %TIMESTAMP%`).
 * - `.xml`: the declaration line, then one element per line with leaf
 *   elements on their line; the lines after the declaration are joined with
 *   their indentation removed (the wire has none).
 *
 * `%NAME%` placeholders take `vars[NAME]` (values the test knows: handles,
 * ids), or match a pattern (values nobody can know in advance: TIMESTAMP,
 * SVTRID, NUM, DATETIME). The svTRID must start with the timestamp.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { envelope, envelopeXml, wapiAuth, type WapiClient } from './support.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** Placeholders that stand for values a test cannot know in advance. */
const PATTERNS: Readonly<Record<string, string>> = {
  TIMESTAMP: '\\d{10}',
  SVTRID: '\\d{10}\\.\\d{4}\\.\\d+\\.1',
  /** An order number. */
  NUM: '\\d+',
  /** A Prague date and time, "YYYY-MM-DD HH:MM:SS". */
  DATETIME: '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d',
};

export type Format = 'json' | 'xml';

export interface RawReply {
  readonly status: number;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly text: string;
}

const CONTENT_TYPES: Readonly<Record<Format, string>> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** POST `body` to /wapi/<path> (`json`, `xml`, or any other path); the answer as sent. */
export async function postWapi(baseUrl: string, path: string, body: string, contentType = 'application/x-www-form-urlencoded'): Promise<RawReply> {
  const res = await fetch(`${baseUrl}/wapi/${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', cacheControl: res.headers.get('cache-control') ?? '', text: await res.text() };
}

/** The request text a client sends in `format` (JSON wrapped in `request`, or the XML envelope). */
export function requestText(format: Format, request: Record<string, unknown>): string {
  return format === 'json' ? JSON.stringify({ request }) : envelopeXml(request);
}

/** A request as `request=<urlencoded envelope>` (the way lego and acme.sh send it). */
export function formBody(text: string): string {
  return new URLSearchParams({ request: text }).toString();
}

/**
 * One command of `client`'s account, the envelope in `format` sent to
 * /wapi/<format>; the answer as sent. `auth` replaces the computed hash;
 * `envelope` adds keys beside `data`.
 */
export async function callRaw(
  client: WapiClient,
  format: Format,
  command: string,
  data?: unknown,
  options: { clTRID?: string; test?: unknown; auth?: string; envelope?: Record<string, unknown> } = {},
): Promise<RawReply> {
  const auth = options.auth ?? wapiAuth(client.login, client.wapiPassword, await client.serverNow());
  const request: Record<string, unknown> = envelope(client.login, auth, command, data, options.clTRID !== undefined ? { clTRID: options.clTRID } : {});
  if (options.test !== undefined) request.test = options.test;
  Object.assign(request, options.envelope);
  return postWapi(client.baseUrl, format, formBody(requestText(format, request)));
}

/** A JSON fixture as the compact wire text, placeholders kept as `%NAME%`. */
function compactJson(text: string): string {
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|%([A-Z0-9_]+)%/g, (m, name: string | undefined) => (name === undefined ? m : `"\\u0001${name}\\u0001"`));
  return JSON.stringify(JSON.parse(marked)).replace(/"\\u0001([A-Z0-9_]+)\\u0001"/g, '%$1%');
}

/** An XML fixture as the wire text: the declaration line, then the rest joined without indentation. */
function compactXml(text: string): string {
  const [declaration, ...lines] = text.replace(/\n$/, '').split('\n');
  return `${declaration}\n${lines.map((l) => l.trimStart()).join('')}`;
}

function escapeJsonString(v: string): string {
  return JSON.stringify(v).slice(1, -1);
}

function escapeXml(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The fixture's wire text with `vars` in place; pattern placeholders are left as `%NAME%`. */
export function fixtureText(name: string, vars: Readonly<Record<string, string | number>> = {}): string {
  const raw = readFileSync(new URL(name, FIXTURES), 'utf8');
  const json = name.endsWith('.json');
  let text = json ? compactJson(raw) : compactXml(raw);
  for (const [k, v] of Object.entries(vars)) {
    const value = String(v);
    if (json) text = text.replaceAll(`"%${k}%"`, JSON.stringify(value)).replaceAll(`%${k}%`, typeof v === 'number' ? value : escapeJsonString(value));
    else text = text.replaceAll(`%${k}%`, escapeXml(value));
  }
  const unknown = [...text.matchAll(/%([A-Z0-9_]+)%/g)].map((m) => m[1]!).filter((p) => PATTERNS[p] === undefined);
  assert.deepEqual(unknown, [], `fixture ${name} has placeholders without values`);
  return text;
}

/**
 * The whole answer equals the fixture: HTTP 200 (`status` for a path that is
 * not WAPI's), the content type of the fixture's format, no caching, and the
 * body byte for byte.
 */
export function assertGolden(reply: RawReply, name: string, vars: Readonly<Record<string, string | number>> = {}, status = 200): void {
  const expected = fixtureText(name, vars);
  const regex = new RegExp(`^${expected.split(/(%[A-Z0-9_]+%)/).map((part) => {
    const m = /^%([A-Z0-9_]+)%$/.exec(part);
    return m ? PATTERNS[m[1]!] : escapeRegex(part);
  }).join('')}$`);
  if (!regex.test(reply.text)) assert.equal(reply.text, expected, `the answer differs from fixture ${name}`);
  const timestamp = /"timestamp":(\d+)|<timestamp>(\d+)<\/timestamp>/.exec(reply.text);
  const svTRID = /"svTRID":"([^"]*)"|<svTRID>([^<]*)<\/svTRID>/.exec(reply.text);
  assert.ok(timestamp && svTRID, `${name}: timestamp and svTRID`);
  assert.ok((svTRID[1] ?? svTRID[2])!.startsWith(`${timestamp[1] ?? timestamp[2]}.`), `${name}: the svTRID starts with the timestamp`);
  assert.equal(reply.status, status, `${name}: HTTP status`);
  assert.equal(reply.contentType, CONTENT_TYPES[name.endsWith('.json') ? 'json' : 'xml'], `${name}: content type`);
  assert.equal(reply.cacheControl, 'no-store', `${name}: cache control`);
}

