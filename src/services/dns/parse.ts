/**
 * Reading a request without trusting it. A small hand-written parser of the
 * header, the one question and the additional section (OPT, TSIG): it is
 * on every query's path, so it allocates little and never throws. Anything
 * that does not add up is reported as FORMERR (or, when even the header is
 * missing, as "drop").
 */
import { T } from './rr.ts';

export interface ParsedQuestion {
  /** The question section bytes as received. */
  readonly raw: Buffer;
  /** Labels as received (latin1, case kept). */
  readonly labels: readonly string[];
  /** Normalized: ASCII lower case, dots between labels. */
  readonly name: string;
  readonly type: number;
  readonly qclass: number;
}

export interface Edns {
  readonly payload: number;
  readonly version: number;
  readonly do: boolean;
}

export interface TsigRecord {
  /** Offset of the TSIG record's owner name (the message before it is what was signed). */
  readonly offset: number;
  readonly keyName: string;
  /** The TSIG rdata. */
  readonly rdata: Buffer;
}

export interface ParsedRequest {
  readonly kind: 'request';
  readonly id: number;
  readonly opcode: number;
  readonly rd: boolean;
  readonly cd: boolean;
  readonly question: ParsedQuestion | undefined;
  readonly qdcount: number;
  readonly ancount: number;
  readonly nscount: number;
  readonly edns: Edns | undefined;
  readonly tsig: TsigRecord | undefined;
  /** Offset just after the question (IXFR's SOA follows in authority). */
  readonly afterQuestion: number;
  /** Set when the message is malformed; the reply is FORMERR. */
  readonly formerr: string | undefined;
}

export type ParseResult = ParsedRequest | { readonly kind: 'drop'; readonly reason: string };

const MAX_NAME_WIRE = 255;

export function parseRequest(buf: Buffer): ParseResult {
  if (buf.length < 12) return { kind: 'drop', reason: 'shorter than a header' };
  const flags = buf.readUInt16BE(2);
  if (flags & 0x8000) return { kind: 'drop', reason: 'a response, not a query' };
  const base = {
    kind: 'request' as const,
    id: buf.readUInt16BE(0),
    opcode: (flags >> 11) & 0xf,
    rd: (flags & 0x0100) !== 0,
    cd: (flags & 0x0010) !== 0,
    qdcount: buf.readUInt16BE(4),
    ancount: buf.readUInt16BE(6),
    nscount: buf.readUInt16BE(8),
  };
  const arcount = buf.readUInt16BE(10);
  const fail = (formerr: string, question?: ParsedQuestion, afterQuestion = 12): ParsedRequest => ({
    ...base, question, edns: undefined, tsig: undefined, afterQuestion, formerr,
  });
  if (base.qdcount !== 1) return fail(`${base.qdcount} questions`);
  const q = readQuestion(buf, 12);
  if (typeof q === 'string') return fail(q);
  let offset = q.end;
  // Skip answer and authority records (IXFR carries the client's SOA in authority).
  for (let i = 0; i < base.ancount + base.nscount; i++) {
    const rr = skipRecord(buf, offset);
    if (typeof rr === 'string') return fail(rr, q.question, q.end);
    offset = rr.end;
  }
  let edns: Edns | undefined;
  let tsig: TsigRecord | undefined;
  for (let i = 0; i < arcount; i++) {
    const start = offset;
    const rr = skipRecord(buf, offset);
    if (typeof rr === 'string') return fail(rr, q.question, q.end);
    if (tsig) return fail('TSIG must be the last record', q.question, q.end);
    if (rr.type === T.OPT) {
      if (edns) return fail('more than one OPT record', q.question, q.end);
      if (rr.name !== '') return fail('OPT owner is not the root', q.question, q.end);
      const ttl = buf.readUInt32BE(rr.fixed + 4);
      edns = { payload: Math.max(512, rr.klass), version: (ttl >>> 16) & 0xff, do: (ttl & 0x8000) !== 0 };
    } else if (rr.type === T.TSIG) {
      tsig = { offset: start, keyName: rr.name, rdata: buf.subarray(rr.fixed + 10, rr.end) };
    }
    offset = rr.end;
  }
  return { ...base, question: q.question, edns, tsig, afterQuestion: q.end, formerr: undefined };
}

function readQuestion(buf: Buffer, start: number): { question: ParsedQuestion; end: number } | string {
  let offset = start;
  for (;;) {
    if (offset >= buf.length) return 'question name runs past the message';
    const len = buf[offset]!;
    if (len === 0) {
      offset += 1;
      break;
    }
    if (len & 0xc0) return 'compression or extended label in the question';
    if (offset + 1 + len > buf.length) return 'question label runs past the message';
    offset += len + 1;
    if (offset - start >= MAX_NAME_WIRE) return 'question name longer than 255 octets';
  }
  if (offset + 4 > buf.length) return 'question type and class missing';
  const end = offset + 4;
  return { question: new WireQuestion(buf.subarray(start, end), buf.readUInt16BE(offset), buf.readUInt16BE(offset + 2)), end };
}

/**
 * The question, read lazily: the hot path (a cached answer) needs only the
 * bytes; labels and the normalized name are built on first use.
 */
