/**
 * What the DNS service needs to know that the store does not hold: where to
 * listen, regd's own name servers, the SOA timers of the zones it builds,
 * the addresses of regd's forwarding/parking/mail services (the records
 * those service modes imply), and the secondaries it feeds.
 *
 * `resolveDnsOptions` fills defaults and validates; startDnsServer and the
 * CLI both go through it, so a bad value fails at start-up with its name.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { availableParallelism } from 'node:os';

export interface TsigKey {
  /** Key name as the secondaries know it, e.g. "regd-xfr". Lower-cased. */
  readonly name: string;
  /** Only HMAC-SHA256 (RFC 8945 §6: the mandatory algorithm). */
  readonly algorithm: 'hmac-sha256';
  /** The shared secret, base64 as in a BIND/NSD/Knot configuration. */
  readonly secret: string;
}

export interface Secondary {
  /** Address NOTIFY messages go to. */
  readonly address: string;
  readonly port: number;
  /** Sign NOTIFY with this TSIG key. */
  readonly tsigKey?: string;
}

export interface SoaTimers {
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  /** Negative-caching TTL (RFC 2308). */
  readonly minimum: number;
}

export interface DnsOptions {
  readonly host: string;
  /** UDP and TCP port; 0 asks the OS for free ports (tests). */
  readonly port: number;
  /** regd's own name servers: apex NS of every zone it hosts, delegation NS of those zones in a TLD it operates. */
  readonly nameServers: readonly string[];
  /**
   * The zone holding regd's own host names (name servers, mail exchangers),
   * served with SOA, NS and the A/AAAA of `serviceHosts`. Default: the parent
   * of the first name server.
   */
  readonly serviceZone: string;
  /** A/AAAA of regd's own hosts: published in the service zone and as glue for delegations to regd. */
  readonly serviceHosts: Readonly<Record<string, readonly string[]>>;
  /** SOA RNAME in domain form ("hostmaster.regd.example"). */
  readonly hostmaster: string;
  readonly soa: SoaTimers;
  /** TTL of generated records (SOA, apex NS, service addresses, delegations, glue). */
  readonly ttl: number;
  /** A/AAAA of regd's URL forwarding (redirect and frame) service. */
  readonly forwardAddresses: readonly string[];
  /** A/AAAA of regd's parking page service. */
  readonly parkingAddresses: readonly string[];
  /** A/AAAA of regd's hosting service. */
  readonly hostingAddresses: readonly string[];
  /** Mail exchangers of regd's e-mail forwarding (MX of a domain whose e-mail forwarding type is "forward"). */
  readonly mailExchangers: readonly string[];
  /** Largest UDP answer we send and advertise in EDNS (DNS flag day 2020 default). */
  readonly maxUdpPayload: number;
  /** Addresses (or CIDR prefixes) allowed to transfer zones (AXFR/IXFR). */
  readonly xfrAllow: readonly string[];
  /** When set, transfers must be signed with one of these keys. */
  readonly xfrRequireTsig: boolean;
  readonly tsigKeys: readonly TsigKey[];
  /** NOTIFY targets on every serial change. */
  readonly secondaries: readonly Secondary[];
  /** Name of the catalog zone (RFC 9432), e.g. "catalog.regd.invalid". */
  readonly catalogZone: string;
  /** How often the store is polled for changed zones, in milliseconds. */
  readonly pollIntervalMs: number;
  /** Log every query (pino at info level). Off by default. */
  readonly queryLog: boolean;
  /** IXFR journal versions kept per zone, in memory and in the store (0: none; secondaries then always get AXFR). */
  readonly journalSize: number;
  /** Records a hosted zone may hold (staged ones included); more are refused by the engine's DNS flows in each dialect's error format. */
  readonly maxRecordsPerZone: number;
  /** Octets of record data (the values) a hosted zone may hold. */
  readonly maxZoneBytes: number;
  /**
   * How much the main thread's nice value is raised once the DNS worker
   * runs (Linux, per thread): API work gives way to DNS answers for the
   * CPU. 0 leaves it as it is.
   */
  readonly apiNice: number;
  /**
   * Processes that answer UDP queries beside the DNS worker thread, each
   * with its own copy of the zones, on the same socket (the kernel hands
   * each datagram to one of them). Node 20 has no SO_REUSEPORT for UDP and
   * no recvmmsg/sendmmsg: one thread's ceiling is what one process answers.
   * 'auto' (the default): one per CPU beyond the first, at most 3.
   */
  readonly answerProcesses: number;
}

