/**
 * One request in, one response out: the entry both transports share (NSD's
 * query_process). Validates the request (FORMERR, NOTIMP, REFUSED, BADVERS),
 * checks TSIG when present, calls answer() and encode(), and keeps the
 * encoded responses of plain queries in a cache that the index generation
 * invalidates: a cache hit is a copy with the query's ID, flags and
 * question bytes (so the owner names compressed onto the question keep the
 * asker's case, as NSD does). Zone transfers are handed back to the TCP side.
 */
import { answer, RCODE, refused, type Answer } from './answer.ts';
import type { DnsIndex } from './dns-index.ts';
import { encodeResponse, type EdnsReply } from './encode.ts';
import type { DnsMetrics } from './metrics.ts';
import type { DnsOptions } from './options.ts';
import { parseRequest, type ParsedRequest } from './parse.ts';
import { CLASS_ANY, CLASS_IN, T } from './rr.ts';
import { appendTsigError, signMessage, TSIG_ERROR, verifyRequest } from './tsig.ts';

export const OPCODE = Object.freeze({ QUERY: 0, NOTIFY: 4 });
/** Responses kept for repeated questions; the cache is emptied when full or when any zone changes. */
export const MAX_CACHED_RESPONSES = 100_000;
const TCP_LIMIT = 65535;

export type Transport = 'udp' | 'tcp';

export type Outcome =
  | { readonly kind: 'reply'; readonly bytes: Buffer }
  | { readonly kind: 'drop' }
  | { readonly kind: 'xfr'; readonly request: ParsedRequest; readonly tsigMac: Buffer | undefined; readonly tsigKey: string | undefined };

export interface QueryDeps {
  readonly index: DnsIndex;
  readonly options: DnsOptions;
  readonly metrics: DnsMetrics;
  /** Seconds since the epoch, for TSIG. */
  readonly nowSeconds: () => number;
}

export class QueryProcessor {
  readonly #deps: QueryDeps;
  readonly #cache = new Map<string, Buffer>();
  #cacheGeneration = -1;

  constructor(deps: QueryDeps) {
    this.#deps = deps;
  }