class WireQuestion implements ParsedQuestion {
  readonly raw: Buffer;
  readonly type: number;
  readonly qclass: number;
  #labels: string[] | undefined;
  #name: string | undefined;

  constructor(raw: Buffer, type: number, qclass: number) {
    this.raw = raw;
    this.type = type;
    this.qclass = qclass;
  }

  get labels(): readonly string[] {
    if (this.#labels) return this.#labels;
    const labels: string[] = [];
    for (let o = 0; this.raw[o]! !== 0; o += this.raw[o]! + 1) labels.push(this.raw.toString('latin1', o + 1, o + 1 + this.raw[o]!));
    return (this.#labels = labels);
  }

  get name(): string {
    return (this.#name ??= asciiLower(this.labels.join('.')));
  }
}

/** What peekQuery learns of a plain query; one object reused for every query. */
export interface QueryPeek {
  /** Offset just after the question (name, type, class). */
  end: number;
  type: number;
  /** The OPT record's UDP payload size (at least 512), or 0 without EDNS. */
  payload: number;
  /** DNSSEC OK (RFC 3225). */
  do: boolean;
}

export function newQueryPeek(): QueryPeek {
  return { end: 0, type: 0, payload: 0, do: false };
}

/**
 * The common case without the general parser and without allocating: a
 * QUERY with one question of class IN, no answer or authority records, and
 * at most one additional record that is an EDNS version 0 OPT (its options
 * ignored, as parseRequest does). Anything else, including zone transfers
 * and the obsolete mailbox types, answers false and takes the full path.
 */
export function peekQuery(buf: Buffer, out: QueryPeek): boolean {
  const length = buf.length;
  if (length < 17 || (buf[2]! & 0xf8) !== 0) return false;
  if (buf[4] !== 0 || buf[5] !== 1 || buf[6] !== 0 || buf[7] !== 0 || buf[8] !== 0 || buf[9] !== 0 || buf[10] !== 0) return false;
  const arcount = buf[11]!;
  if (arcount > 1) return false;
  let o = 12;
  for (;;) {
    const len = buf[o]!;
    if (len === 0) break;
    if (len > 63 || o + 1 + len >= length) return false;
    o += len + 1;
    if (o - 12 >= MAX_NAME_WIRE) return false;
  }
  const end = o + 5;
  if (end > length || buf[o + 3] !== 0 || buf[o + 4] !== 1) return false;
  const type = (buf[o + 1]! << 8) | buf[o + 2]!;
  if (type >= T.IXFR && type <= T.MAILA) return false;
  out.payload = 0;
  out.do = false;
  if (arcount === 1) {
    // OPT: root owner, type 41, class = payload size, TTL = extended rcode, version, flags; then rdlength.
    if (end + 11 > length || buf[end] !== 0 || buf[end + 1] !== 0 || buf[end + 2] !== T.OPT || buf[end + 6] !== 0) return false;
    if (end + 11 + ((buf[end + 9]! << 8) | buf[end + 10]!) > length) return false;
    out.payload = Math.max(512, (buf[end + 3]! << 8) | buf[end + 4]!);
    out.do = (buf[end + 7]! & 0x80) !== 0;
  }
  out.end = end;
  out.type = type;
  return true;
}

interface RecordHead {
  readonly name: string;
  readonly type: number;
  readonly klass: number;
  /** Offset of the type field. */
  readonly fixed: number;
  readonly end: number;
}

/** One resource record: its owner (pointers allowed, backwards only, bounded) and its extent. */
function skipRecord(buf: Buffer, start: number): RecordHead | string {
  const name = readName(buf, start);
  if (typeof name === 'string') return name;
  const fixed = name.end;
  if (fixed + 10 > buf.length) return 'record header runs past the message';
  const rdlength = buf.readUInt16BE(fixed + 8);
  const end = fixed + 10 + rdlength;
  if (end > buf.length) return 'record data runs past the message';
  return { name: name.name, type: buf.readUInt16BE(fixed), klass: buf.readUInt16BE(fixed + 2), fixed, end };
}

/** A possibly compressed name. Pointers must go strictly backwards, so a loop cannot form. */
export function readName(buf: Buffer, start: number): { name: string; end: number } | string {
  const labels: string[] = [];
  let offset = start;
  let end = -1;
  let wire = 0;
  let lowest = start;
  for (;;) {
    if (offset >= buf.length) return 'name runs past the message';
    const len = buf[offset]!;
    if (len === 0) {
      if (end < 0) end = offset + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (offset + 1 >= buf.length) return 'pointer runs past the message';
      const target = buf.readUInt16BE(offset) & 0x3fff;
      if (target >= lowest) return 'compression pointer does not point backwards';
      if (end < 0) end = offset + 2;
      lowest = target;
      offset = target;
      continue;
    }
    if (len & 0xc0) return 'extended label type';
    if (offset + 1 + len > buf.length) return 'label runs past the message';
    wire += len + 1;
    if (wire >= MAX_NAME_WIRE) return 'name longer than 255 octets';
    labels.push(buf.toString('latin1', offset + 1, offset + 1 + len));
    offset += len + 1;
  }
  return { name: asciiLower(labels.join('.')), end };
}

/** RFC 4343: only ASCII letters fold. */
export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}
