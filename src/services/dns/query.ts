/**
 * One request in, one response out: the entry both transports share (NSD's
 * query_process). Validates the request (FORMERR, NOTIMP, REFUSED, BADVERS),
 * checks TSIG when present, calls answer() and encode(), and keeps the
 * encoded responses of plain queries in a ResponseCache: a hit is a copy
 * with the query's ID, flags and question bytes (so the owner names
 * compressed onto the question keep the asker's case, as NSD does). The
 * common query is recognised by peekQuery without the general parser, so a
 * hit allocates only the key and the reply. Zone transfers are handed back
 * to the TCP side.
 */
import { answer, answeringZone, RCODE, refused, type Answer } from './answer.ts';
import type { DnsIndex } from './dns-index.ts';
import { encodeResponse, type EdnsReply } from './encode.ts';
import type { DnsMetrics } from './metrics.ts';
import type { DnsOptions } from './options.ts';
import { newQueryPeek, parseRequest, peekQuery, type ParsedRequest } from './parse.ts';
import { questionHash, ResponseCache, responseVariant } from './response-cache.ts';
import { CLASS_ANY, CLASS_IN, T } from './rr.ts';
import { appendTsigError, signMessage, TSIG_ERROR, verifyRequest } from './tsig.ts';

export const OPCODE = Object.freeze({ QUERY: 0, NOTIFY: 4 });
export { MAX_CACHED_RESPONSES } from './response-cache.ts';
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
  readonly #cache: ResponseCache;
  readonly #peek = newQueryPeek();

  constructor(deps: QueryDeps) {
    this.#deps = deps;
    this.#cache = new ResponseCache(deps.index);
  }

  process(buf: Buffer, transport: Transport): Outcome {
    const p = this.#peek;
    if (peekQuery(buf, p)) {
      const limit = transport === 'tcp' ? TCP_LIMIT : p.payload === 0 ? 512 : Math.min(p.payload, this.#deps.options.maxUdpPayload);
      const cached = this.#cache.get(buf, 12, p.end, questionHash(buf, 12, p.end), responseVariant(transport === 'tcp', p.payload !== 0, p.do, limit));
      if (cached) {
        this.#deps.metrics.query(p.type);
        return { kind: 'reply', bytes: this.#fromCache(cached, buf, p.end) };
      }
    }
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

    const variant = responseVariant(transport === 'tcp', req.edns !== undefined, req.edns?.do === true, this.#udpLimit(req, transport));
    const { index } = this.#deps;
    const hash = questionHash(q.raw, 0, q.raw.length);
    const cached = this.#cache.get(q.raw, 0, q.raw.length, hash, variant);
    if (cached) return { kind: 'reply', bytes: this.#fromCache(cached, buf, q.raw.length + 12) };
    const ans = classed(answer(index, q, { transport }), q.qclass);
    const bytes = this.#encode(req, ans, transport);
    this.#cache.set(q.raw, 0, q.raw.length, hash, variant, answeringZone(index, q), bytes);
    metrics.rcode(ans.rcode);
    return { kind: 'reply', bytes };
  }

  /** The cache's copy of a response, given the asker's ID, RD and CD flags and question bytes (its case). */
  #fromCache(out: Buffer, query: Buffer, questionEnd: number): Buffer {
    out[0] = query[0]!;
    out[1] = query[1]!;
    out[2] = (out[2]! & ~0x01) | (query[2]! & 0x01);
    out[3] = (out[3]! & ~0x10) | (query[3]! & 0x10);
    for (let i = 12; i < questionEnd; i++) out[i] = query[i]!; // the question: a few dozen bytes
    this.#deps.metrics.rcode(out[3]! & 0xf);
    return out;
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
