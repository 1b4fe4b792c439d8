/**
 * From an HTTP body to the request envelope:
 *
 * - where: the form field `request` (URL-encoded, the way lego and acme.sh
 *   send it; not encoded, `request={"request":…}`; or a multipart field or
 *   file), the query parameter `request`, or the whole body as it is;
 * - what: JSON `{"request":{user, auth, command, clTRID?, data?, test?}}`
 *   (the wrapper may be left out), or XML `<request>…</request>`, told
 *   apart by the first character, whatever the path or content type;
 * - `data`: absent, null, "", [] (PHP's empty array) or an empty XML
 *   element are no data ({}); an object is the data; anything else is 2000;
 * - `test`: 1, "1", true, "true" (any case) run and roll back; 0, "0",
 *   false, "false", "" or absent are a normal run; anything else is 2101.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WapiError, type WapiData } from './command.ts';

/** Longest clTRID echoed (longer: 2005). */
export const MAX_CLTRID = 255;

/** Deepest XML element nesting read (deeper: 2008, the request is too complex); a WAPI request needs 5 or so. */
export const MAX_XML_DEPTH = 100;

export interface Envelope {
  readonly user: string;
  readonly auth: string;
  readonly command: string;
  readonly clTRID?: string;
  readonly data: WapiData;
  readonly test: boolean;
}

/**
 * A multipart/form-data body as its fields (a repeated field as a list, a
 * file as its text). One that cannot be read (truncated, no boundary) is
 * 2000, unless it is empty or a bare envelope under the wrong content type:
 * that text is returned, to be read like any other body.
 */
export async function multipartFields(body: Buffer, contentType: string): Promise<Record<string, string | string[]> | string> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    const text = body.toString('utf8');
    if (/^\uFEFF?\s*(?:[{<]|$)/.test(text)) return text;
    throw new WapiError(2000, 'Request parse error: malformed multipart body');
  }
  const fields = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of form) {
    const text = typeof value === 'string' ? value : await value.text();
    const prev = fields[name];
    fields[name] = prev === undefined ? text : Array.isArray(prev) ? [...prev, text] : [prev, text];
  }
  return fields;
}

/** The request text of a body (string from the catch-all parser, or the multipart fields); undefined when the request is empty (2009). */
export function requestText(body: unknown, query: unknown): string | undefined {
  const fromQuery = query !== null && typeof query === 'object' ? (query as Record<string, unknown>).request : undefined;
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
    return fieldText((body as Record<string, unknown>).request) ?? fieldText(fromQuery);
  }
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  return textOfBody(text) ?? fieldText(fromQuery);
}

function fieldText(v: unknown): string | undefined {
  if (Array.isArray(v)) return fieldText(v[0]);
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function textOfBody(raw: string): string | undefined {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') return undefined;
  if (text.startsWith('{') || text.startsWith('<')) return text;
  const unencoded = /^request=\s*([{<][\s\S]*)$/.exec(text);
  if (unencoded && parsesAsEnvelope(unencoded[1]!)) return unencoded[1]!;
  const form = new URLSearchParams(text);
  if (form.has('request')) return fieldText(form.get('request') ?? undefined);
  // Not a form with a request field: the text as it is (it fails as a malformed envelope, 2000).
  return text;
}

function parsesAsEnvelope(text: string): boolean {
  try {
    parseEnvelopeDocument(text);
    return true;
  } catch {
    return false;
  }
}

/** The envelope's fields as sent (not yet checked); WapiError 2000 when the text is not a JSON object or XML <request>. */
export function parseEnvelopeDocument(text: string): Record<string, unknown> {
  const t = text.replace(/^\uFEFF/, '').trim();
  return t.startsWith('<') ? parseXml(t) : parseJson(t);
}

function parseJson(text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new WapiError(2000, 'Request parse error: malformed JSON');
  }
  if (!isObject(doc)) throw new WapiError(2000, 'Request parse error: a JSON object is required');
  if (isObject(doc.request)) return doc.request;
  if ('user' in doc || 'auth' in doc || 'command' in doc) return doc;
  throw new WapiError(2000, 'Request parse error: no request element');
}

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  maxNestedTags: MAX_XML_DEPTH,
});

function parseXml(text: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new WapiError(2000, 'Request parse error: DTDs are not accepted');
  if (XMLValidator.validate(text) !== true) throw new WapiError(2000, 'Request parse error: malformed XML');
  let doc: Record<string, unknown>;
  try {
    doc = xmlParser.parse(text) as Record<string, unknown>;
  } catch (e) {
    // Well-formed XML the parser still refuses: nested too deep, or an element named __proto__ or constructor.
    if (/nested/i.test((e as Error).message)) throw new WapiError(2008);
    throw new WapiError(2000, 'Request parse error: malformed XML');
  }
  const root = doc.request;
  if (root === '' ) return {};
  if (!isObject(root)) throw new WapiError(2000, 'Request parse error: no request element');
  return root;
}

/** The command as sent, for the answer's `command` (empty when there is none). */
export function commandEcho(doc: Record<string, unknown> | undefined): string {
  const c = doc?.command;
  return typeof c === 'string' ? c.trim() : typeof c === 'number' ? String(c) : '';
}

/** The clTRID as sent, for the answer (undefined when there is none or it is not a scalar). */
export function clTRIDEcho(doc: Record<string, unknown> | undefined): string | undefined {
  const c = doc?.clTRID;
  if (typeof c === 'string') return c.slice(0, MAX_CLTRID);
  if (typeof c === 'number') return String(c);
  return undefined;
}

/** Checks the fields, in the order WAPI reports them: user 2001, auth 2002, command 2003, clTRID 2005, data 2000, test 2101. */
export function checkEnvelope(doc: Record<string, unknown>): Envelope {
  const user = scalar(doc.user);
  if (user === '') throw new WapiError(2001);
  const auth = scalar(doc.auth);
  if (auth === '') throw new WapiError(2002);
  const command = scalar(doc.command);
  if (command === '') throw new WapiError(2003);
  const clTRID = doc.clTRID === undefined || doc.clTRID === null ? undefined : scalar(doc.clTRID);
  if (clTRID !== undefined && clTRID.length > MAX_CLTRID) throw new WapiError(2005);
  return { user, auth, command, ...(clTRID !== undefined ? { clTRID } : {}), data: dataOf(doc.data), test: testOf(doc.test) };
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function dataOf(v: unknown): WapiData {
  if (v === undefined || v === null || v === '') return {};
  if (Array.isArray(v) && v.length === 0) return {};
  if (isObject(v)) return v;
  throw new WapiError(2000, 'Request parse error: data must be an object');
}

const TRUE = new Set(['1', 'true']);
const FALSE = new Set(['0', 'false', '']);

function testOf(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (s !== undefined && TRUE.has(s)) return true;
  if (s !== undefined && FALSE.has(s)) return false;
  throw new WapiError(2101, 'Invalid parameter value: test');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
