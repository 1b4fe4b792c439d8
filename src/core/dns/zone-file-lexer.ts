/**
 * RFC 1035 §5.1 master-file lexing: comments (';' to end of line),
 * parentheses that join physical lines, quoted strings, and the escapes
 * \X and \DDD. The result is one entry per logical line, each token with
 * its raw text and its decoded bytes.
 */
import { ZoneFileInvalid } from '../errors/index.ts';

export interface ZoneToken {
  /** As written, without surrounding quotes. */
  readonly raw: string;
  /** Escapes decoded (\X → X, \DDD → that byte); text is UTF-8. */
  readonly bytes: Uint8Array;
  readonly quoted: boolean;
}

export interface ZoneLine {
  /** 1-based physical line where the logical line starts. */
  readonly line: number;
  /** The line began with blank space: the owner is the previous one. */
  readonly blankOwner: boolean;
  readonly tokens: readonly ZoneToken[];
}

const SEPARATORS = new Set([' ', '\t', '\r']);
const DELIMITERS = new Set([' ', '\t', '\r', '\n', ';', '(', ')', '"']);
const UTF8 = new TextEncoder();

export function lexZoneFile(text: string): ZoneLine[] {
  const lines: ZoneLine[] = [];
  let lineNo = 1;
  let depth = 0;
  let openedAt = 0;
  let current: { line: number; blankOwner: boolean; tokens: ZoneToken[] } | undefined;
  const start = () => (current ??= { line: lineNo, blankOwner: false, tokens: [] });
  const finish = () => {
    if (current && current.tokens.length > 0) lines.push(current);
    current = undefined;
  };

  let i = 0;
  let atLineStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (atLineStart && depth === 0) {
      atLineStart = false;
      if (SEPARATORS.has(c) && c !== '\r') start().blankOwner = true;
    }
    if (c === '\n') {
      lineNo++;
      i++;
      atLineStart = true;
      if (depth === 0) finish();
      continue;
    }
    if (SEPARATORS.has(c)) {
      i++;
      continue;
    }
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      if (depth === 0) openedAt = lineNo;
      depth++;
      start();
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw new ZoneFileInvalid(lineNo, 'unbalanced ")"');
      depth--;
      i++;
      continue;
    }
    const quoted = c === '"';
    const tokenLine = lineNo;
    const { raw, bytes, end } = quoted ? readQuoted(text, i + 1, tokenLine) : readPlain(text, i, tokenLine);
    start().tokens.push({ raw, bytes, quoted });
    i = end;
  }
  if (depth > 0) throw new ZoneFileInvalid(openedAt, 'unbalanced "(": the closing ")" is missing');
  finish();
  return lines;
}

function readQuoted(text: string, from: number, line: number): { raw: string; bytes: Uint8Array; end: number } {
  const out: number[] = [];
  let i = from;
  for (;;) {
    if (i >= text.length || text[i] === '\n') throw new ZoneFileInvalid(line, 'unterminated quoted string');
    const c = text[i]!;
    if (c === '"') return { raw: text.slice(from, i), bytes: Uint8Array.from(out), end: i + 1 };
    i = c === '\\' ? readEscape(text, i, line, out) : pushChar(text, i, out);
  }
}

function readPlain(text: string, from: number, line: number): { raw: string; bytes: Uint8Array; end: number } {
  const out: number[] = [];
  let i = from;
  while (i < text.length && !DELIMITERS.has(text[i]!)) {
    i = text[i] === '\\' ? readEscape(text, i, line, out) : pushChar(text, i, out);
  }
  return { raw: text.slice(from, i), bytes: Uint8Array.from(out), end: i };
}

/** \DDD (a decimal byte 000–255) or \X (X itself). Returns the index after the escape. */
function readEscape(text: string, at: number, line: number, out: number[]): number {
  const digits = /^\d{3}/.exec(text.slice(at + 1, at + 4));
  if (digits) {
    const byte = Number(digits[0]);
    if (byte > 255) throw new ZoneFileInvalid(line, `escape \\${digits[0]} is not a byte (000-255)`);
    out.push(byte);
    return at + 4;
  }
  if (at + 1 >= text.length || text[at + 1] === '\n') throw new ZoneFileInvalid(line, 'a backslash must be followed by a character');
  return pushChar(text, at + 1, out);
}

/** Appends the UTF-8 bytes of the code point at `at`; returns the index after it. */
function pushChar(text: string, at: number, out: number[]): number {
  const cp = text.codePointAt(at)!;
  const ch = String.fromCodePoint(cp);
  out.push(...UTF8.encode(ch));
  return at + ch.length;
}
