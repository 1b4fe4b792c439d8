/**
 * Real name servers for the tests: NSD and Knot started as ordinary
 * processes in a temporary directory (no systemd, no privilege changes),
 * listening on 127.0.0.1 high ports, waited for by polling with a deadline
 * and always killed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { query, sendUdpMany, waitFor } from './client.ts';

/** A port free for both UDP and TCP on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = createSocket('udp4');
    const port = await new Promise<number>((resolve) => udp.bind(0, '127.0.0.1', () => resolve(udp.address().port)));
    const tcpOk = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (tcpOk) return port;
  }
  throw new Error('no free port');
}

export interface Peer {
  readonly name: string;
  readonly port: number;
  readonly dir: string;
  readonly process: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

async function startProcess(name: string, command: string, args: readonly string[], dir: string, port: number, probeZone: string, logFile: string): Promise<Peer> {
  const child = spawn(command, [...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const log = () => output + (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const peer: Peer = {
    name, port, dir, process: child, log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const exited = await waitFor(`${name} to exit`, () => child.exitCode !== null || child.signalCode !== null, 5000).then(() => true, () => false);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(`${name} to answer on port ${port}`, async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${log()}`);
      const [reply] = await sendUdpMany({ host: '127.0.0.1', port }, [query(probeZone, 'SOA')], { timeoutMs: 200 });
      return reply !== undefined;
    }, 15_000, 50);
  } catch (e) {
    await peer.stop();
    throw e;
  }
  return peer;
}

export interface NsdZone {
  readonly name: string;
  /** Master file text (primary), or undefined for a secondary. */
  readonly text?: string;
  /** Secondary of this address@port. */
  readonly primary?: string;
}

/** NSD 4 with `minimal-responses: yes`, serving `zones` (as primary or as secondary of regd). */
export async function startNsd(zones: readonly NsdZone[], options: { probeZone?: string; port?: number } = {}): Promise<Peer> {
  const dir = mkdtempSync(join(tmpdir(), 'regd-nsd-'));
  const port = options.port ?? (await freePort());
  const zoneConf = zones.map((z) => {
    if (z.text !== undefined) {
      writeFileSync(join(dir, `${z.name}.zone`), z.text);
      return `zone:\n  name: "${z.name}"\n  zonefile: "${z.name}.zone"\n`;
    }
    return `zone:\n  name: "${z.name}"\n  zonefile: "${z.name}.zone"\n  request-xfr: ${z.primary} NOKEY\n  allow-notify: 127.0.0.1 NOKEY\n`;
  });
  const conf = `server:
  ip-address: 127.0.0.1@${port}
  port: ${port}
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  database: ""
  zonelistfile: "${dir}/zone.list"
  xfrdfile: "${dir}/xfrd.state"
  xfrdir: "${dir}"
  pidfile: "${dir}/nsd.pid"
  logfile: "${dir}/nsd.log"
  server-count: 1
  minimal-responses: yes
  hide-version: yes
  hide-identity: yes
  refuse-any: no
  # Response rate limiting would answer a test's burst from one address with truncated "slips".
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
  verbosity: 2
  xfrd-reload-timeout: 0
  zonefiles-write: 0
remote-control:
  control-enable: no
${zoneConf.join('')}`;
  writeFileSync(join(dir, 'nsd.conf'), conf);
  const probe = options.probeZone ?? zones[0]!.name;
  return startProcess('nsd', 'nsd', ['-d', '-c', join(dir, 'nsd.conf')], dir, port, probe, join(dir, 'nsd.log'));
}

/** Knot DNS as a secondary of regd that learns its zones from the catalog zone (RFC 9432). */
export async function startKnotCatalogSecondary(primary: { host: string; port: number }, catalogZone: string, options: { port?: number } = {}): Promise<Peer> {
  const dir = mkdtempSync(join(tmpdir(), 'regd-knot-'));
  const port = options.port ?? (await freePort());
  const conf = `server:
    listen: 127.0.0.1@${port}
    rundir: "${dir}"
database:
    storage: "${dir}"
log:
  - target: stderr
    any: info
remote:
  - id: regd
    address: ${primary.host}@${primary.port}
acl:
  - id: regd_notify
    address: ${primary.host}
    action: notify
template:
  - id: default
    storage: "${dir}"
  - id: member
    storage: "${dir}"
    master: regd
    acl: regd_notify
    zonefile-sync: -1
    zonefile-load: none
    journal-content: none
zone:
  - domain: ${catalogZone}
    master: regd
    acl: regd_notify
    catalog-role: interpret
    catalog-template: member
    zonefile-sync: -1
    zonefile-load: none
    journal-content: none
`;
  writeFileSync(join(dir, 'knot.conf'), conf);
  return startProcess('knot', 'knotd', ['-c', join(dir, 'knot.conf')], dir, port, catalogZone, join(dir, 'knot.log'));
}
