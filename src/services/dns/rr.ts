/**
 * Resource records as the index holds them. Each record keeps its
 * dns-packet form (`data`, for transfers, zone text and tests) and its
 * rdata prepared for the encoder: raw bytes, or for the types whose rdata
 * holds compressible names (RFC 3597 §4: NS, CNAME, PTR, MX, SOA) a list of
 * byte chunks and names. Types and classes are numbers on the hot path.
 */
import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';
import { normalizeName } from './names.ts';

export const T = Object.freeze({
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, HINFO: 13, MX: 15, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, DS: 43, RRSIG: 46,
  TKEY: 249, TSIG: 250, IXFR: 251, AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255, CAA: 257,
});
export const CLASS_IN = 1;
export const CLASS_CH = 3;
export const CLASS_NONE = 254;
export const CLASS_ANY = 255;

/** A chunk of rdata: literal bytes, or a domain name the encoder may compress. */
export type RdataPart = Buffer | { readonly name: string };

export interface Rr {
  /** Owner, normalized. */
  readonly name: string;
  readonly type: number;
  readonly ttl: number;
  /** dns-packet's representation (Answer['data']). */
  readonly data: unknown;
  readonly rdata: readonly RdataPart[];
  /** Identity of the data (owner excluded), for set comparisons and IXFR diffs. */
  readonly key: string;
}

export interface RRset {
  readonly name: string;
  readonly type: number;
  /** One TTL per RRset (RFC 2181 §5.2): the lowest of its records. */
  readonly ttl: number;
  readonly rrs: readonly Rr[];
}

// dns-packet's rdata codecs are exported but not declared in @types/dns-packet.
interface RdataCodec {
  encode(data: unknown): Buffer;
}
const codecs = dnsPacket as unknown as { record(type: string): RdataCodec };
const typeNames = new Map<number, string>(Object.entries(T).map(([k, v]) => [v, k]));

export function typeName(type: number): string {
  return typeNames.get(type) ?? `TYPE${type}`;
}

export function typeNumber(name: string): number | undefined {
  const upper = name.toUpperCase();
  if (upper in T) return T[upper as keyof typeof T];
  const m = /^TYPE(\d{1,5})$/.exec(upper);
  return m ? Number(m[1]) : undefined;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};

/** Builds a record from dns-packet data: `makeRr('www.example.com', 'A', 300, '192.0.2.1')`. */
export function makeRr(owner: string, type: keyof typeof T, ttl: number, data: unknown): Rr {
  return new Record(normalizeName(owner), T[type], ttl, data, rdataParts(type, data));
}

/** A record that crossed a process boundary (structured clone keeps its fields, not its class): a record again. */
export function reviveRr(r: Pick<Rr, 'name' | 'type' | 'ttl' | 'data' | 'rdata'>): Rr {
  return new Record(r.name, r.type, r.ttl, r.data, r.rdata);
}

/** The key is computed when asked (rebuilds and transfers), not stored: a million records stay smaller. */
class Record implements Rr {
  constructor(
    readonly name: string,
    readonly type: number,
    readonly ttl: number,
    readonly data: unknown,
    readonly rdata: readonly RdataPart[],
  ) {}

  get key(): string {
    return this.rdata.map((p) => (Buffer.isBuffer(p) ? p.toString('hex') : `<${p.name}>`)).join(':');
  }
}

function rdataParts(type: keyof typeof T, data: unknown): RdataPart[] {
  switch (type) {
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return [{ name: normalizeName(data as string) }];
    case 'MX': {
      const mx = data as { preference: number; exchange: string };
      return [u16(mx.preference), { name: normalizeName(mx.exchange) }];
    }
    case 'SOA': {
      const s = data as { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
      const timers = Buffer.alloc(20);
      [s.serial, s.refresh, s.retry, s.expire, s.minimum].forEach((v, i) => timers.writeUInt32BE(v >>> 0, i * 4));
      return [{ name: normalizeName(s.mname) }, { name: normalizeName(s.rname) }, timers];
    }
    default: {
      // dns-packet writes rdlength + rdata; the encoder writes its own rdlength.
      const withLength = codecs.record(type).encode(data);
      return [withLength.subarray(2)];
    }
  }
}

/** The RRset of records that share owner and type. */
export function makeRRset(rrs: readonly Rr[]): RRset {
  const first = rrs[0]!;
  let ttl = first.ttl;
  for (const r of rrs) if (r.ttl < ttl) ttl = r.ttl;
  return { name: first.name, type: first.type, ttl, rrs };
}

/** The same records under another owner (wildcard synthesis, RFC 4592 §3.3.1). */
export function withOwner(set: RRset, owner: string): RRset {
  return { ...set, name: owner, rrs: set.rrs.map((r) => new Record(owner, r.type, r.ttl, r.data, r.rdata)) };
}

/** dns-packet's Answer for a record (tests, zone text). */
export function toAnswer(r: Rr, ttl = r.ttl): Answer {
  return { name: r.name === '' ? '.' : r.name, type: typeName(r.type), class: 'IN', ttl, data: r.data } as Answer;
}
