/**
 * The WHOIS server (RFC 3912): one query line per TCP connection, answered
 * from core's published registration data (read afresh per query, so a
 * change through any dialect shows at once), then the connection closes.
 * A query is a domain name (A-label or U-label, any case; `domain NAME`
 * and `=NAME` as Verisign-style servers accept). Defences: at most
 * MAX_QUERY_BYTES before the line end, a deadline for the whole line
 * (idleTimeoutMs from the connection), per address limits on open connections and queries per minute,
 * an overall connection cap; any byte sequence gets an answer or a close,
 * never a crash. Every answer about a registered domain is counted with
 * recordWhoisLookup (Dynadot get_whois_stats).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import {
  InvalidDomainName, SYSTEM, UnsupportedTld, lookupRegistration, parseDomainName, recordWhoisLookup,
  type Engine, type OwnNameServer,
} from '../../core/index.ts';
import { AddressLimits } from './address-limits.ts';
import { WhoisMetrics, type WhoisOutcome } from './metrics.ts';
import type { RegistrarIdentity } from './notices.ts';
import { renderNoMatch, renderRecord, renderRefusal } from './render.ts';

/** Longest query line accepted, CRLF not counted. */
export const MAX_QUERY_BYTES = 255;
/** Connections held at once, all addresses together. */
export const MAX_CONNECTIONS = 1_000;

export interface WhoisServerOptions {
  readonly engine: Engine;
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly queriesPerMinute: number;
  readonly connectionsPerAddress: number;
  readonly idleTimeoutMs: number;
  readonly registrar: RegistrarIdentity;
  readonly ownNameServers: readonly OwnNameServer[];
  readonly metricsRegistry: Registry;
  readonly log: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export interface RunningWhoisServer {
  readonly port: number;
  close(): Promise<void>;
}

interface LogLike {
  error(obj: object, msg: string): void;
}

export async function startWhoisServer(options: WhoisServerOptions): Promise<RunningWhoisServer> {
  const metrics = new WhoisMetrics(options.metricsRegistry);
  const limits = new AddressLimits({ perMinute: options.queriesPerMinute, concurrent: options.connectionsPerAddress });
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConnection(socket, options, limits, metrics, options.log);
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => options.log.error({ err }, 'whois: server error'));
  const port = (server.address() as AddressInfo).port;
  options.log.info({ host: options.host, port }, 'whois: listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      })),
  };
}

function serveConnection(socket: Socket, options: WhoisServerOptions, limits: AddressLimits, metrics: WhoisMetrics, log: LogLike): void {
  const address = socket.remoteAddress ?? 'unknown';
  socket.on('error', () => socket.destroy());
  if (!limits.open(address)) {
    metrics.refused();
    finish(socket, renderRefusal('Too many connections from your address; try again later.'));
    return;
  }
  socket.once('close', () => limits.close(address));
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  // The whole query line must arrive within idleTimeoutMs: a silent client and one that trickles bytes are both cut.
  const deadline = setTimeout(() => {
    if (!done) settle('timeout', undefined);
  }, options.idleTimeoutMs);
  socket.once('close', () => clearTimeout(deadline));
  // What follows the line is read and dropped (not paused: the client's end of the stream must still arrive, so the connection closes and frees its slot).
  const stopReading = () => {
    done = true;
    clearTimeout(deadline);
    socket.removeAllListeners('data');
    socket.on('data', () => undefined);
  };
  const settle = (outcome: WhoisOutcome, answer: string | undefined) => {
    stopReading();
    metrics.query(outcome);
    if (answer === undefined) socket.destroy();
    else finish(socket, answer);
  };
  const respond = () => {
    stopReading();
    answer(Buffer.concat(chunks), address, options, limits).then(
      ({ outcome, text }) => {
        metrics.query(outcome);
        finish(socket, text);
      },
      (err: unknown) => {
        log.error({ err }, 'whois: query failed');
        metrics.query('error');
        finish(socket, renderRefusal('Internal error; try again later.'));
      },
    );
  };
  socket.on('data', (chunk: Buffer) => {
    if (done) return;
    const nl = chunk.indexOf(0x0a);
    const part = nl === -1 ? chunk : chunk.subarray(0, nl);
    size += part.length;
    // The CR of a CRLF is part of the line until it is stripped.
    if (size > MAX_QUERY_BYTES + 1) {
      settle('too_long', renderRefusal(`Query too long: at most ${MAX_QUERY_BYTES} bytes before the end of the line.`));
      return;
    }
    chunks.push(part);
    if (nl !== -1) respond();
  });
  // The client closed its side without a line end: answer what it sent (some clients send no CRLF).
  socket.once('end', () => {
    if (done) return;
    if (size === 0) settle('invalid', undefined);
    else respond();
  });
}

async function answer(
  raw: Buffer,
  address: string,
  options: WhoisServerOptions,
  limits: AddressLimits,
): Promise<{ outcome: WhoisOutcome; text: string }> {
  if (!limits.take(address)) {
    return { outcome: 'rate_limited', text: renderRefusal(`Query rate limit exceeded: at most ${options.queriesPerMinute} queries per minute from one address. Try again later.`) };
  }
  const query = parseQuery(raw);
  if ('refusal' in query) return { outcome: 'invalid', text: renderRefusal(query.refusal) };
  const now = options.engine.clock.now();
  const run = { actor: SYSTEM, source: 'whois', now } as const;
  let ascii: string;
  try {
    ascii = parseDomainName(query.name, options.engine.policy, 'name').ascii;
  } catch (e) {
    if (e instanceof UnsupportedTld) {
      return { outcome: 'not_found', text: renderNoMatch(query.name, options.registrar, now, `% ${options.registrar.name} does not operate .${e.details.tld}.`) };
    }
    if (e instanceof InvalidDomainName) return { outcome: 'invalid', text: renderRefusal(`Invalid query "${printable(query.name)}": ${e.details.reason}.`) };
    throw e;
  }
  const record = await options.engine.run(lookupRegistration, { name: ascii, ownNameServers: options.ownNameServers }, run);
  if (!record) return { outcome: 'not_found', text: renderNoMatch(ascii, options.registrar, now) };
  await options.engine.run(recordWhoisLookup, { name: ascii }, run);
  return { outcome: 'found', text: renderRecord(record, options.registrar, now) };
}

/** The name asked for, or why the line is not a query. */
export function parseQuery(raw: Buffer): { name: string } | { refusal: string } {
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(raw.at(-1) === 0x0d ? raw.subarray(0, -1) : raw);
  if (decoded.includes('\uFFFD')) return { refusal: 'Invalid query: not UTF-8 text.' };
  if ([...decoded].some(isControl)) return { refusal: 'Invalid query: control characters are not allowed.' };
  let q = decoded.trim();
  if (q === '') return { refusal: 'Empty query: send a domain name, e.g. "example.com".' };
  q = q.replace(/^domain\s+/i, '').replace(/^=\s*/, '').trim();
  if (q === '' || /\s/.test(q)) return { refusal: `Invalid query "${printable(q)}": one domain name is expected.` };
  return { name: q };
}

/** C0 controls but tab, and DEL. */
function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 0x20 && c !== 0x09) || c === 0x7f;
}

function printable(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** Writes the answer and closes this side; a client that never reads is cut after a while. */
function finish(socket: Socket, text: string): void {
  if (socket.destroyed) return;
  socket.setTimeout(30_000, () => socket.destroy());
  socket.end(text);
}
