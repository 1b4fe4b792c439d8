/**
 * Authoritative answers as a pure function over the index (RFC 1034 §4.3.2,
 * with RFC 2181, RFC 2308, RFC 4592 wildcards and RFC 8482 ANY). No I/O, no
 * clock: the same index and question always give the same Answer. The
 * encoder turns it into bytes; transfers (AXFR/IXFR) are not queries and
 * live in xfr/.
 *
 * Responses are minimal (as NSD's `minimal-responses: yes`): the additional
 * section carries glue for referrals only, and positive answers carry no
 * authority NS set.
 */
import type { DnsIndex } from './dns-index.ts';
import { isAtOrBelow, parentName } from './names.ts';
import { T, withOwner, type RRset } from './rr.ts';
import type { Zone } from './zone.ts';

export const RCODE = Object.freeze({ NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, NOTAUTH: 9, BADVERS: 16 });

export interface Question {
  /** Normalized (lower case, no trailing dot). */
  readonly name: string;
  readonly type: number;
}

export interface AdditionalSet {
  readonly set: RRset;
  /** In-domain glue of a referral (RFC 9471): if it does not fit, the response is truncated. */
  readonly required: boolean;
}

export interface Answer {
  readonly rcode: number;
  readonly aa: boolean;
  readonly answer: readonly RRset[];
  readonly authority: readonly RRset[];
  readonly additional: readonly AdditionalSet[];
}

export interface AnswerOptions {
  /** ANY over UDP gets one RRset (RFC 8482 §4.1); over TCP, all of them. */
  readonly transport: 'udp' | 'tcp';
}

/** Longest CNAME chain followed inside a zone before answering with what we have. */
export const MAX_CNAME_CHAIN = 8;

export function answer(index: DnsIndex, q: Question, opts: AnswerOptions): Answer {
  const zone = answeringZone(index, q);
  if (!zone) return refused();
  const acc: Acc = { answer: [], visited: new Set() };
  return lookup(zone, q.name, q.type, acc, opts);
}

/** The one zone an answer to `q` is made from (CNAMEs are followed inside it), or undefined: REFUSED. */
export function answeringZone(index: DnsIndex, q: Question): Zone | undefined {
  const zone = index.findZone(q.name);
  // DS lives on the parent side of a cut (RFC 4035 §3.1.4.1): a child apex we also serve is answered from the parent.
  if (zone && q.type === T.DS && q.name === zone.apex) {
    const up = parentName(zone.apex);
    const parent = up === null ? undefined : index.findZone(up);
    if (parent) return parent;
  }
  return zone;
}

interface Acc {
  readonly answer: RRset[];
  readonly visited: Set<string>;
}

function lookup(zone: Zone, qname: string, qtype: number, acc: Acc, opts: AnswerOptions): Answer {
  acc.visited.add(qname);
  const cut = findCut(zone, qname);
  if (cut !== undefined && !(cut === qname && qtype === T.DS)) return answerDelegation(zone, cut, acc);
  const node = zone.nodes.get(qname);
  if (node) return answerNode(zone, node, qname, qtype, acc, opts);
  if (zone.nonTerminals.has(qname)) return answerNoData(zone, acc);
  const wildcard = zone.nodes.get(wildcardFor(zone, qname));
  if (wildcard) return answerNode(zone, wildcard, qname, qtype, acc, opts);
  return answerNxDomain(zone, acc);
}

/** The node's data for qtype, or its CNAME followed, or NODATA. `owner` differs from the node's name for wildcard matches. */
function answerNode(zone: Zone, node: ReadonlyMap<number, RRset>, owner: string, qtype: number, acc: Acc, opts: AnswerOptions): Answer {
  const own = (set: RRset) => (set.name === owner ? set : withOwner(set, owner));
  if (qtype === T.ANY) return answerAny(zone, node, own, acc, opts);
  const set = node.get(qtype);
  if (set) return qtype === T.NS ? withNsAddresses(zone, [...acc.answer, own(set)], set) : positive([...acc.answer, own(set)]);
  const cname = node.get(T.CNAME);
  if (cname) return followCname(zone, own(cname), qtype, acc, opts);
  return answerNoData(zone, acc);
}

/**
 * RFC 8482 §4.1: over UDP one RRset keeps the answer small (the SOA at an
 * apex, else the lowest type, as NSD chooses); over TCP, every RRset.
 */