export type DnsOptionsInput = Partial<Omit<DnsOptions, 'answerProcesses'>> & { readonly answerProcesses?: number | 'auto' };

/** What dns.answerProcesses 'auto' means on this machine: one per CPU beyond the first, at most 3. */
export function autoAnswerProcesses(): number {
  return Math.min(3, Math.max(0, availableParallelism() - 1));
}

export const DNS_DEFAULTS: Required<DnsOptionsInput> = Object.freeze({
  host: '127.0.0.1',
  port: 5353,
  nameServers: ['ns1.regd.test', 'ns2.regd.test'],
  serviceZone: '',
  serviceHosts: { 'ns1.regd.test': ['127.0.0.1'], 'ns2.regd.test': ['127.0.0.2'], 'mx.regd.test': ['127.0.0.1'] },
  hostmaster: 'hostmaster.regd.test',
  soa: { refresh: 3600, retry: 600, expire: 1_209_600, minimum: 300 },
  ttl: 3600,
  forwardAddresses: ['127.0.0.1'],
  parkingAddresses: ['127.0.0.1'],
  hostingAddresses: ['127.0.0.1'],
  mailExchangers: ['mx.regd.test'],
  maxUdpPayload: 1232,
  xfrAllow: ['127.0.0.0/8', '::1/128'],
  xfrRequireTsig: false,
  tsigKeys: [],
  secondaries: [],
  catalogZone: 'catalog.regd.invalid',
  pollIntervalMs: 50,
  queryLog: false,
  journalSize: 64,
  maxRecordsPerZone: 10_000,
  maxZoneBytes: 1_048_576,
  apiNice: 10,
  answerProcesses: 'auto',
});

