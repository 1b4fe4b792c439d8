/**
 * Failed logins, as the dialects see them (README "Failed logins").
 *
 * - Per login name, in every dialect: core's rule (authenticateByPassword,
 *   authenticateWapiLogin with `logins.perAccount`), kept in the database.
 * - Per client address: FailedLoginBlocker, kept in memory per process (a
 *   restart forgets it; several processes count apart), on the engine clock.
 *   KifDom and Freenom share one LoginGuard per app (decorated by buildApp),
 *   so both APIs and both Freenom editions count together; WAPI keeps its
 *   own blocker and its own code 2052 (`dialects.wedos.failedAuthBlock`).
 *
 * A blocked address is refused before any password is checked; an attempt
 * whose address became blocked while its password was being checked is
 * refused too, even when the password was right, so a burst of parallel
 * guesses learns about as many outcomes as the limit allows. Every failed
 * attempt counts, a refused one included; a success does not clear the
 * address's count (one's own account must not reset a guesser's budget).
 * Behind a reverse proxy every client has the proxy's address: raise the
 * limit or turn it off (`logins.perAddress.attempts: 0`).
 */
import type { FailedLoginBlock, LoginsConfig } from '../config/index.ts';
import { authenticateByPassword, isRegdError, LoginLocked, SYSTEM, type AccountView, type Engine, type LoginLockout } from '../core/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Failed-login limits of the e-mail + password dialects (KifDom, Freenom). */
    loginGuard: LoginGuard;
  }
}

interface AddressState {
  /** Times (ms) of failures within the window. */
  failures: number[];
  blockedUntil: number;
}

/** Failures per client address in a sliding window; reaching the threshold blocks the address for a while. */
export class FailedLoginBlocker {
  private readonly addresses = new Map<string, AddressState>();

  constructor(private readonly config: FailedLoginBlock) {}

  isBlocked(ip: string, now: Date): boolean {
    return this.retryAfterMs(ip, now) > 0;
  }

  /** How long the address stays blocked; 0: it is not. */
  retryAfterMs(ip: string, now: Date): number {
    const s = this.addresses.get(ip);
    if (!s) return 0;
    const t = now.getTime();
    if (s.blockedUntil > t) return s.blockedUntil - t;
    // The block is over: start counting afresh.
    if (s.blockedUntil !== 0) this.addresses.delete(ip);
    return 0;
  }

  /** Records a failed authentication; true when it blocks the address. */
  fail(ip: string, now: Date): boolean {
    if (this.config.attempts === 0) return false;
    const t = now.getTime();
    this.prune(t);
    const s = this.addresses.get(ip) ?? { failures: [], blockedUntil: 0 };
    s.failures = s.failures.filter((f) => f > t - this.config.windowMs && f <= t);
    s.failures.push(t);
    if (s.failures.length >= this.config.attempts) {
      s.blockedUntil = t + this.config.blockMs;
      s.failures = [];
    }
    this.addresses.set(ip, s);
    return s.blockedUntil > t;
  }

  private prune(t: number): void {
    if (this.addresses.size < 10_000) return;
    for (const [ip, s] of this.addresses) {
      if (s.blockedUntil <= t && s.failures.every((f) => f <= t - this.config.windowMs)) this.addresses.delete(ip);
    }
  }
}

export interface PasswordLogin {
  readonly email: string;
  readonly password: string;
  /** The client address (Fastify's request.ip). */
  readonly ip: string;
  /** The request's one instant. */
  readonly now: Date;
  /** The door, for the flow's context ("kifdom", "freenom"…). */
  readonly source: string;
}

export class LoginGuard {
  readonly lockout: LoginLockout;
  readonly #addresses: FailedLoginBlocker;

  constructor(config: LoginsConfig) {
    this.lockout = config.perAccount;
    this.#addresses = new FailedLoginBlocker(config.perAddress);
  }

  /**
   * E-mail and password → the account, or the core error to answer:
   * INVALID_CREDENTIALS, ACCOUNT_SUSPENDED, or LOGIN_LOCKED (this login
   * name, or this address, has failed too often).
   */
  async passwordLogin(engine: Pick<Engine, 'run'>, login: PasswordLogin): Promise<AccountView> {
    this.#verifyAddress(login.ip, login.now);
    let account: AccountView;
    try {
      account = await engine.run(
        authenticateByPassword,
        { email: login.email, password: login.password, lockout: this.lockout },
        { actor: SYSTEM, source: login.source, now: login.now },
      );
    } catch (e) {
      if (isRegdError(e) && (e.code === 'INVALID_CREDENTIALS' || e.code === 'LOGIN_LOCKED')) this.#addresses.fail(login.ip, login.now);
      throw e;
    }
    this.#verifyAddress(login.ip, login.now);
    return account;
  }

  #verifyAddress(ip: string, now: Date): void {
    const ms = this.#addresses.retryAfterMs(ip, now);
    if (ms > 0) throw new LoginLocked(Math.ceil(ms / 1000));
  }
}