  process(buf: Buffer, transport: Transport): Outcome {
    const parsed = parseRequest(buf);
    const { metrics } = this.#deps;
    if (parsed.kind === 'drop') {
      metrics.dropped++;
      return { kind: 'drop' };
    }
    const req = parsed;
    if (req.formerr !== undefined) return this.#reply(req, errorAnswer(RCODE.FORMERR), transport);
    const q = req.question!;
    metrics.query(q.type);
    // A NOTIFY to a primary is refused (we are not anyone's secondary); other opcodes are not implemented.
    if (req.opcode === OPCODE.NOTIFY) return this.#reply(req, refused(), transport);
    if (req.opcode !== OPCODE.QUERY) return this.#reply(req, errorAnswer(RCODE.NOTIMP), transport);
    // A query carries no answers, and no authority records except an IXFR's SOA (RFC 1995 §3).
    if (req.ancount !== 0 || (req.nscount !== 0 && q.type !== T.IXFR)) return this.#reply(req, errorAnswer(RCODE.FORMERR), transport);
    if (req.edns && req.edns.version !== 0) return this.#reply(req, errorAnswer(RCODE.BADVERS), transport);
    if (req.tsig) return this.#signed(buf, req, transport);
    if (q.qclass !== CLASS_IN && q.qclass !== CLASS_ANY) return this.#reply(req, refused(), transport);
    if (q.type === T.AXFR || q.type === T.IXFR) return this.#transfer(req, transport, undefined, undefined);
    const special = specialType(q.type);
    if (special !== undefined) return this.#reply(req, errorAnswer(special), transport);

    const key = `${q.key}|${transport}|${req.edns ? `${this.#udpLimit(req, transport)}${req.edns.do ? 'd' : ''}` : 'n'}`;
    const { index } = this.#deps;
    if (this.#cacheGeneration !== index.generation) {
      this.#cache.clear();
      this.#cacheGeneration = index.generation;
    }
    const cached = this.#cache.get(key);
    if (cached) {
      const out = Buffer.allocUnsafe(cached.length);
      cached.copy(out);
      patchHeader(out, req);
      req.question!.raw.copy(out, 12);
      metrics.rcode(out[3]! & 0xf);
      return { kind: 'reply', bytes: out };
    }
    const ans = classed(answer(index, q, { transport }), q.qclass);
    const bytes = this.#encode(req, ans, transport);
    if (this.#cache.size >= MAX_CACHED_RESPONSES) this.#cache.clear();
    this.#cache.set(key, bytes);
    const out = Buffer.from(bytes);
    metrics.rcode(ans.rcode);
    return { kind: 'reply', bytes: out };
  }

  /** A TSIG-signed request: verified first; the reply is signed with the same key (RFC 8945 §5.3). */
  #signed(buf: Buffer, req: ParsedRequest, transport: Transport): Outcome {
    const now = this.#deps.nowSeconds();
    const check = verifyRequest(buf, req.tsig!, this.#deps.options.tsigKeys, now);
    if (!check.ok) {
      this.#deps.metrics.tsigFailures++;
      const unsigned = this.#encode(req, errorAnswer(RCODE.NOTAUTH), transport);
      if (check.error === TSIG_ERROR.BADTIME && check.key) {
        const other = Buffer.alloc(6);
        other.writeUIntBE(now, 0, 6);
        return { kind: 'reply', bytes: signMessage(unsigned, { key: check.key, nowSeconds: now, priorMac: check.mac!, error: check.error, other }).message };
      }
      return { kind: 'reply', bytes: appendTsigError(unsigned, check.keyName, check.error, now) };
    }
    const q = req.question!;
    if (q.type === T.AXFR || q.type === T.IXFR) return this.#transfer(req, transport, check.mac, check.key.name);
    let ans: Answer;
    if (q.qclass !== CLASS_IN && q.qclass !== CLASS_ANY) ans = refused();
    else ans = specialType(q.type) !== undefined ? errorAnswer(specialType(q.type)!) : classed(answer(this.#deps.index, q, { transport }), q.qclass);
    const bytes = this.#encode(req, ans, transport);
    this.#deps.metrics.rcode(ans.rcode);
    return { kind: 'reply', bytes: signMessage(bytes, { key: check.key, nowSeconds: now, priorMac: check.mac }).message };
  }

  #transfer(req: ParsedRequest, transport: Transport, tsigMac: Buffer | undefined, tsigKey: string | undefined): Outcome {
    if (transport === 'tcp') return { kind: 'xfr', request: req, tsigMac, tsigKey };
    // RFC 5936 §4.2: no AXFR over UDP (NOTIMP, as NSD). RFC 1995 §2: an IXFR that does not fit gets the current SOA, meaning "use TCP".
    if (req.question!.type === T.AXFR) return this.#reply(req, errorAnswer(RCODE.NOTIMP), transport);
    const zone = this.#deps.index.zone(req.question!.name);
    if (!zone) return this.#reply(req, { ...refused(), rcode: RCODE.NOTAUTH }, transport);
    return this.#reply(req, { rcode: RCODE.NOERROR, aa: true, answer: [zone.soa], authority: [], additional: [] }, transport);
  }

  #reply(req: ParsedRequest, ans: Answer, transport: Transport): Outcome {
    this.#deps.metrics.rcode(ans.rcode);
    return { kind: 'reply', bytes: this.#encode(req, ans, transport) };
  }

  #encode(req: ParsedRequest, ans: Answer, transport: Transport): Buffer {
    const edns: EdnsReply | undefined = req.edns ? { payload: this.#deps.options.maxUdpPayload, do: req.edns.do } : undefined;
    return encodeResponse({
      header: { id: req.id, opcode: req.opcode, rd: req.rd, cd: req.cd },
      question: req.question,
      answer: ans,
      edns,
      limit: this.#udpLimit(req, transport),
    });
  }

  /** UDP: 512 without EDNS, else the smaller of the client's size and ours (RFC 6891 §6.2.5). TCP: 65535. */
  #udpLimit(req: ParsedRequest, transport: Transport): number {
    if (transport === 'tcp') return TCP_LIMIT;
    if (!req.edns) return 512;
    return Math.min(req.edns.payload, this.#deps.options.maxUdpPayload);
  }
}

function errorAnswer(rcode: number): Answer {
  return { rcode, aa: false, answer: [], authority: [], additional: [] };
}

/** The obsolete mailbox queries (RFC 1035 §3.2.3, RFC 2505) are not implemented; any other type is looked up like data (as NSD does). */
function specialType(type: number): number | undefined {
  if (type === T.MAILA || type === T.MAILB) return RCODE.NOTIMP;
  return undefined;
}

/** QCLASS ANY is answered from class IN data, without claiming authority over every class (as NSD does). */
function classed(ans: Answer, qclass: number): Answer {
  return qclass === CLASS_ANY && ans.aa ? { ...ans, aa: false } : ans;
}

function patchHeader(out: Buffer, req: ParsedRequest): void {
  out.writeUInt16BE(req.id, 0);
  let flags = out.readUInt16BE(2) & ~(0x0100 | 0x0010);
  if (req.rd) flags |= 0x0100;
  if (req.cd) flags |= 0x0010;
  out.writeUInt16BE(flags, 2);
}
