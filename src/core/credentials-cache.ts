/**
 * The verified-credentials cache: a credential that was checked against the
 * database a moment ago is trusted again, for a short while, without asking
 * the database (no statement) nor scrypt. One per engine (per process).
 *
 * What it holds, each under an HMAC-SHA256 of the credential material with
 * a key drawn at random when the process starts (the plain secret is never
 * a key; an entry says nothing outside this process):
 *
 *   password  e-mail (normalized) + password → the account (KifDom login, Freenom)
 *   wapi      login (normalized) + the request's auth hash → the account and
 *             its stored WAPI secret (the dialect's hash check runs again on
 *             every hit: the accepted Prague hours move)
 *   apikey    API key → the account (Dynadot)
 *   token     KifDom token id + account → "not revoked, account active"
 *   networks  account → its WAPI address allowlist
 *
 * Only successes are stored: a wrong password, an unknown e-mail, a locked
 * login or a suspended account always takes the full path (scrypt, the
 * database, the lockout counts). Entries live `ttlMs` (default 30 s) on the
 * process's monotonic clock, at most `maxEntries` of them (least recently
 * used go first).
 *
 * The guarantee, for a change to an account (password, API key, WAPI
 * password, status, level, e-mail or profile, its WAPI allowlist, a
 * revoked KifDom token) and for a failed login (which may start a lock, and
 * after which the next right password must reach the database to clear the
 * count):
 *
 *   - made by a flow of this process: every request that starts after the
 *     flow returned is checked against the new state. The flow drops the
 *     entries when it writes (CredentialsScope.changedAccount/changedLogin)
 *     and the runner drops them again the moment its transaction ended, so a
 *     check that read the old row meanwhile cannot store it (each store
 *     carries a ticket taken before its read; an entry changed since is not
 *     stored).
 *   - made anywhere else (another server on the same PostgreSQL database, a
 *     hand-written UPDATE): triggers log it in `credential_changes`
 *     (migration 0018), which each server reads every 250 ms
 *     (credentials-feed.ts) and drops what it names. On PostgreSQL the cache
 *     answers only while that log was read within the last second: a change
 *     committed elsewhere is honoured here within 250 ms plus one read, and
 *     never later than 1 s (past it, every check goes to the database until
 *     the log is read again). The embedded store has no other writer (the
 *     data directory is locked to one process); its log is read after each
 *     announced commit as a safety net.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** A cache key for values of type T (an HMAC of the credential material, base64). */
export type CacheKey<T> = string & { readonly __value?: T };

export type CachedKind = 'password' | 'wapi' | 'apikey' | 'token' | 'networks';

/** What an entry depends on: dropped when the account changes, or when the login name fails. */
export interface EntryRefs {
  readonly accountId: number;
  /** loginRef() of the login name, for entries checked against the lockout. */
  readonly login?: number;
}

export interface CredentialsCacheOptions {
  /** How long a verified credential is trusted; 0 turns the cache off. Default 30 s. */
  readonly ttlMs?: number;
  /** Default 10 000. */
  readonly maxEntries?: number;
  /** Whether hits may be served now (PostgreSQL: only while the change log is read; see credentials-feed.ts). Default: always. */
  readonly coherent?: () => boolean;
  /** Monotonic milliseconds (tests); default performance.now(). */
  readonly monotonicNow?: () => number;
}

export const DEFAULT_CREDENTIALS_TTL_MS = 30_000;
export const DEFAULT_CREDENTIALS_MAX_ENTRIES = 10_000;
/** Past this many remembered changes, the oldest are forgotten and every ticket older than them is refused. */
const MAX_REMEMBERED_CHANGES = 10_000;

interface Entry {
  readonly value: unknown;
  readonly refs: EntryRefs;
  readonly expiresAt: number;
}

/**
 * The login-name reference of the change log: the first 52 bits of the
 * login's SHA-256 (login-lockout.ts `loginKey().hash`, hex), as the trigger
 * of migration 0018 computes it. Two logins sharing it only drop each
 * other's entries.
 */
export function loginRef(loginHashHex: string): number {
  return parseInt(loginHashHex.slice(0, 13), 16);
}

