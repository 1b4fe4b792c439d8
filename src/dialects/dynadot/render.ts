/**
 * From a command's answer to the bytes on the wire, in XML, JSON or the
 * "CSV" text of the `.html`/`.csv` paths, through the kit's one wire tree.
 *
 * XML: `<Root><Header><Code/><Status/>[<Error/>][header fields]</Header>
 * [<Content>…</Content>]</Root>`, two-space indentation, the declaration
 * when the command's generation has one (envelopes.ts). JSON (§5): one
 * compact object under the root key, the header level removed: code,
 * Status, Error, header fields, then the command's JSON content (its own
 * tree: lists renamed and wrappers kept exactly where §5 says).
 */
import { renderJson, renderXml, type WireTree, type XmlStyle } from '../kit/index.ts';
import { GENERIC_ENVELOPE, VARIANTS, type Envelope } from './envelopes.ts';

export type Format = 'xml' | 'json' | 'csv';

export interface Answer {
  /** 0 unless stated. */
  readonly code?: number;
  /** "success" unless stated; null: no Status element (search). */
  readonly status?: string | null;
  /** Error text (written when the status is "error"). */
  readonly error?: string;
  /** Fields of the header after Status/Error (XML), after them in the JSON object. */
  readonly header?: WireTree;
  /** Children of the XML content element; undefined: no content element. */
  readonly content?: WireTree;
  /** The JSON fields after the header's; default: `content` as it is. */
  readonly json?: WireTree;
  /** A whole XML body for a command whose XML is not the envelope (search's `Results`). */
  readonly xmlRoot?: { readonly name: string; readonly tree: WireTree };
  /** A whole JSON body (rare; is_processing's has no Status). */
  readonly jsonBody?: WireTree;
  /** Lines of the CSV form, after `ok`; default: `ok,<status>`. */
  readonly csv?: readonly (readonly string[])[];
}

const baseStyle = { indent: '  ', escapeQuotes: false, booleans: 'words', empty: 'self-closing', indexedObjectsAreLists: false, sanitizeNames: false, dropInvalidChars: true } as const;
const WITH_DECLARATION: XmlStyle = { ...baseStyle, declaration: true };
const WITHOUT_DECLARATION: XmlStyle = { ...baseStyle, declaration: false };

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  xml: 'text/xml;charset=UTF-8',
  json: 'application/json;charset=UTF-8',
  csv: 'text/html;charset=UTF-8',
};

export function render(envelope: Envelope, answer: Answer, format: Format): string {
  if (format === 'csv') return renderCsv(answer);
  const rule = VARIANTS[envelope.variant];
  const code = answer.code ?? 0;
  const status = answer.status === undefined ? 'success' : answer.status;
  const error = status === 'error' || answer.error !== undefined ? { Error: answer.error ?? '' } : {};
  if (format === 'json') {
    if (envelope.jsonBare === true) return renderJson({ status: status ?? 'success', ...('Error' in error ? { error: error.Error } : {}), ...answer.json });
    if (answer.jsonBody !== undefined) return renderJson({ [envelope.root]: answer.jsonBody });
    return renderJson({
      [envelope.root]: {
        [envelope.jsonCodeKey ?? 'ResponseCode']: rule.jsonCode === 'number' ? code : String(code),
        ...(status !== null ? { Status: status } : {}),
        ...error,
        ...answer.header,
        ...(answer.json ?? answer.content),
      },
    });
  }
  const style = rule.declaration ? WITH_DECLARATION : WITHOUT_DECLARATION;
  if (answer.xmlRoot !== undefined) return renderXml(answer.xmlRoot.name, answer.xmlRoot.tree, style);
  const tree: Record<string, WireTree> = {
    [envelope.header]: {
      [rule.xmlCode]: String(code),
      ...(status !== null ? { Status: status } : {}),
      ...error,
      ...answer.header,
    },
  };
  if (envelope.content !== undefined && answer.content !== undefined) tree[envelope.content] = answer.content;
  return renderXml(envelope.root, tree, style);
}

/** The CSV form: `ok,<fields>` lines on success, `error,<text>` otherwise. */
function renderCsv(answer: Answer): string {
  const status = answer.status ?? 'success';
  if ((answer.code ?? 0) !== 0 || status === 'error') return `error,${csvField(answer.error ?? status)}\n`;
  const lines = answer.csv ?? [[status]];
  return lines.map((l, i) => (i === 0 ? ['ok', ...l] : l).map(csvField).join(',')).join('\n') + '\n';
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The generic `Response` envelope of a request-level error (§17). */
export function renderRequestError(message: string, format: Format): string {
  return render(GENERIC_ENVELOPE, { code: -1, status: null, error: message }, format);
}
