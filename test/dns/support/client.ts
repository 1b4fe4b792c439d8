/**
 * A small DNS client for tests: many questions over UDP in flight at once
 * (bounded window, per-query deadline, one retry), or one over TCP; answers
 * decoded with dns-packet. Used to compare regd with NSD and to drive the
 * fuzz test; the protocol tests themselves use dig and kdig.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket, { type DecodedPacket, type Packet } from 'dns-packet';

export interface Target {
  readonly host: string;
  readonly port: number;
}

/** Sends each packet and returns the raw replies (undefined when none came in time). */
export async function sendUdpMany(target: Target, packets: readonly Buffer[], options: { window?: number; timeoutMs?: number } = {}): Promise<(Buffer | undefined)[]> {
  const window = options.window ?? 200;
  const timeoutMs = options.timeoutMs ?? 2000;
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const replies: (Buffer | undefined)[] = new Array(packets.length).fill(undefined);
  const waiting = new Map<number, { index: number; timer: NodeJS.Timeout; resolve: () => void; tries: number }>();
  socket.on('message', (msg) => {
    if (msg.length < 2) return;
    const w = waiting.get(msg.readUInt16BE(0));
    if (!w) return;
    replies[w.index] = msg;
    clearTimeout(w.timer);
    waiting.delete(msg.readUInt16BE(0));
    w.resolve();
  });
  let next = 0;
  let nextId = 1;
  const one = (index: number) =>
    new Promise<void>((resolve) => {
      const id = nextId;
      nextId = (nextId % 0xfffe) + 1;
      const packet = Buffer.from(packets[index]!);
      if (packet.length >= 2) packet.writeUInt16BE(id, 0);
      const entry = { index, timer: undefined as unknown as NodeJS.Timeout, resolve, tries: 0 };
      const send = () => {
        entry.tries++;
        socket.send(packet, target.port, target.host);
        entry.timer = setTimeout(() => {
          if (entry.tries < 2) return send();
          waiting.delete(id);
          resolve();
        }, timeoutMs);
      };
      waiting.set(id, entry);
      send();
    });
  const worker = async () => {
    while (next < packets.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(window, packets.length) }, worker));
  socket.close();
  return replies;
}

/** One query over TCP; resolves with every message received until `count` messages came or the connection closed. */
export function sendTcp(target: Target, packet: Buffer, options: { timeoutMs?: number; count?: number } = {}): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(target.port, target.host);
    const out: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, options.timeoutMs ?? 3000);
    socket.on('connect', () => {
      const frame = Buffer.alloc(2 + packet.length);
      frame.writeUInt16BE(packet.length);
      packet.copy(frame, 2);
      socket.write(frame);
    });
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        out.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
        if (out.length >= (options.count ?? 1)) {
          clearTimeout(timer);
          socket.destroy();
          resolve(out);
        }
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

export function query(name: string, type: string, options: { edns?: number | false; do?: boolean; id?: number; rd?: boolean } = {}): Buffer {
  const packet: Packet = {
    type: 'query',
    id: options.id ?? 1,
    flags: options.rd ? dnsPacket.RECURSION_DESIRED : 0,
    questions: [{ name, type: type as never, class: 'IN' }],
  };
  if (options.edns !== false && options.edns !== undefined) {
    packet.additionals = [{ type: 'OPT', name: '.', udpPayloadSize: options.edns, flags: options.do ? dnsPacket.DNSSEC_OK : 0, options: [] } as never];
  }
  return dnsPacket.encode(packet);
}

/** dns-packet's decoded message, with the header fields its type declarations leave out. */
export type Decoded = DecodedPacket & { readonly rcode: string; readonly opcode: string };

export function decode(buf: Buffer): Decoded {
  return dnsPacket.decode(buf) as Decoded;
}

/** Polls `check` until it returns true or the deadline passes. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000, intervalMs = 20): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
