/** Talking to the WHOIS server: Debian's whois client, and raw TCP for what no client sends. */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `whois -h 127.0.0.1 -p PORT query`: its standard output. */
export async function whoisClient(port: number, query: string): Promise<string> {
  const { stdout } = await run('whois', ['-h', '127.0.0.1', '-p', String(port), query], { timeout: 20_000 });
  return stdout;
}

/** Sends raw bytes (optionally in pieces, optionally closing our side), returns everything read until the server closes. */
export function rawQuery(port: number, pieces: readonly (string | Buffer)[], options: { readonly endAfter?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const got: Buffer[] = [];
    socket.on('data', (d) => got.push(d));
    socket.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(Buffer.concat(got).toString('utf8')) : reject(e)));
    socket.on('close', () => resolve(Buffer.concat(got).toString('utf8')));
    socket.on('connect', () => {
      for (const p of pieces) socket.write(p);
      if (options.endAfter) socket.end();
    });
  });
}

/** Sends one byte of a never-ending name every `everyMs` until the server closes; returns what it answered. */
export function trickle(port: number, everyMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const got: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d) => got.push(d));
    socket.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(e)));
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Buffer.concat(got).toString('utf8'));
    });
    socket.on('connect', () => {
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write('a');
      }, everyMs);
    });
  });
}

/** Opens a connection and keeps it idle; resolves once connected, with what the server sends and a way to close it. */
export function idleConnection(port: number): Promise<{ readonly received: () => string; readonly closed: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const got: Buffer[] = [];
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('data', (d) => got.push(d));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ received: () => Buffer.concat(got).toString('utf8'), closed, close: () => socket.destroy() }));
    socket.once('error', reject);
  });
}

/** Dates and registry ids vary per run: replaced by placeholders so whole answers compare. */
export function normalize(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z/g, '<date>')
    .replace(/\b\d+_DOMAIN_/g, 'N_DOMAIN_')
    .replace(/REGD-C\d+/g, 'REGD-C#');
}
