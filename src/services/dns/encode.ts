/**
 * An Answer into bytes, within a size limit. Names are compressed (RFC 1035
 * §4.1.4) in owners and in the rdata of the types that allow it; whole
 * RRsets only: when an answer or authority RRset does not fit, TC is set
 * and the sections stop there (RFC 2181 §9); additional RRsets that do not
 * fit are left out, except referral glue that must be there (RFC 9471),
 * which truncates too. The OPT record's room is kept back first.
 */
import type { Answer } from './answer.ts';
import type { Rr, RRset } from './rr.ts';

export interface ResponseHeader {
  readonly id: number;
  readonly opcode: number;
  /** Copied from the query (RFC 1035 §4.1.1, RFC 4035 §3.2.2). */
  readonly rd: boolean;
  readonly cd: boolean;
}

export interface EdnsReply {
  /** Our UDP payload size, advertised in the OPT record. */
  readonly payload: number;
  /** DNSSEC OK echoed (RFC 3225 §3). */
  readonly do: boolean;
}

export interface QuestionBytes {
  /** The question section exactly as received (name in the sender's case, type, class). */
  readonly raw: Buffer;
  /** Normalized question name. */
  readonly name: string;
  /** Label lengths of the raw name, to index its suffixes for compression. */
  readonly labels: readonly string[];
}

export interface EncodeInput {
  readonly header: ResponseHeader;
  readonly question: QuestionBytes | undefined;
  readonly answer: Answer;
  readonly edns: EdnsReply | undefined;
  /** Largest message allowed: the UDP size in force, or 65535 over TCP. */
  readonly limit: number;
}

const HEADER = 12;
const OPT_SIZE = 11;
const QR = 0x8000;
const AA = 0x0400;
const TC = 0x0200;
const RD = 0x0100;
const CD = 0x0010;
const MAX_POINTER = 0x3fff;

export function encodeResponse(input: EncodeInput): Buffer {
  const w = new Writer(input.limit - (input.edns ? OPT_SIZE : 0));
  const { header, answer } = input;
  w.pos = HEADER;
  if (input.question) w.question(input.question);
  let truncated = false;
  let an = 0;
  let ns = 0;
  let ar = 0;
  for (const set of answer.answer) {
    if (!w.rrset(set)) {
      truncated = true;
      break;
    }
    an += set.rrs.length;
  }
  if (!truncated) {
    for (const set of answer.authority) {
      if (!w.rrset(set)) {
        truncated = true;
        break;
      }
      ns += set.rrs.length;
    }
  }
  if (!truncated) {
    for (const extra of answer.additional) {
      if (w.rrset(extra.set)) ar += extra.set.rrs.length;
      else if (extra.required) {
        truncated = true;
        break;
      }
    }
  }
  if (input.edns) {
    w.limit += OPT_SIZE;
    w.opt(input.edns, answer.rcode >> 4);
    ar += 1;
  }
  const buf = w.buf;
  buf.writeUInt16BE(header.id, 0);
  let flags = QR | ((header.opcode & 0xf) << 11) | (answer.rcode & 0xf);
  if (answer.aa) flags |= AA;
  if (truncated) flags |= TC;
  if (header.rd) flags |= RD;
  if (header.cd) flags |= CD;
  buf.writeUInt16BE(flags, 2);
  buf.writeUInt16BE(input.question ? 1 : 0, 4);
  buf.writeUInt16BE(an, 6);
  buf.writeUInt16BE(ns, 8);
  buf.writeUInt16BE(ar, 10);
  return buf.subarray(0, w.pos);
}

class Writer {
  readonly buf: Buffer;
  pos = 0;
  limit: number;
  /** Normalized name suffix → offset of its first occurrence. */
  readonly #names = new Map<string, number>();
  #qname: string | undefined;

  constructor(limit: number) {
    this.limit = limit;
    this.buf = Buffer.allocUnsafe(limit + OPT_SIZE);
  }

  question(q: QuestionBytes): void {
    q.raw.copy(this.buf, this.pos);
    this.#qname = q.name;
    // Index the suffixes made of plain labels (a label holding a dot cannot be told apart in a string key).
    let offset = this.pos;
    const { labels } = q;
    const starts: number[] = [];
    for (const l of labels) {
      starts.push(offset);
      offset += 1 + Buffer.byteLength(l, 'latin1');
    }
    for (let i = labels.length - 1, clean = true; i >= 0 && clean; i--) {
      if (labels[i]!.includes('.')) clean = false;
      else if (starts[i]! <= MAX_POINTER) this.#names.set(labels.slice(i).join('.').toLowerCase(), starts[i]!);
    }
    this.pos += q.raw.length;
  }

