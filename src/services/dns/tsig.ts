/**
 * TSIG (RFC 8945) with HMAC-SHA256, the algorithm every secondary supports:
 * verifying a signed request, signing the response (and each message of a
 * zone transfer, the later ones over the prior MAC and the timers only,
 * §5.3.1), and signing the NOTIFY messages we send. No npm package in reach
 * implements TSIG, so this is written against the RFC with node:crypto.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TsigKey } from './options.ts';
import type { TsigRecord } from './parse.ts';
import { readName } from './parse.ts';
import { CLASS_ANY, T } from './rr.ts';

export const TSIG_ERROR = Object.freeze({ NOERROR: 0, BADSIG: 16, BADKEY: 17, BADTIME: 18, BADTRUNC: 22 });
export const ALGORITHM = 'hmac-sha256';
/** Allowed clock difference between signer and verifier, in seconds (RFC 8945 §10: 300 recommended). */
export const FUDGE_SECONDS = 300;

export interface TsigParts {
  readonly algorithm: string;
  readonly timeSigned: number;
  readonly fudge: number;
  readonly mac: Buffer;
  readonly originalId: number;
  readonly error: number;
  readonly other: Buffer;
}

export type TsigCheck =
  | { readonly ok: true; readonly key: TsigKey; readonly mac: Buffer }
  | { readonly ok: false; readonly error: number; readonly key: TsigKey | undefined; readonly mac: Buffer | undefined; readonly keyName: string };

export function parseTsigRdata(rdata: Buffer): TsigParts | undefined {
  const alg = readName(rdata, 0);
  if (typeof alg === 'string') return undefined;
  let o = alg.end;
  if (o + 10 > rdata.length) return undefined;
  const timeSigned = rdata.readUIntBE(o, 6);
  const fudge = rdata.readUInt16BE(o + 6);
  const macSize = rdata.readUInt16BE(o + 8);
  o += 10;
  if (o + macSize + 6 > rdata.length) return undefined;
  const mac = rdata.subarray(o, o + macSize);
  o += macSize;
  const originalId = rdata.readUInt16BE(o);
  const error = rdata.readUInt16BE(o + 2);
  const otherLen = rdata.readUInt16BE(o + 4);
  if (o + 6 + otherLen > rdata.length) return undefined;
  return { algorithm: alg.name, timeSigned, fudge, mac, originalId, error, other: rdata.subarray(o + 6, o + 6 + otherLen) };
}

/** Checks a signed request against our keys at `nowSeconds`. */
export function verifyRequest(message: Buffer, tsig: TsigRecord, keys: readonly TsigKey[], nowSeconds: number): TsigCheck {
  const parts = parseTsigRdata(tsig.rdata);
  const keyName = tsig.keyName;
  const key = keys.find((k) => k.name === keyName);
  if (!parts || !key || parts.algorithm !== ALGORITHM) return { ok: false, error: TSIG_ERROR.BADKEY, key: undefined, mac: undefined, keyName };
  const unsigned = stripTsig(message, tsig.offset, parts.originalId);
  const expected = hmac(key, [unsigned, variables(key.name, parts, true)]);
  // RFC 8945 §5.2.2.1: a truncated MAC must keep at least half the hash and 10 octets.
  if (parts.mac.length < 16 || parts.mac.length > expected.length || !timingSafeEqual(expected.subarray(0, parts.mac.length), parts.mac)) {
    return { ok: false, error: TSIG_ERROR.BADSIG, key: undefined, mac: undefined, keyName };
  }
  if (Math.abs(nowSeconds - parts.timeSigned) > parts.fudge) return { ok: false, error: TSIG_ERROR.BADTIME, key, mac: parts.mac, keyName };
  return { ok: true, key, mac: parts.mac };
}