export class CredentialsCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly #hmacKey = randomBytes(32);
  /** Least recently used first (a hit moves its entry to the end). */
  readonly #entries = new Map<string, Entry>();
  readonly #byAccount = new Map<number, Set<string>>();
  readonly #byLogin = new Map<number, Set<string>>();
  /** Counts drops; a ticket is its value when a check began. */
  #counter = 0;
  /** 'a<id>' / 'l<ref>' → the counter at its last drop. */
  readonly #changedAt = new Map<string, number>();
  /** Tickets below this are refused (everything was dropped, or old changes forgotten). */
  #floor = 0;
  #coherent: () => boolean;
  readonly #now: () => number;

  constructor(options: CredentialsCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CREDENTIALS_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_CREDENTIALS_MAX_ENTRIES;
    this.#coherent = options.coherent ?? (() => true);
    this.#now = options.monotonicNow ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.ttlMs > 0 && this.maxEntries > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Replaces the coherence rule (the change-log reader installs its own), and drops everything. */
  setCoherence(coherent: () => boolean): void {
    this.#coherent = coherent;
    this.forgetAll();
  }

  /** The key of a credential; parts are length-prefixed, so no two part lists share a key. */
  keyOf<T>(kind: CachedKind, ...parts: readonly string[]): CacheKey<T> {
    const h = createHmac('sha256', this.#hmacKey).update(kind);
    for (const p of parts) h.update(`\0${Buffer.byteLength(p, 'utf8')}:`).update(p, 'utf8');
    return h.digest('base64url') as CacheKey<T>;
  }

  /** The value verified under `key`, if still trusted. */
  get<T>(key: CacheKey<T>): T | undefined {
    if (!this.enabled) return undefined;
    const e = this.#entries.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt <= this.#now()) {
      this.#remove(key, e);
      return undefined;
    }
    if (!this.#coherent()) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e.value as T;
  }

  /** Taken before a check reads the database; set() refuses a value whose refs were dropped since. */
  ticket(): number {
    return this.#counter;
  }

  /** Stores a verified value, unless something it depends on changed since `ticket` was taken. */
  set<T>(ticket: number, key: CacheKey<T>, value: T, refs: EntryRefs): void {
    if (!this.enabled || !this.#coherent() || ticket < this.#floor) return;
    if ((this.#changedAt.get(`a${refs.accountId}`) ?? 0) > ticket) return;
    if (refs.login !== undefined && (this.#changedAt.get(`l${refs.login}`) ?? 0) > ticket) return;
    const old = this.#entries.get(key);
    if (old !== undefined) this.#remove(key, old);
    this.#entries.set(key, { value, refs, expiresAt: this.#now() + this.ttlMs });
    index(this.#byAccount, refs.accountId, key);
    if (refs.login !== undefined) index(this.#byLogin, refs.login, key);
    while (this.#entries.size > this.maxEntries) {
      const [oldestKey, oldest] = this.#entries.entries().next().value as [string, Entry];
      this.#remove(oldestKey, oldest);
    }
  }

  /** The account changed (credentials, status, level, profile, allowlist, a revoked token): its entries go. */
  forgetAccount(accountId: number): void {
    this.#changed(`a${accountId}`);
    for (const key of this.#byAccount.get(accountId) ?? []) this.#remove(key, this.#entries.get(key));
  }

  /** A login name failed (or was locked): its entries go, so its next right password reaches the lockout. */
  forgetLogin(ref: number): void {
    this.#changed(`l${ref}`);
    for (const key of this.#byLogin.get(ref) ?? []) this.#remove(key, this.#entries.get(key));
  }

  forgetAll(): void {
    this.#floor = ++this.#counter;
    this.#changedAt.clear();
    this.#entries.clear();
    this.#byAccount.clear();
    this.#byLogin.clear();
  }

  #changed(ref: string): void {
    const at = ++this.#counter;
    this.#changedAt.delete(ref);
    this.#changedAt.set(ref, at);
    if (this.#changedAt.size > MAX_REMEMBERED_CHANGES) {
      // The oldest change is forgotten: no ticket taken before it may store anything.
      const [oldestRef, oldestAt] = this.#changedAt.entries().next().value as [string, number];
      this.#changedAt.delete(oldestRef);
      this.#floor = Math.max(this.#floor, oldestAt);
    }
  }

  #remove(key: string, e: Entry | undefined): void {
    this.#entries.delete(key);
    if (e === undefined) return;
    unindex(this.#byAccount, e.refs.accountId, key);
    if (e.refs.login !== undefined) unindex(this.#byLogin, e.refs.login, key);
  }
}

function index(map: Map<number, Set<string>>, ref: number, key: string): void {
  const keys = map.get(ref);
  if (keys) keys.add(key);
  else map.set(ref, new Set([key]));
}

function unindex(map: Map<number, Set<string>>, ref: number, key: string): void {
  const keys = map.get(ref);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) map.delete(ref);
}

/**
 * One flow run's view of the cache (FlowContext.credentials). A flow that
 * changes what entries depend on says so when it writes; the runner calls
 * settle() the moment the run's transaction has ended, which drops the
 * same entries again (a check that read the old row in between stored it).
 */
export class CredentialsScope {
  #accounts: number[] | undefined;
  #logins: number[] | undefined;
  #answered = false;

  constructor(readonly cache: CredentialsCache) {}

  /** Looks `key` up; a hit marks the run as answered from the cache (it wrote nothing: the runner announces no commit). */
  get<T>(key: CacheKey<T> | undefined): T | undefined {
    if (key === undefined) return undefined;
    const value = this.cache.get(key);
    if (value !== undefined) this.#answered = true;
    return value;
  }

  /** The run answered from what cache.get() returned (a hit the flow checked further). */
  answered(): void {
    this.#answered = true;
  }

  /** The run's answer came from the cache, without a statement. */
  get answeredFromCache(): boolean {
    return this.#answered;
  }

  changedAccount(accountId: number): void {
    this.cache.forgetAccount(accountId);
    (this.#accounts ??= []).push(accountId);
  }

  changedLogin(ref: number): void {
    this.cache.forgetLogin(ref);
    (this.#logins ??= []).push(ref);
  }

  /** The runner: the transaction committed or rolled back (a dry run too). */
  settle(): void {
    for (const id of this.#accounts ?? []) this.cache.forgetAccount(id);
    for (const ref of this.#logins ?? []) this.cache.forgetLogin(ref);
  }
}
