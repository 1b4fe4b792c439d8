/**
 * One ordered wire tree, rendered to JSON or to XML through one library
 * (fast-xml-parser). A tree is what a command answers; how it looks on the
 * wire is a dialect's style, kept as data (`XmlStyle`): root element, XML
 * declaration, indentation, which characters are escaped, how booleans,
 * empty values, lists and unusual keys are written.
 *
 * Key order is insertion order in both forms. In XML a list is its key
 * repeated once per item (an empty list: no element), an object is an
 * element holding its keys' elements, and a scalar is an element holding its
 * text.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type WireScalar = string | number | boolean | null;
export type WireValue = WireScalar | WireTree | readonly WireValue[] | undefined;
export interface WireTree {
  readonly [key: string]: WireValue;
}

export interface XmlStyle {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` and a newline. */
  readonly declaration: boolean;
  /** Pretty-print with this indentation; null writes everything on one line. */
  readonly indent: string | null;
  /** `"` and `'` become `&quot;` and `&apos;` in text (fast-xml-parser's default); otherwise only `&`, `<`, `>` are escaped. */
  readonly escapeQuotes: boolean;
  /** `numeric`: true/false as 1/0; `words`: as true/false. */
  readonly booleans: 'numeric' | 'words';
  /** How an empty value ("" or null) is written: `<a></a>` or `<a/>`. */
  readonly empty: 'pair' | 'self-closing';
  /** An object whose keys are all "0", "1", … is a list (its parent key repeated per item). */
  readonly indexedObjectsAreLists: boolean;
  /** Keys that are not XML names become names (`_` for each other character, `_` before a leading digit). */
  readonly sanitizeNames: boolean;
  /** Drop the characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, U+FFFE, U+FFFF). */
  readonly dropInvalidChars: boolean;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Compact JSON; `undefined` values are left out, as JSON.stringify does. */
export function renderJson(tree: WireTree | readonly WireValue[]): string {
  return JSON.stringify(tree);
}

const builders = new WeakMap<XmlStyle, XMLBuilder>();

function builderOf(style: XmlStyle): XMLBuilder {
  let b = builders.get(style);
  if (b === undefined) {
    b = new XMLBuilder({
      format: style.indent !== null,
      indentBy: style.indent ?? '',
      suppressEmptyNode: style.empty === 'self-closing',
      // Text is escaped here, once, by the style's rule (see escapeText).
      processEntities: false,
      tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value), style),
    });
    builders.set(style, b);
  }
  return b;
}

/** `<root>…</root>` for the tree, in the style (with its declaration when the style has one). */
export function renderXml(root: string, tree: WireTree, style: XmlStyle): string {
  const body = builderOf(style).build({ [name(root, style)]: prepare(tree, style) }) as string;
  return style.declaration ? `${XML_DECLARATION}\n${body}` : body;
}

/** The tree as fast-xml-parser builds it: scalars as text, keys as names, indexed objects as lists. */
function prepare(value: WireValue, style: XmlStyle): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return style.booleans === 'numeric' ? (value ? '1' : '0') : String(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => prepare(v as WireValue, style));
  const entries = Object.entries(value as WireTree).filter(([, v]) => v !== undefined);
  if (style.indexedObjectsAreLists && entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.map(([, v]) => prepare(v, style));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[name(k, style)] = prepare(v, style);
  return out;
}

function name(key: string, style: XmlStyle): string {
  if (!style.sanitizeNames) return key;
  const s = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(s: string, style: XmlStyle): string {
  const text = style.dropInvalidChars ? s.replace(INVALID_XML_CHARS, '') : s;
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return style.escapeQuotes ? escaped.replace(/"/g, '&quot;').replace(/'/g, '&apos;') : escaped;
}
