/**
 * KifDom bearer tokens: HS256 JWTs signed with a per-installation secret.
 *
 * - The secret is core's getSigningSecret under `kifdom.jwt_secret` (created
 *   on first use; every process sharing the database signs and verifies with
 *   the same one; it survives restarts).
 * - Lifetimes run on the engine clock: a token issued at engine time t
 *   expires at t + 3600 s, so moving the sandbox clock expires it.
 * - Logout and refresh revoke a token by its `jti` (core's revokeToken);
 *   verification asks core's checkToken whether it is revoked and its
 *   account active. Only the JWT wire format (jose) lives here.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Engine } from '../../core/index.ts';
import { checkToken, getSigningSecret, SYSTEM } from '../../core/index.ts';

export const SECRET_SETTING_KEY = 'kifdom.jwt_secret';
/** Seconds; the documented `expires_in`. */
export const TOKEN_LIFETIME_SECONDS = 3600;
const ISSUER = 'regd/kifdom';
const AUDIENCE = 'kifdom-api-v1';

export interface TokenClaims {
  readonly accountId: number;
  readonly jti: string;
  readonly expiresAt: Date;
}

/** Why a presented token is refused (the wire message depends on the endpoint). */
export type TokenProblem = 'invalid' | 'expired' | 'revoked' | 'account';

export class TokenRefused extends Error {
  constructor(readonly problem: TokenProblem) {
    super(`token refused: ${problem}`);
  }
}

/** Tokens whose signature and claims were verified, at most this many (the oldest go first). */
const VERIFIED_MAX = 10_000;

export class TokenService {
  readonly #engine: Engine;
  #secret: Promise<Uint8Array> | undefined;
  /**
   * Tokens already verified by jose (signature, algorithm, issuer, audience,
   * required claims), under an HMAC of the token with a key drawn when the
   * process starts, with their claims. Those checks depend on nothing but
   * the token and the installation's secret, which never changes; a hit
   * still checks the expiry at `now` (past it, jose decides again) and asks
   * checkToken about revocation and the account.
   */
  readonly #verified = new Map<string, TokenClaims>();
  readonly #memoKey = randomBytes(32);

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  async issue(accountId: number, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(String(accountId))
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_LIFETIME_SECONDS)
      .sign(await this.#key());
  }

  /** Signature, algorithm, issuer, audience and expiry at `now`, then revocation and the account's status. */
  async verify(token: string, now: Date): Promise<TokenClaims> {
    const memo = createHmac('sha256', this.#memoKey).update(token).digest('base64');
    let claims = this.#verified.get(memo);
    // jose refuses exp <= now (whole seconds): a remembered token is trusted only before that.
    if (claims === undefined || claims.expiresAt.getTime() / 1000 <= Math.floor(now.getTime() / 1000)) claims = await this.#verifyJwt(token, now, memo);
    const state = await this.#engine.run(checkToken, claims, { actor: SYSTEM, source: 'kifdom', now });
    if (state.revoked) throw new TokenRefused('revoked');
    if (!state.accountActive) throw new TokenRefused('account');
    return claims;
  }

  async #verifyJwt(token: string, now: Date, memo: string): Promise<TokenClaims> {
    let claims: TokenClaims;
    let nbf: unknown;
    try {
      const { payload } = await jwtVerify(token, await this.#key(), {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      });
      const accountId = Number(payload.sub);
      if (!Number.isSafeInteger(accountId) || accountId < 1 || typeof payload.jti !== 'string') throw new TokenRefused('invalid');
      claims = { accountId, jti: payload.jti, expiresAt: new Date(payload.exp! * 1000) };
      nbf = payload.nbf;
    } catch (e) {
      if (e instanceof TokenRefused) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new TokenRefused('expired');
      throw new TokenRefused('invalid');
    }
    if (nbf !== undefined) return claims; // a not-before instant is jose's to check again (regd issues none)
    if (this.#verified.size >= VERIFIED_MAX) this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(memo, claims);
    return claims;
  }

  #key(): Promise<Uint8Array> {
    this.#secret ??= this.#engine
      .run(getSigningSecret, { key: SECRET_SETTING_KEY }, { actor: SYSTEM, source: 'kifdom' })
      .then((s) => new Uint8Array(Buffer.from(s, 'base64url')))
      .catch((e: unknown) => {
        this.#secret = undefined;
        throw e;
      });
    return this.#secret;
  }
}
