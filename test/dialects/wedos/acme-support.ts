/**
 * What the lego test needs around regd, all on 127.0.0.1:
 *
 * - a throw-away CA (@peculiar/x509 over Node's WebCrypto) and leaf
 *   certificates from it: api.wedos.com for the WAPI stand-in, 127.0.0.1 /
 *   localhost for pebble;
 * - WapiProxy: an HTTP proxy that accepts only `CONNECT api.wedos.com:443`
 *   (Go's HTTPS_PROXY) and hands the tunnel to an in-process HTTPS server
 *   presenting the api.wedos.com certificate, which forwards every request
 *   to regd's own /wapi/… and records the commands it saw;
 * - pebble and lego as child processes with a hard time limit each.
 */
// tsyringe (under @peculiar/x509) needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface Ca {
  readonly certPem: string;
  readonly cert: x509.X509Certificate;
  readonly keys: webcrypto.CryptoKeyPair;
}

export interface LeafCert {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A CA that lives for the test only (one day). */
export async function makeCa(): Promise<Ca> {
  const keys = (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=regd test CA (throw-away)',
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), cert, keys };
}

/** A server certificate from `ca` for DNS names and IP addresses. */
export async function issueServerCert(ca: Ca, names: { readonly dns?: readonly string[]; readonly ip?: readonly string[] }): Promise<LeafCert> {
  const keys = (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const sans = [...(names.dns ?? []).map((value) => ({ type: 'dns' as const, value })), ...(names.ip ?? []).map((value) => ({ type: 'ip' as const, value }))];
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${names.dns?.[0] ?? names.ip?.[0] ?? 'server'}`,
    issuer: ca.cert.subject,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(sans),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

/** One WAPI call lego made through the proxy: the command and the code regd answered. */
export interface SeenCall {
  readonly command: string;
  readonly code: number | undefined;
}

export interface WapiProxy {
  /** For HTTPS_PROXY. */
  readonly url: string;
  readonly calls: readonly SeenCall[];
  /** CONNECT targets refused (anything but api.wedos.com:443). */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

export const WAPI_HOST = 'api.wedos.com';

/**
 * The proxy and the api.wedos.com stand-in. `afterCall` runs after regd
 * answered and before the answer goes back to the client (the test waits
 * there for the DNS server to serve a commit).
 */
export async function startWapiProxy(
  regdUrl: string,
  cert: LeafCert,
  afterCall: (call: SeenCall) => Promise<void> = async () => {},
): Promise<WapiProxy> {
  const calls: SeenCall[] = [];
  const refused: string[] = [];
  const https: HttpsServer = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const upstream = await fetch(`${regdUrl}${req.url ?? '/'}`, {
          method: req.method ?? 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        });
        const text = await upstream.text();
        const call = { command: commandOf(body), code: codeOf(text) };
        calls.push(call);
        await afterCall(call);
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      } catch (e) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${(e as Error).message}`);
      }
    })();
  });
  const proxy: Server = createHttpServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('CONNECT only');
  });
  const sockets = new Set<Socket>();
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (req.url !== `${WAPI_HOST}:443`) {
      refused.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    https.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    refused,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      https.close();
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The command of a `request=<json>` form body. */
function commandOf(body: string): string {
  try {
    const request = new URLSearchParams(body).get('request') ?? '';
    const parsed = JSON.parse(request) as { request?: { command?: unknown } };
    return String(parsed.request?.command ?? '?');
  } catch {
    return '?';
  }
}

function codeOf(text: string): number | undefined {
  try {
    const code = (JSON.parse(text) as { response?: { code?: unknown } }).response?.code;
    return code === undefined ? undefined : Number(code);
  } catch {
    return undefined;
  }
}

/** A free TCP port on 127.0.0.1 (closed again; pebble binds it right after). */
export async function freePort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what} on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `command` on PATH (an executable file), as the shell would find it. */
export function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

export interface Child {
  readonly process: ChildProcess;
  /** stdout and stderr together, as they came. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGKILL unless it has exited; idempotent. */
  kill(): void;
}

/** Spawns `command` with exactly `env`; killed with SIGKILL after `timeoutMs`. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Child {
  const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    });
    child.on('error', (e) => {
      done = true;
      out += `\nspawn ${command}: ${e.message}`;
      resolve(-1);
    });
  });
  const kill = () => {
    if (!done) child.kill('SIGKILL');
  };
  const timer = setTimeout(() => {
    out += `\n[killed after ${timeoutMs} ms]`;
    kill();
  }, timeoutMs);
  void exited.then(() => clearTimeout(timer));
  return { process: child, output: () => out, exited, kill };
}