  /** Writes a whole RRset or nothing. */
  rrset(set: RRset): boolean {
    const start = this.pos;
    const added: string[] = [];
    for (const rr of set.rrs) {
      if (!this.#name(rr.name, added) || !this.#room(10)) return this.#rollback(start, added);
      this.buf.writeUInt16BE(rr.type, this.pos);
      this.buf.writeUInt16BE(1, this.pos + 2);
      this.buf.writeUInt32BE(set.ttl, this.pos + 4);
      const rdlengthAt = this.pos + 8;
      this.pos += 10;
      for (const part of rr.rdata) {
        if (Buffer.isBuffer(part)) {
          if (!this.#room(part.length)) return this.#rollback(start, added);
          part.copy(this.buf, this.pos);
          this.pos += part.length;
        } else if (!this.#name(part.name, added)) return this.#rollback(start, added);
      }
      this.buf.writeUInt16BE(this.pos - rdlengthAt - 2, rdlengthAt);
    }
    return true;
  }

  opt(edns: EdnsReply, extendedRcode: number): void {
    const b = this.buf;
    b[this.pos] = 0;
    b.writeUInt16BE(41, this.pos + 1);
    b.writeUInt16BE(edns.payload, this.pos + 3);
    b[this.pos + 5] = extendedRcode;
    b[this.pos + 6] = 0;
    b.writeUInt16BE(edns.do ? 0x8000 : 0, this.pos + 7);
    b.writeUInt16BE(0, this.pos + 9);
    this.pos += OPT_SIZE;
  }

  #room(n: number): boolean {
    return this.pos + n <= this.limit;
  }

  #rollback(start: number, added: readonly string[]): false {
    for (const k of added) this.#names.delete(k);
    this.pos = start;
    return false;
  }

  /** A name, compressed against the names already written. */
  #name(name: string, added: string[]): boolean {
    if (name === this.#qname && this.#names.has(name)) return this.#pointer(this.#names.get(name)!);
    if (name === '') {
      if (!this.#room(1)) return false;
      this.buf[this.pos++] = 0;
      return true;
    }
    let rest = name;
    for (;;) {
      const known = this.#names.get(rest);
      if (known !== undefined) return this.#pointer(known);
      const dot = rest.indexOf('.');
      const label = dot === -1 ? rest : rest.slice(0, dot);
      const len = Buffer.byteLength(label);
      if (!this.#room(len + 1)) return false;
      if (this.pos <= MAX_POINTER) {
        this.#names.set(rest, this.pos);
        added.push(rest);
      }
      this.buf[this.pos] = len;
      this.buf.write(label, this.pos + 1);
      this.pos += len + 1;
      if (dot === -1) break;
      rest = rest.slice(dot + 1);
    }
    if (!this.#room(1)) return false;
    this.buf[this.pos++] = 0;
    return true;
  }

  #pointer(offset: number): boolean {
    if (!this.#room(2)) return false;
    this.buf.writeUInt16BE(0xc000 | offset, this.pos);
    this.pos += 2;
    return true;
  }
}

/**
 * A stream of records over several messages (a zone transfer): each message
 * as full as `limit` allows, the question in the first one only
 * (RFC 5936 §2.2), every record with its own TTL.
 */
export function encodeMessages(header: ResponseHeader, question: QuestionBytes | undefined, rrs: readonly Rr[], limit: number): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  let first = true;
  while (i < rrs.length || first) {
    const w = new Writer(limit);
    w.pos = HEADER;
    if (first && question) w.question(question);
    let an = 0;
    while (i < rrs.length) {
      const rr = rrs[i]!;
      if (!w.rrset({ name: rr.name, type: rr.type, ttl: rr.ttl, rrs: [rr] })) break;
      an++;
      i++;
    }
    if (an === 0 && i < rrs.length) throw new RangeError(`record ${rrs[i]!.name} does not fit in a message`);
    const buf = w.buf;
    buf.writeUInt16BE(header.id, 0);
    buf.writeUInt16BE(QR | AA | ((header.opcode & 0xf) << 11), 2);
    buf.writeUInt16BE(first && question ? 1 : 0, 4);
    buf.writeUInt16BE(an, 6);
    buf.writeUInt16BE(0, 8);
    buf.writeUInt16BE(0, 10);
    out.push(Buffer.from(buf.subarray(0, w.pos)));
    first = false;
  }
  return out;
}