export interface SignInput {
  readonly key: TsigKey;
  readonly nowSeconds: number;
  /** The request's MAC (first response), or the previous message's MAC (later messages of a transfer). */
  readonly priorMac?: Buffer;
  /** Later messages of a multi-message response: digest the timers only (RFC 8945 §5.3.1). */
  readonly timersOnly?: boolean;
  readonly error?: number;
  readonly other?: Buffer;
}

/** Appends a TSIG record to `message` (ARCOUNT incremented); returns the signed message and its MAC. */
export function signMessage(message: Buffer, input: SignInput): { message: Buffer; mac: Buffer } {
  const originalId = message.readUInt16BE(0);
  const parts: TsigParts = {
    algorithm: ALGORITHM, timeSigned: input.nowSeconds, fudge: FUDGE_SECONDS, mac: Buffer.alloc(0), originalId,
    error: input.error ?? 0, other: input.other ?? Buffer.alloc(0),
  };
  const chunks: Buffer[] = [];
  if (input.priorMac) chunks.push(u16(input.priorMac.length), input.priorMac);
  chunks.push(message, input.timersOnly ? timers(parts) : variables(input.key.name, parts, true));
  const mac = hmac(input.key, chunks);
  return { message: appendTsig(message, input.key.name, { ...parts, mac }), mac };
}

/** An unsigned TSIG record carrying an error (BADKEY, BADSIG: RFC 8945 §5.3.2). */
export function appendTsigError(message: Buffer, keyName: string, error: number, nowSeconds: number): Buffer {
  return appendTsig(message, keyName, {
    algorithm: ALGORITHM, timeSigned: nowSeconds, fudge: FUDGE_SECONDS, mac: Buffer.alloc(0),
    originalId: message.readUInt16BE(0), error, other: Buffer.alloc(0),
  });
}

function appendTsig(message: Buffer, keyName: string, p: TsigParts): Buffer {
  const rdata = Buffer.concat([
    wireName(p.algorithm), u48(p.timeSigned), u16(p.fudge), u16(p.mac.length), p.mac, u16(p.originalId), u16(p.error), u16(p.other.length), p.other,
  ]);
  const head = Buffer.alloc(10);
  head.writeUInt16BE(T.TSIG, 0);
  head.writeUInt16BE(CLASS_ANY, 2);
  head.writeUInt32BE(0, 4);
  head.writeUInt16BE(rdata.length, 8);
  const out = Buffer.concat([message, wireName(keyName), head, rdata]);
  out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
  return out;
}

/** The message as it was before signing: without the TSIG record, ARCOUNT one less, the original ID. */
function stripTsig(message: Buffer, tsigOffset: number, originalId: number): Buffer {
  const m = Buffer.from(message.subarray(0, tsigOffset));
  m.writeUInt16BE(originalId, 0);
  m.writeUInt16BE(m.readUInt16BE(10) - 1, 10);
  return m;
}

/** TSIG variables (RFC 8945 §4.3.3): key name, class ANY, TTL 0, algorithm, time, fudge, error, other. */
function variables(keyName: string, p: TsigParts, full: boolean): Buffer {
  if (!full) return timers(p);
  const classTtl = Buffer.alloc(6);
  classTtl.writeUInt16BE(CLASS_ANY, 0);
  return Buffer.concat([wireName(keyName), classTtl, wireName(p.algorithm), timers(p), u16(p.error), u16(p.other.length), p.other]);
}

function timers(p: TsigParts): Buffer {
  return Buffer.concat([u48(p.timeSigned), u16(p.fudge)]);
}

function hmac(key: TsigKey, chunks: readonly Buffer[]): Buffer {
  const h = createHmac('sha256', Buffer.from(key.secret, 'base64'));
  for (const c of chunks) h.update(c);
  return h.digest();
}

/** Canonical (lower-case, uncompressed) wire form. */
export function wireName(name: string): Buffer {
  const labels = name === '' ? [] : name.toLowerCase().split('.');
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u48(n: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUIntBE(n, 0, 6);
  return b;
}
