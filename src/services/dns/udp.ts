/** The UDP side: one datagram in, at most one out. All logic is in QueryProcessor. */
import { createSocket, type Socket } from 'node:dgram';
import type { QueryProcessor } from './query.ts';

/** Kernel buffers sized for bursts (dnsperf, a secondary's refresh storm). */
const SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;

export interface UdpListener {
  readonly port: number;
  close(): Promise<void>;
}

export async function listenUdp(host: string, port: number, processor: QueryProcessor, onQuery?: (msg: Buffer, from: string) => void): Promise<UdpListener> {
  const socket: Socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
  socket.on('message', (msg, rinfo) => {
    onQuery?.(msg, rinfo.address);
    const out = processor.process(msg, 'udp');
    if (out.kind === 'reply') socket.send(out.bytes, rinfo.port, rinfo.address);
  });
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
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
