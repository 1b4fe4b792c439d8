/**
 * Resolves the configuration: flags > environment (REGD_*) > YAML file
 * (--config / REGD_CONFIG) > defaults. Reads only what it is given (argv,
 * env) plus the configuration file; nothing is read at import time.
 * Paths from the file are relative to the file, others to the working directory.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../core/clock.ts';
import { RUN_MODES, type RunMode } from '../core/flows/clock/index.ts';
import { ConfigError } from './config-error.ts';
import { DnsOptionError, resolveDnsOptions, type DnsOptionsInput } from '../services/dns/options.ts';
import { LOG_LEVELS, type Config, type LogLevel } from './config.ts';
import { CONFIG_FILE_ENV, CONFIG_FILE_FLAG, CONFIG_OPTIONS, type ConfigKey, type ConfigOption } from './options.ts';

export interface LoadConfigInput {
  /** Command-line arguments (without node and script); only the configuration flags are read. */
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Configuration file path; overrides --config and REGD_CONFIG. */
  readonly file?: string;
  /** Base for relative paths from flags and env. */
  readonly cwd?: string;
}

/** A raw value and where it came from (for error messages and relative paths). */
interface Raw {
  readonly value: unknown;
  readonly source: string;
  readonly baseDir: string;
}

export function loadConfig(input: LoadConfigInput = {}): Config {
  const env = input.env ?? {};
  const cwd = input.cwd ?? process.cwd();
  const flags = readFlags(input.argv ?? []);
  const fileName = input.file ?? stringFlag(flags, CONFIG_FILE_FLAG) ?? nonEmpty(env[CONFIG_FILE_ENV]);
  const configFile = fileName === undefined ? undefined : resolve(cwd, fileName);
  const fileValues = configFile === undefined ? {} : readConfigFile(configFile);

  const raw = (opt: ConfigOption): Raw | undefined => {
    if (opt.flag !== undefined && flags[opt.flag] !== undefined) return { value: flags[opt.flag], source: `--${opt.flag}`, baseDir: cwd };
    if (opt.key === 'seedDemo' && flags['no-seed-demo'] === true) return { value: false, source: '--no-seed-demo', baseDir: cwd };
    for (const name of opt.env) {
      const v = nonEmpty(env[name]);
      if (v !== undefined) return { value: v, source: name, baseDir: cwd };
    }
    const v = lookup(fileValues, opt.fileKey);
    if (v !== undefined && v !== null) return { value: v, source: `${configFile}: ${opt.fileKey}`, baseDir: dirname(configFile!) };
    return undefined;
  };
  const get = (key: ConfigKey) => raw(CONFIG_OPTIONS.find((o) => o.key === key)!);

  const mode = oneOf<RunMode>(get('mode'), RUN_MODES, 'sandbox');
  const dataDirRaw = get('dataDir');
  const dataDir = dataDirRaw ? resolve(dataDirRaw.baseDir, text(dataDirRaw)) : resolve(cwd, 'data');
  const tldsRaw = get('tldsFile');
  const dns = dnsConfig(get('dnsEnabled'), get('dnsHost'), get('dnsPort'), get('dns'), {
    forwardAddresses: addressList(get('forwardingAddresses')),
    mailExchangers: get('mailExchangers') ? hostList(get('mailExchangers'), []) : undefined,
  });
  const config: Config = {
    mode,
    http: {
      host: hostName(get('host')),
      port: port(get('port')),
      shutdownTimeoutMs: duration(get('shutdownTimeout'), '10s'),
    },
    dataDir,
    databaseUrl: databaseUrl(get('databaseUrl')),
    pgliteDir: join(dataDir, 'pglite'),
    tldsFile: tldsRaw ? resolve(tldsRaw.baseDir, text(tldsRaw)) : undefined,
    logLevel: oneOf<LogLevel>(get('logLevel'), LOG_LEVELS, 'info'),
    operatorToken: token(get('operatorToken')),
    operatorTokenFile: join(dataDir, 'operator.token'),
    serverFile: join(dataDir, 'server.json'),
    seedDemo: bool(get('seedDemo'), mode === 'sandbox'),
    sweepIntervalMs: milliseconds(get('sweepIntervalMs'), 60_000),
    dns,
    forwarding: forwardingConfig(get),
    mail: mailConfig(get, dns.options.mailExchangers),
    whois: {
      enabled: bool(get('whoisEnabled'), true),
      host: hostName(get('whoisHost')),
      port: port(get('whoisPort'), 4343),
      queriesPerMinute: count(get('whoisQueriesPerMinute'), 60),
      connectionsPerAddress: count(get('whoisConnections'), 5),
      idleTimeoutMs: duration(get('whoisIdleTimeout'), '10s'),
    },
    rdap: {
      enabled: bool(get('rdapEnabled'), true),
      requestsPerMinute: count(get('rdapRequestsPerMinute'), 120),
      searchLimit: positive(get('rdapSearchLimit'), 50),
    },
    registrar: {
      name: get('registrarName') ? text(get('registrarName')!) : 'regd',
      ianaId: positive(get('registrarIanaId'), 9999),
      url: httpUrl(get('registrarUrl'), 'https://regd.test'),
      whoisServer: get('registrarWhoisServer') ? hostName(get('registrarWhoisServer')) : 'whois.regd.test',
      abuseEmail: email(get('registrarAbuseEmail'), 'abuse@regd.test'),
      abusePhone: phone(get('registrarAbusePhone'), '+1.5555550100'),
    },
    logins: {
      perAccount: {
        attempts: count(get('loginAccountAttempts'), 10),
        windowMs: duration(get('loginAccountWindow'), '15m'),
        lockMs: duration(get('loginAccountDuration'), '15m'),
      },
      perAddress: {
        attempts: count(get('loginAddressAttempts'), 30),
        windowMs: duration(get('loginAddressWindow'), '15m'),
        blockMs: duration(get('loginAddressDuration'), '15m'),
      },
      cacheTtlMs: duration(get('loginCacheTtl'), '30s'),
    },
    dialects: {
      wedos: {
        previousHour: bool(get('wapiPreviousHour'), false),
        limits: bool(get('wapiLimits'), true),
        requestsPerHour: count(get('wapiRequestsPerHour'), 1000),
        limitedPerHour: count(get('wapiLimitedPerHour'), 100),
        failedAuthBlock: {
          attempts: count(get('wapiBlockAttempts'), 10),
          windowMs: duration(get('wapiBlockWindow'), '1h'),
          blockMs: duration(get('wapiBlockDuration'), '1h'),
        },
      },
      freenom: {
        dotcfPrefix: urlPrefix(get('dotcfPrefix'), '/dotcf/v2'),
        dotcfHosts: hostList(get('dotcfHosts'), ['api.dot.cf']),
      },
    },
    configFile,
  };
  return deepFreeze(config);
}

function readFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { [CONFIG_FILE_FLAG]: { type: 'string' }, 'no-seed-demo': { type: 'boolean' } };
  for (const o of CONFIG_OPTIONS) if (o.flag !== undefined) options[o.flag] = { type: o.valueName === undefined ? 'boolean' : 'string' };
  // strict: false — the command's own flags and arguments are the CLI's business, not ours.
  const { values } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true });
  const out: Record<string, string | boolean | undefined> = {};
  for (const name of Object.keys(options)) {
    const v = values[name];
    if (typeof v === 'string' || typeof v === 'boolean') out[name] = v;
    // `--port` given last with no value: parseArgs reports true for a string option.
    if (options[name]!.type === 'string' && v === true) throw new ConfigError(`--${name} needs a value`);
  }
  return out;
}

function stringFlag(flags: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? nonEmpty(v) : undefined;
}

const FILE_KEYS = new Set(CONFIG_OPTIONS.map((o) => o.fileKey));

function readConfigFile(file: string): Record<string, unknown> {
  let textContent: string;
  try {
    textContent = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read configuration file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(textContent);
  } catch (e) {
    throw new ConfigError(`configuration file ${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(`configuration file ${file}: a mapping of keys is required`);
  for (const key of flatKeys(doc as Record<string, unknown>)) {
    if (!FILE_KEYS.has(key)) throw new ConfigError(`configuration file ${file}: unknown key "${key}" (known: ${[...FILE_KEYS].join(', ')})`);
  }
  return doc as Record<string, unknown>;
}

/** Keys whose value is a group of further keys (`dns` is one key: its own options are checked by the DNS service). */
const GROUP_KEYS = new Set(
  [...FILE_KEYS].flatMap((k) => k.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))).filter((g) => !FILE_KEYS.has(g)),
);

/** Dotted keys of a document; descends into the nested groups (`http`, `dialects.wedos`, …). */
function flatKeys(doc: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(doc).flatMap(([k, v]) =>
    GROUP_KEYS.has(prefix + k) && v !== null && typeof v === 'object' && !Array.isArray(v)
      ? flatKeys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [prefix + k],
  );
}

function lookup(doc: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = doc;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function text(r: Raw): string {
  if (typeof r.value !== 'string' && typeof r.value !== 'number') throw new ConfigError(`${r.source}: a string is required`);
  const s = String(r.value).trim();
  if (s === '') throw new ConfigError(`${r.source}: must not be empty`);
  return s;
}

function oneOf<T extends string>(r: Raw | undefined, allowed: readonly T[], fallback: T): T {
  if (!r) return fallback;
  const v = text(r);
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(`${r.source}: "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

function hostName(r: Raw | undefined): string {
  if (!r) return '127.0.0.1';
  const v = text(r);
  if (/\s|\//.test(v)) throw new ConfigError(`${r.source}: "${v}" is not a host name or address`);
  return v;
}

function port(r: Raw | undefined, fallback = 8080): number {
  if (!r) return fallback;
  const v = typeof r.value === 'number' ? r.value : Number(text(r));
  if (!Number.isInteger(v) || v < 0 || v > 65535) throw new ConfigError(`${r.source}: "${String(r.value)}" is not a port number (0-65535)`);
  return v;
}

function duration(r: Raw | undefined, fallback: string): number {
  try {
    return parseDuration(r ? text(r) : fallback);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${r!.source}: ${(e as Error).message}`);
  }
}

function databaseUrl(r: Raw | undefined): string | undefined {
  if (!r) return undefined;
  const v = text(r);
  if (!/^postgres(ql)?:\/\//.test(v)) throw new ConfigError(`${r.source}: a postgres:// or postgresql:// URL is required`);
  return v;
}

function token(r: Raw | undefined): string | undefined {
  if (!r) return undefined;
  const v = text(r);
  if (v.length < 16 || /\s/.test(v)) throw new ConfigError(`${r.source}: the operator token needs at least 16 characters and no spaces`);
  return v;
}

/** The `dns:` section, with host and port from flags or environment over the file; validated by the DNS service's own rules. */
function dnsConfig(
  enabled: Raw | undefined, host: Raw | undefined, portRaw: Raw | undefined, section: Raw | undefined,
  services: { readonly forwardAddresses: readonly string[] | undefined; readonly mailExchangers: readonly string[] | undefined },
): Config['dns'] {
  const doc = section?.value ?? {};
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(`${section!.source}: a mapping of DNS settings is required`);
  // enabled, host and port were read through their own keys (so flags and environment win).
  const { enabled: _enabled, host: _host, port: _port, ...rest } = doc as Record<string, unknown>;
  try {
    // The addresses of regd's own services (forwarding.addresses) unless the dns section names its own.
    const options = resolveDnsOptions({
      ...(services.forwardAddresses ? { forwardAddresses: services.forwardAddresses, parkingAddresses: services.forwardAddresses } : {}),
      ...(services.mailExchangers ? { mailExchangers: services.mailExchangers } : {}),
      ...(rest as DnsOptionsInput),
      host: host ? hostName(host) : '127.0.0.1',
      port: portRaw ? port(portRaw) : 5353,
    });
    return { enabled: bool(enabled, true), options };
  } catch (e) {
    if (e instanceof DnsOptionError) throw new ConfigError(`${section?.source ?? 'dns'}: ${e.message}`);
    throw e;
  }
}

/** The `forwarding:` section (README "URL forwarding, stealth and parking"). */
function forwardingConfig(get: (key: ConfigKey) => Raw | undefined): Config['forwarding'] {
  const portRaw = get('forwardingPort');
  return {
    enabled: bool(get('forwardingEnabled'), true),
    options: {
      host: hostName(get('forwardingHost')),
      port: portRaw ? port(portRaw) : 8088,
      tls: tlsFiles(get('forwardingTlsCert'), get('forwardingTlsKey'), 'forwarding.tls'),
      maxConnections: Math.max(1, count(get('forwardingMaxConnections'), 1000)),
    },
  };
}

/** The `mail:` section (README "E-mail forwarding and the outbox"); the greeting name defaults to the DNS's first mail exchanger. */
function mailConfig(get: (key: ConfigKey) => Raw | undefined, mailExchangers: readonly string[]): Config['mail'] {
  const smarthostHost = get('mailSmarthostHost');
  const user = get('mailSmarthostUser');
  const password = get('mailSmarthostPassword');
  if (password && !user) throw new ConfigError(`${password.source}: a smarthost password needs mail.smarthost.user`);
  const hostnameRaw = get('mailHostname');
  const retryMaxMs = duration(get('mailOutboxRetryMax'), '6h');
  const retryBaseMs = duration(get('mailOutboxRetryBase'), '1m');
  if (retryBaseMs < 1000 || retryMaxMs < retryBaseMs) throw new ConfigError('mail.outbox: retryBase must be at least 1s and retryMax at least retryBase');
  const fromRaw = get('mailFrom');
  const from = fromRaw ? text(fromRaw) : 'regd <noreply@regd.test>';
  if (!/^(?:[^<>@\s][^<>@]*<)?[^\s<>@]+@[^\s<>@]+>?$/.test(from)) throw new ConfigError(`${fromRaw!.source}: "${from}" is not an address such as noreply@example.com or Name <noreply@example.com>`);
  return {
    enabled: bool(get('mailEnabled'), true),
    options: {
      host: hostName(get('mailHost')),
      port: port(get('mailPort'), 2525),
      hostname: hostnameRaw ? hostList(hostnameRaw, [])[0]! : (mailExchangers[0] ?? 'mx.regd.test'),
      maxSize: Math.max(1024, count(get('mailMaxSize'), 10 * 1024 * 1024)),
      maxConnections: Math.max(1, count(get('mailMaxConnections'), 100)),
      tls: tlsFiles(get('mailTlsCert'), get('mailTlsKey'), 'mail.tls'),
      smarthost: smarthostHost
        ? {
            host: hostName(smarthostHost), port: port(get('mailSmarthostPort'), 25), secure: bool(get('mailSmarthostSecure'), false),
            user: user ? text(user) : undefined, password: password ? text(password) : undefined,
          }
        : undefined,
      outbox: {
        intervalMs: Math.max(100, duration(get('mailOutboxInterval'), '10s')),
        maxAttempts: Math.max(1, count(get('mailOutboxMaxAttempts'), 8)),
        retryBaseMs,
        retryMaxMs,
        from,
      },
    },
  };
}

/** A certificate and key file pair, both or neither. */
function tlsFiles(cert: Raw | undefined, key: Raw | undefined, section: string): { certFile: string; keyFile: string } | undefined {
  if ((cert === undefined) !== (key === undefined)) throw new ConfigError(`${(cert ?? key)!.source}: ${section} needs both a certificate and a key`);
  return cert && key ? { certFile: resolve(cert.baseDir, text(cert)), keyFile: resolve(key.baseDir, text(key)) } : undefined;
}

/** IP addresses from a list (file) or a comma-separated string; undefined when not given. */
function addressList(r: Raw | undefined): string[] | undefined {
  if (!r) return undefined;
  const items = Array.isArray(r.value) ? r.value : text(r).split(',');
  const list = items.map((a) => (typeof a === 'string' ? a.trim() : ''));
  if (list.length === 0 || list.some((a) => !isIP(a))) throw new ConfigError(`${r.source}: a comma-separated list of IP addresses is required`);
  return list;
}

function milliseconds(r: Raw | undefined, fallback: number): number {
  if (!r) return fallback;
  const v = typeof r.value === 'number' ? r.value : Number(text(r));
  if (!Number.isSafeInteger(v) || v < 0) throw new ConfigError(`${r.source}: "${String(r.value)}" is not a whole number of milliseconds`);
  return v;
}

function count(r: Raw | undefined, fallback: number): number {
  if (!r) return fallback;
  const v = typeof r.value === 'number' ? r.value : Number(text(r));
  if (!Number.isSafeInteger(v) || v < 0) throw new ConfigError(`${r.source}: "${String(r.value)}" is not a whole number`);
  return v;
}

function positive(r: Raw | undefined, fallback: number): number {
  const v = count(r, fallback);
  if (v === 0) throw new ConfigError(`${r!.source}: must be at least 1`);
  return v;
}

function httpUrl(r: Raw | undefined, fallback: string): string {
  if (!r) return fallback;
  const v = text(r).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(v)) throw new ConfigError(`${r.source}: "${v}" is not an http:// or https:// URL`);
  return v;
}

function email(r: Raw | undefined, fallback: string): string {
  if (!r) return fallback;
  const v = text(r);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) throw new ConfigError(`${r.source}: "${v}" is not an e-mail address`);
  return v;
}

function phone(r: Raw | undefined, fallback: string): string {
  if (!r) return fallback;
  const v = text(r);
  if (!/^\+\d{1,3}\.\d{4,14}$/.test(v)) throw new ConfigError(`${r.source}: "${v}" is not a phone number in the form +CC.NUMBER`);
  return v;
}

function urlPrefix(r: Raw | undefined, fallback: string): string {
  if (!r) return fallback;
  const v = text(r).replace(/\/+$/, '');
  if (!/^\/[A-Za-z0-9._~/-]+$/.test(v) || v.includes('//')) throw new ConfigError(`${r.source}: "${v}" is not a URL path such as /dotcf/v2`);
  return v;
}

/** Host names from a list (file) or a comma-separated string; lower case, no trailing dot. */
function hostList(r: Raw | undefined, fallback: readonly string[]): string[] {
  if (!r) return [...fallback];
  const items = Array.isArray(r.value) ? r.value : text(r).split(',');
  const hosts = items.map((h) => (typeof h === 'string' ? h.trim().toLowerCase().replace(/\.$/, '') : ''));
  // An empty list (file only) turns the Host selection off.
  if (hosts.some((h) => !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(h))) {
    throw new ConfigError(`${r.source}: a comma-separated list of host names is required`);
  }
  return hosts;
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

function bool(r: Raw | undefined, fallback: boolean): boolean {
  if (!r) return fallback;
  if (typeof r.value === 'boolean') return r.value;
  const v = text(r).toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new ConfigError(`${r.source}: "${v}" is not true or false`);
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
