/**
 * An answering process: a copy of the DNS index, kept by replaying the
 * changes the DNS server sends (protocol.ts), and a QueryProcessor on its
 * copy of the server's UDP socket. It answers UDP only (TCP, transfers,
 * NOTIFY and the store stay with the server) and exits when its parent
 * goes away or a change cannot be applied (the server then starts a new
 * one from a full copy).
 */
import type { Socket } from 'node:dgram';
import { DnsIndex } from '../dns-index.ts';
import { DnsMetrics } from '../metrics.ts';
import type { DnsOptions } from '../options.ts';
import { QueryProcessor } from '../query.ts';
import { reviveRr, type Rr } from '../rr.ts';
import { answerOn } from '../udp.ts';
import { buildZone, patchZone } from '../zone.ts';
import type { FromAnswerer, ToAnswerer, ZoneOp } from './protocol.ts';

/**
 * A message to the server. The channel can close under a send (the server stopped while this process was
 * starting): the callback takes that error, where an unhandled 'error' event would end the process with a
 * stack trace; the 'disconnect' handler below ends it quietly.
 */
const send = (m: FromAnswerer) => {
  if (process.connected) process.send!(m, undefined, undefined, () => {});
};
const index = new DnsIndex();
const metrics = new DnsMetrics();
let options: DnsOptions | undefined;
let socket: Socket | undefined;

/** Records arrive as plain objects (structured clone): records again, with their computed key. */
const revive = (rrs: readonly Rr[]) => rrs.map(reviveRr);

function apply(op: ZoneOp): void {
  if (op.op === 'delete') {
    index.delete(op.apex);
  } else if (op.op === 'set') {
    index.set(buildZone({ apex: op.apex, kind: op.kind, records: revive(op.records) }));
  } else {
    const base = index.zone(op.apex);
    if (!base) throw new Error(`a patch of ${op.apex}, which this process does not hold`);
    index.set(patchZone(base, reviveRr(op.soa), revive(op.removed), revive(op.added)));
  }
}

process.on('message', (m: ToAnswerer, handle?: Socket) => {
  if (m.type === 'init') {
    options = m.options;
    send({ type: 'ready' });
  } else if (m.type === 'zones') {
    for (const op of m.ops) apply(op);
    send({ type: 'applied', seq: m.seq });
  } else if (m.type === 'listen') {
    if (!handle || !options || socket) return;
    if (!process.connected) process.exit(0);
    socket = handle;
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const processor = new QueryProcessor({ index, options, metrics, nowSeconds });
    const onQuery = options.queryLog
      ? (msg: Buffer, from: string) => send({ type: 'log', level: 'info', obj: { from, bytes: msg.length, id: msg.length >= 2 ? msg.readUInt16BE(0) : -1, pid: process.pid }, msg: 'dns query' })
      : undefined;
    answerOn(socket, processor, onQuery);
    // Errors after binding (ICMP unreachable bounced to a send) must not stop the answers.
    socket.on('error', () => {});
    send({ type: 'listening' });
  } else if (m.type === 'metrics') {
    send({ type: 'metrics', id: m.id, metrics: metrics.snapshot(), rss: process.memoryUsage().rss, zones: index.size });
  }
});
// The server is gone (its thread or process stopped, or killed): so is this copy of its zones. The channel
// may have closed while this module was still loading (a server stopped right after forking it): then the
// event is already past, and this process must not go on holding the server's socket.
process.on('disconnect', () => process.exit(0));
if (!process.connected) process.exit(0);
