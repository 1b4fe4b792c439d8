/**
 * The messages between the DNS server (pool.ts, in the DNS worker thread)
 * and its answering processes (answerer.ts). The server replays every
 * change of its index to each process, in order (`zones`: a whole zone, a
 * patch of the previous one, or a removal), and hands each the UDP socket
 * once it holds every zone and has said it listens to the channel (`ready`,
 * the answer to `init`): a socket handed over while the process is still
 * loading its module starts receiving at once, and the datagrams it reads
 * before the module attaches its handler are lost. Messages use Node's advanced IPC serialization
 * (structured clone: Buffers stay Buffers).
 */
import type { DnsMetricsSnapshot } from '../metrics.ts';
import type { DnsOptions } from '../options.ts';
import type { Rr } from '../rr.ts';
import type { ZoneKind } from '../zone.ts';

export type ZoneOp =
  | { readonly op: 'set'; readonly apex: string; readonly kind: ZoneKind; readonly records: readonly Rr[] }
  | { readonly op: 'patch'; readonly apex: string; readonly soa: Rr; readonly removed: readonly Rr[]; readonly added: readonly Rr[] }
  | { readonly op: 'delete'; readonly apex: string };

export type ToAnswerer =
  | { readonly type: 'init'; readonly options: DnsOptions }
  | { readonly type: 'zones'; readonly seq: number; readonly ops: readonly ZoneOp[] }
  /** Comes with the UDP socket (the IPC channel's handle). */
  | { readonly type: 'listen' }
  | { readonly type: 'metrics'; readonly id: number };

export type FromAnswerer =
  /** The answer to `init`: the module is loaded and handles messages. */
  | { readonly type: 'ready' }
  | { readonly type: 'applied'; readonly seq: number }
  | { readonly type: 'listening' }
  | { readonly type: 'metrics'; readonly id: number; readonly metrics: DnsMetricsSnapshot; readonly rss: number; readonly zones: number }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly obj: object; readonly msg: string };
