/**
 * Zone transfers out (RFC 5936 AXFR, RFC 1995 IXFR) over TCP: the access
 * check (address ACL, TSIG when required), the messages of the transfer,
 * each TSIG-signed when the request was. IXFR answers from the journal, or
 * with the whole zone when the asked serial is not in it.
 */
import { BlockList, isIPv4 } from 'node:net';
import { RCODE } from '../answer.ts';
import type { DnsIndex } from '../dns-index.ts';
import { encodeMessages, encodeResponse } from '../encode.ts';
import type { DnsMetrics } from '../metrics.ts';
import type { DnsOptions } from '../options.ts';
import { readName, type ParsedRequest } from '../parse.ts';
import { T, type Rr } from '../rr.ts';
import { signMessage } from '../tsig.ts';
import type { Journal } from './journal.ts';

/** Target size of one transfer message: big enough to amortise headers, small enough to stream. */
export const XFR_MESSAGE_SIZE = 16_384;

export interface TransferDeps {
  readonly index: DnsIndex;
  readonly journal: Journal;
  readonly options: DnsOptions;
  readonly metrics: DnsMetrics;
  readonly nowSeconds: () => number;
}

export function xfrAcl(options: DnsOptions): BlockList {
  const list = new BlockList();
  for (const entry of options.xfrAllow) {
    const [addr, bits] = entry.split('/');
    const family = isIPv4(addr!) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr!, family);
    else list.addSubnet(addr!, Number(bits), family);
  }
  return list;
}

/** The messages answering a transfer request from `peer`. */
export function transferMessages(
  deps: TransferDeps,
  acl: BlockList,
  req: ParsedRequest,
  request: Buffer,
  peer: string,
  tsig: { mac: Buffer | undefined; key: string | undefined },
): Buffer[] {
  const q = req.question!;
  const header = { id: req.id, opcode: req.opcode, rd: req.rd, cd: req.cd };
  const plain = (rcode: number) => sign([encodeResponse({ header, question: q, answer: { rcode, aa: false, answer: [], authority: [], additional: [] }, edns: undefined, limit: 512 })]);
  const sign = (messages: Buffer[]): Buffer[] => {
    if (!tsig.key || !tsig.mac) return messages;
    const key = deps.options.tsigKeys.find((k) => k.name === tsig.key)!;
    const now = deps.nowSeconds();
    let prior = tsig.mac;
    return messages.map((m, i) => {
      const signed = signMessage(m, { key, nowSeconds: now, priorMac: prior, timersOnly: i > 0 });
      prior = signed.mac;
      return signed.message;
    });
  };
  const family = peer.includes(':') && !peer.startsWith('::ffff:') ? 'ipv6' : 'ipv4';
  const address = peer.startsWith('::ffff:') ? peer.slice(7) : peer;
  if (!acl.check(address, family) || (deps.options.xfrRequireTsig && !tsig.key)) {
    deps.metrics.transfers.refused++;
    return plain(RCODE.REFUSED);
  }
  const zone = deps.index.zone(q.name);
  if (!zone) {
    deps.metrics.transfers.refused++;
    return plain(RCODE.NOTAUTH);
  }
  const soa = zone.records[0]!;
  let rrs: readonly Rr[];
  if (q.type === T.IXFR) {
    const clientSerial = ixfrSerial(request, req);
    if (clientSerial === undefined) return plain(RCODE.FORMERR);
    if (clientSerial === zone.serial || serialNewer(clientSerial, zone.serial)) {
      rrs = [soa];
    } else {
      const chain = deps.journal.since(zone.apex, clientSerial, zone.serial);
      if (chain) {
        deps.metrics.transfers.ixfr++;
        rrs = [soa, ...chain.flatMap((e) => [e.fromSoa, ...e.removed, e.toSoa, ...e.added]), soa];
      } else {
        deps.metrics.transfers.ixfrFallbackAxfr++;
        rrs = [...zone.records, soa];
      }
    }
  } else {
    deps.metrics.transfers.axfr++;
    rrs = [...zone.records, soa];
  }
  return sign(encodeMessages(header, q, rrs, XFR_MESSAGE_SIZE));
}

/** The serial of the SOA a client puts in the authority section of an IXFR request (RFC 1995 §3). */
function ixfrSerial(buf: Buffer, req: ParsedRequest): number | undefined {
  if (req.nscount < 1) return undefined;
  let offset = req.afterQuestion;
  for (let i = 0; i < req.ancount; i++) {
    const n = readName(buf, offset);
    if (typeof n === 'string') return undefined;
    offset = n.end + 10 + buf.readUInt16BE(n.end + 8);
  }
  const owner = readName(buf, offset);
  if (typeof owner === 'string' || owner.end + 10 > buf.length) return undefined;
  if (buf.readUInt16BE(owner.end) !== T.SOA) return undefined;
  const rdata = owner.end + 10;
  const mname = readName(buf, rdata);
  if (typeof mname === 'string') return undefined;
  const rname = readName(buf, mname.end);
  if (typeof rname === 'string' || rname.end + 4 > buf.length) return undefined;
  return buf.readUInt32BE(rname.end);
}

/** RFC 1982 serial number arithmetic: is `a` after `b`? */
export function serialNewer(a: number, b: number): boolean {
  return a !== b && ((a > b && a - b < 0x8000_0000) || (a < b && b - a > 0x8000_0000));
}
