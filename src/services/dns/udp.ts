/** The UDP side: one datagram in, at most one out. All logic is in QueryProcessor. */
import { createSocket, type Socket } from 'node:dgram';
import type { LookupOneOptions } from 'node:dns';
import type { QueryProcessor } from './query.ts';

/** Kernel buffers sized for bursts (dnsperf, a secondary's refresh storm). */
const SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;

export interface UdpListener {
  readonly port: number;
  /** The bound socket (the answering processes get a copy of it: answerers/). */
  readonly socket: Socket;
  close(): Promise<void>;
}

/**
 * Replies go to the sender's address, always an IP literal: resolving it
 * through dns.lookup (the default) would defer every send to the next tick
 * for nothing. Node calls a socket's lookup with (address, family, callback).
 */
function literalAddress(address: string, family: LookupOneOptions | number, callback: (err: null, address: string, family: number) => void): void {
  callback(null, address, typeof family === 'number' ? family : address.includes(':') ? 6 : 4);
}

export async function listenUdp(host: string, port: number, processor: QueryProcessor, onQuery?: (msg: Buffer, from: string) => void): Promise<UdpListener> {
  const socket: Socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', lookup: literalAddress as never });
  answerOn(socket, processor, onQuery);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // Errors after binding (ICMP unreachable bounced to a send) must not kill the server.
  socket.on('error', () => {});
  try {
    socket.setRecvBufferSize(SOCKET_BUFFER_BYTES);
    socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
  } catch {
    // The kernel's limit (net.core.rmem_max) is lower: keep its default.
  }
  return {
    port: socket.address().port,
    socket,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** Answers every datagram `socket` receives (the worker thread's socket, or an answering process's copy of it). */
export function answerOn(socket: Socket, processor: QueryProcessor, onQuery?: (msg: Buffer, from: string) => void): void {
  socket.on('message', (msg, rinfo) => {
    onQuery?.(msg, rinfo.address);
    const out = processor.process(msg, 'udp');
    if (out.kind === 'reply') socket.send(out.bytes, rinfo.port, rinfo.address);
  });
}