function answerAny(zone: Zone, node: ReadonlyMap<number, RRset>, own: (s: RRset) => RRset, acc: Acc, opts: AnswerOptions): Answer {
  const rank = (t: number) => (t === T.SOA ? -1 : t);
  const sets = [...node.values()].sort((a, b) => rank(a.type) - rank(b.type));
  if (sets.length === 0) return answerNoData(zone, acc);
  const chosen = opts.transport === 'udp' ? sets.slice(0, 1) : sets;
  return positive([...acc.answer, ...chosen.map(own)]);
}

/** RFC 1034 §4.3.2 step 3a: add the CNAME and restart with its target, while it stays inside this zone. */
function followCname(zone: Zone, cname: RRset, qtype: number, acc: Acc, opts: AnswerOptions): Answer {
  acc.answer.push(cname);
  const target = (cname.rrs[0]!.rdata[0] as { name: string }).name;
  const inZone = isAtOrBelow(target, zone.apex);
  if (!inZone || acc.visited.has(target) || acc.answer.length > MAX_CNAME_CHAIN) return positive(acc.answer);
  return lookup(zone, target, qtype, acc, opts);
}

/** An NS answer carries the addresses of name servers inside the zone, which a resolver needs next (NSD does the same with minimal responses). */
function withNsAddresses(zone: Zone, answer: RRset[], ns: RRset): Answer {
  return { ...positive(answer), additional: addressesOf(zone, ns, undefined) };
}

function addressesOf(zone: Zone, ns: RRset, cut: string | undefined): AdditionalSet[] {
  const additional: AdditionalSet[] = [];
  for (const rr of ns.rrs) {
    const target = (rr.rdata[0] as { name: string }).name;
    if (!isAtOrBelow(target, zone.apex)) continue;
    const node = zone.nodes.get(target);
    if (!node) continue;
    const required = cut !== undefined && isAtOrBelow(target, cut);
    for (const type of [T.A, T.AAAA]) {
      const glue = node.get(type);
      if (glue) additional.push({ set: glue, required });
    }
  }
  return additional;
}

/** A referral: the NS set of the cut in authority, its glue in additional; not authoritative (RFC 1034 §4.3.2 step 3b). */
function answerDelegation(zone: Zone, cut: string, acc: Acc): Answer {
  const ns = zone.nodes.get(cut)!.get(T.NS)!;
  const additional = addressesOf(zone, ns, cut);
  return { rcode: RCODE.NOERROR, aa: acc.answer.length > 0, answer: acc.answer, authority: [ns], additional };
}

/** The name exists but holds no data of the type: NOERROR, SOA in authority (RFC 2308 §2.2). */
function answerNoData(zone: Zone, acc: Acc): Answer {
  return { rcode: RCODE.NOERROR, aa: true, answer: acc.answer, authority: [zone.negativeSoa], additional: [] };
}

/** The name does not exist: NXDOMAIN, SOA in authority (RFC 2308 §2.1); after a CNAME the rcode is the target's (RFC 6604). */
function answerNxDomain(zone: Zone, acc: Acc): Answer {
  return { rcode: RCODE.NXDOMAIN, aa: true, answer: acc.answer, authority: [zone.negativeSoa], additional: [] };
}

function positive(answer: RRset[]): Answer {
  return { rcode: RCODE.NOERROR, aa: true, answer, authority: [], additional: [] };
}

export function refused(): Answer {
  return { rcode: RCODE.REFUSED, aa: false, answer: [], authority: [], additional: [] };
}

/** The highest delegation point between the apex (excluded) and qname (included). */
function findCut(zone: Zone, qname: string): string | undefined {
  if (zone.cuts.size === 0 || qname === zone.apex) return undefined;
  let found: string | undefined;
  for (let n: string | null = qname; n !== null && n !== zone.apex; n = parentName(n)) {
    if (zone.cuts.has(n)) found = n;
  }
  return found;
}

/** "*." + the closest encloser (RFC 4592 §3.3.1): the longest existing ancestor of qname. */
function wildcardFor(zone: Zone, qname: string): string {
  let n = parentName(qname);
  while (n !== null && n !== zone.apex && !zone.nodes.has(n) && !zone.nonTerminals.has(n)) n = parentName(n);
  const encloser = n ?? zone.apex;
  return encloser === '' ? '*' : `*.${encloser}`;
}
