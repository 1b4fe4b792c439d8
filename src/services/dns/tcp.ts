/**
 * The TCP side (RFC 7766): two-byte length-prefixed messages, several per
 * connection, answered in order; zone transfers stream their messages.
 * Idle connections are closed; a connection that sends a frame it cannot
 * use is answered or dropped like UDP, never allowed to grow a buffer.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { QueryProcessor } from './query.ts';

/** An idle connection is closed after this long (RFC 7766 §6.2.3 suggests seconds, not minutes). */
export const TCP_IDLE_TIMEOUT_MS = 10_000;
/** Connections served at once; more are refused by the kernel's backlog. */
export const TCP_MAX_CONNECTIONS = 1_000;

export interface TcpListener {
  readonly port: number;
  close(): Promise<void>;
}

export type TransferHandler = (request: Extract<ReturnType<QueryProcessor['process']>, { kind: 'xfr' }>, raw: Buffer, peer: string) => Buffer[];

export async function listenTcp(host: string, port: number, processor: QueryProcessor, transfer: TransferHandler, onQuery?: (msg: Buffer, from: string) => void): Promise<TcpListener> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(TCP_IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const len = pending.readUInt16BE(0);
        if (pending.length < 2 + len) break;
        const msg = pending.subarray(2, 2 + len);
        pending = pending.subarray(2 + len);
        const peer = socket.remoteAddress ?? '';
        onQuery?.(msg, peer);
        const out = processor.process(Buffer.from(msg), 'tcp');
        if (out.kind === 'reply') write(socket, out.bytes);
        else if (out.kind === 'xfr') for (const m of transfer(out, Buffer.from(msg), peer)) write(socket, m);
      }
    });
  });
  server.maxConnections = TCP_MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function write(socket: Socket, message: Buffer): void {
  const frame = Buffer.allocUnsafe(2 + message.length);
  frame.writeUInt16BE(message.length, 0);
  message.copy(frame, 2);
  socket.write(frame);
}