export class DnsOptionError extends Error {
  constructor(key: string, reason: string) {
    super(`dns.${key}: ${reason}`);
    this.name = 'DnsOptionError';
  }
}

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{1,63}$/;
/** A TSIG key name: any domain name, a single label too. */
const KEY_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export function resolveDnsOptions(input: DnsOptionsInput = {}): DnsOptions {
  const o = { ...DNS_DEFAULTS, ...stripUndefined(input) };
  const host = (key: string, v: string) => {
    const s = String(v).trim().toLowerCase().replace(/\.$/, '');
    if (!HOST_NAME.test(s)) throw new DnsOptionError(key, `"${v}" is not a host name`);
    return s;
  };
  const addresses = (key: string, list: readonly string[]) =>
    list.map((a) => {
      if (!isIPv4(a) && !isIPv6(a)) throw new DnsOptionError(key, `"${a}" is not an IP address`);
      return a;
    });
  const uint = (key: string, v: number, max = 0xffff_ffff) => {
    if (!Number.isInteger(v) || v < 0 || v > max) throw new DnsOptionError(key, `${v} is not a whole number from 0 to ${max}`);
    return v;
  };
  if (o.nameServers.length === 0) throw new DnsOptionError('nameServers', 'at least one name server is required');
  const nameServers = o.nameServers.map((n) => host('nameServers', n));
  const serviceHosts: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(o.serviceHosts)) serviceHosts[host('serviceHosts', name)] = addresses(`serviceHosts.${name}`, list);
  const serviceZone = o.serviceZone === '' ? nameServers[0]!.split('.').slice(1).join('.') : host('serviceZone', o.serviceZone);
  if (!serviceZone.includes('.') && serviceZone.length === 0) throw new DnsOptionError('serviceZone', 'cannot be the root');
  const tsigKeys = o.tsigKeys.map((k, i) => {
    if (k.algorithm !== 'hmac-sha256') throw new DnsOptionError(`tsigKeys[${i}].algorithm`, 'only hmac-sha256 is supported');
    if (Buffer.from(k.secret, 'base64').length < 16) throw new DnsOptionError(`tsigKeys[${i}].secret`, 'a base64 secret of at least 16 bytes is required');
    const name = String(k.name).trim().toLowerCase().replace(/\.$/, '');
    if (!KEY_NAME.test(name)) throw new DnsOptionError(`tsigKeys[${i}].name`, `"${k.name}" is not a key name`);
    return { name, algorithm: k.algorithm, secret: k.secret };
  });
  const keyNames = new Set(tsigKeys.map((k) => k.name));
  const secondaries = o.secondaries.map((s, i) => {
    addresses(`secondaries[${i}].address`, [s.address]);
    const tsigKey = s.tsigKey === undefined ? undefined : s.tsigKey.toLowerCase();
    if (tsigKey !== undefined && !keyNames.has(tsigKey)) throw new DnsOptionError(`secondaries[${i}].tsigKey`, `no TSIG key named "${s.tsigKey}"`);
    return { address: s.address, port: uint(`secondaries[${i}].port`, s.port ?? 53, 0xffff), ...(tsigKey ? { tsigKey } : {}) };
  });
  for (const [i, cidr] of o.xfrAllow.entries()) {
    const [addr, bits] = cidr.split('/');
    if (!isIPv4(addr ?? '') && !isIPv6(addr ?? '')) throw new DnsOptionError(`xfrAllow[${i}]`, `"${cidr}" is not an address or prefix`);
    if (bits !== undefined) uint(`xfrAllow[${i}]`, Number(bits), isIPv4(addr!) ? 32 : 128);
  }
  if (o.xfrRequireTsig && tsigKeys.length === 0) throw new DnsOptionError('xfrRequireTsig', 'needs at least one TSIG key');
  return Object.freeze({
    ...o,
    host: o.host,
    port: uint('port', o.port, 0xffff),
    nameServers,
    serviceZone,
    serviceHosts,
    hostmaster: host('hostmaster', o.hostmaster),
    soa: {
      refresh: uint('soa.refresh', o.soa.refresh), retry: uint('soa.retry', o.soa.retry),
      expire: uint('soa.expire', o.soa.expire), minimum: uint('soa.minimum', o.soa.minimum),
    },
    ttl: uint('ttl', o.ttl, 0x7fff_ffff),
    forwardAddresses: addresses('forwardAddresses', o.forwardAddresses),
    parkingAddresses: addresses('parkingAddresses', o.parkingAddresses),
    hostingAddresses: addresses('hostingAddresses', o.hostingAddresses),
    mailExchangers: o.mailExchangers.map((m) => host('mailExchangers', m)),
    maxUdpPayload: Math.max(512, uint('maxUdpPayload', o.maxUdpPayload, 65535)),
    tsigKeys,
    secondaries,
    catalogZone: host('catalogZone', o.catalogZone),
    pollIntervalMs: Math.max(5, uint('pollIntervalMs', o.pollIntervalMs, 60_000)),
    journalSize: uint('journalSize', o.journalSize, 10_000),
    maxRecordsPerZone: Math.max(1, uint('maxRecordsPerZone', o.maxRecordsPerZone, 10_000_000)),
    maxZoneBytes: Math.max(1, uint('maxZoneBytes', o.maxZoneBytes, 0x7fff_ffff)),
    apiNice: uint('apiNice', o.apiNice, 19),
    answerProcesses: o.answerProcesses === 'auto' ? autoAnswerProcesses() : uint('answerProcesses', o.answerProcesses, 16),
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
