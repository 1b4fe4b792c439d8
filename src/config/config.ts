/** The resolved configuration of one regd process. Built once by loadConfig, frozen, passed down. */
import type { RunMode } from '../core/flows/clock/index.ts';
import type { LoginLockout } from '../core/flows/accounts/index.ts';
import type { DnsOptions } from '../services/dns/options.ts';
import type { RegistrarIdentity } from '../services/whois/notices.ts';
import type { ForwardingOptions } from '../services/forwarding/options.ts';
import type { MailOptions } from '../services/mail/options.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly mode: RunMode;
  readonly http: {
    readonly host: string;
    /** 0 asks the OS for a free port (tests). */
    readonly port: number;
    /** How long a shutdown waits for in-flight requests before cutting connections. */
    readonly shutdownTimeoutMs: number;
  };
  /** Absolute path; holds the embedded database, the operator token and server.json. */
  readonly dataDir: string;
  /** PostgreSQL connection string; undefined means the embedded PGlite in `pgliteDir`. */
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  /** Operator's TLD policy file merged over config/tlds.yaml; undefined: the shipped defaults only. */
  readonly tldsFile: string | undefined;
  readonly logLevel: LogLevel;
  /** An explicitly configured operator token; undefined: the generated one in `operatorTokenFile`. */
  readonly operatorToken: string | undefined;
  readonly operatorTokenFile: string;
  /** Written by a running server (its URL), removed on shutdown; the CLI uses it to find the server. */
  readonly serverFile: string;
  readonly seedDemo: boolean;
  /** Pause between the server's lifecycle sweeps; 0: no periodic sweeps. */
  readonly sweepIntervalMs: number;
  /** The authoritative DNS server started by `serve` (options validated and defaulted). */
  readonly dns: { readonly enabled: boolean; readonly options: DnsOptions };
  /** The URL forwarding / stealth / parking HTTP service started by `serve`. */
  readonly forwarding: { readonly enabled: boolean; readonly options: ForwardingOptions };
  /** The e-mail forwarding SMTP service (`enabled`) and the outbox delivery through the smarthost. */
  readonly mail: { readonly enabled: boolean; readonly options: MailOptions };
  /** The WHOIS server started by `serve` (README "WHOIS and RDAP"). */
  readonly whois: WhoisConfig;
  /** RDAP under /rdap/ on the HTTP server. */
  readonly rdap: RdapConfig;
  /** Who the registrar is, as WHOIS and RDAP show it. */
  readonly registrar: RegistrarConfig;
  /** Limits on failed logins (README "Failed logins"). */
  readonly logins: LoginsConfig;
  /** Options of the API dialects. */
  readonly dialects: {
    readonly wedos: WedosConfig;
    readonly freenom: FreenomConfig;
  };
  /** The configuration file that was read, if any. */
  readonly configFile: string | undefined;
}

export interface WhoisConfig {
  readonly enabled: boolean;
  readonly host: string;
  /** 0 asks the OS for a free port (tests). */
  readonly port: number;
  /** Queries per source address and minute; 0: no limit. */
  readonly queriesPerMinute: number;
  /** Open connections per source address; 0: no limit. */
  readonly connectionsPerAddress: number;
  /** How long a connection may take to send its query line. */
  readonly idleTimeoutMs: number;
}

export interface RdapConfig {
  readonly enabled: boolean;
  /** Requests per source address and minute (over: 429); 0: no limit. */
  readonly requestsPerMinute: number;
  /** Most domains a search returns. */
  readonly searchLimit: number;
}

/** Who the registrar is (name, IANA id, URL, WHOIS server, abuse contacts), as WHOIS and RDAP show it. */
export type RegistrarConfig = RegistrarIdentity;

/** Failed logins, counted on the engine clock. */
export interface LoginsConfig {
  /** Per login name (an e-mail, known or not), in every dialect (the WAPI password counts apart): core's rule, kept in the database. */
  readonly perAccount: LoginLockout;
  /** Per client address, KifDom and Freenom (WAPI has its own: `dialects.wedos.failedAuthBlock`); kept in memory per process. */
  readonly perAddress: FailedLoginBlock;
  /** How long a verified credential is trusted without the database (core credentials-cache.ts); 0: no cache. */
  readonly cacheTtlMs: number;
}

/** Blocking an IP address after repeated authentication failures; attempts 0: never. */
export interface FailedLoginBlock {
  readonly attempts: number;
  readonly windowMs: number;
  readonly blockMs: number;
}

/** WEDOS WAPI (src/dialects/wedos/README.md). */
export interface WedosConfig {
  /** Accept an auth hash made with the previous Europe/Prague hour too (default off: the real WAPI does not; each use is logged as a warning). */
  readonly previousHour: boolean;
  /** Enforce the hourly request limits. */
  readonly limits: boolean;
  /** Requests per account and clock hour (any command). */
  readonly requestsPerHour: number;
  /** Requests per account and clock hour of the limited commands (domain-check, domain-create, domain-transfer-check, domain-transfer). */
  readonly limitedPerHour: number;
  /** Blocking an IP address after repeated authentication failures; attempts 0: never. */
  readonly failedAuthBlock: FailedLoginBlock;
}

/** Freenom API v2 and its Dot CF edition. */
export interface FreenomConfig {
  /** Mount path of the Dot CF edition. */
  readonly dotcfPrefix: string;
  /** Host names whose requests to the Freenom mount get the Dot CF edition. */
  readonly dotcfHosts: readonly string[];
}
