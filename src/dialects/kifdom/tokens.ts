/**
 * KifDom bearer tokens: HS256 JWTs signed with a per-installation secret.
 *
 * - The secret is created on first use, inside a transaction, in `settings`
 *   under `kifdom.jwt_secret` (every process sharing the database signs and
 *   verifies with the same one; it survives restarts).
 * - Lifetimes run on the engine clock: a token issued at engine time t
 *   expires at t + 3600 s, so moving the sandbox clock expires it.
 * - Logout and refresh revoke a token by its `jti` in
 *   `kifdom_revoked_tokens`; rows of tokens that have expired anyway are
 *   pruned on every revocation.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Engine, FlowContext } from '../../core/index.ts';
import { SYSTEM } from '../../core/index.ts';

export const SECRET_SETTING_KEY = 'kifdom.jwt_secret';
/** Seconds; the documented `expires_in`. */
export const TOKEN_LIFETIME_SECONDS = 3600;
const ISSUER = 'regd/kifdom';
const AUDIENCE = 'kifdom-api-v1';
const SECRET_BYTES = 32;

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

export interface TokenState {
  readonly revoked: boolean;
  readonly accountActive: boolean;
}

export class TokenService {
  readonly #engine: Engine;
  #secret: Promise<Uint8Array> | undefined;

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
    let claims: TokenClaims;
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
    } catch (e) {
      if (e instanceof TokenRefused) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new TokenRefused('expired');
      throw new TokenRefused('invalid');
    }
    const state = await this.#engine.run(readTokenState, claims, { actor: SYSTEM, source: 'kifdom', now });
    if (state.revoked) throw new TokenRefused('revoked');
    if (!state.accountActive) throw new TokenRefused('account');
    return claims;
  }

  /** Revokes a verified token; false when it was already revoked (a concurrent logout or refresh won). */
  async revoke(claims: TokenClaims, now: Date): Promise<boolean> {
    return this.#engine.run(revokeToken, claims, { actor: SYSTEM, source: 'kifdom', now });
  }

  #key(): Promise<Uint8Array> {
    this.#secret ??= this.#engine.run(loadOrCreateSecret, {}, { actor: SYSTEM, source: 'kifdom' }).catch((e: unknown) => {
      this.#secret = undefined;
      throw e;
    });
    return this.#secret;
  }
}

/** The signing secret, created by the first caller; concurrent first callers all read the winner's. */
async function loadOrCreateSecret(ctx: FlowContext, _input: Record<string, never>): Promise<Uint8Array> {
  const fresh = randomBytes(SECRET_BYTES).toString('base64url');
  await ctx.db
    .insertInto('settings')
    .values({ key: SECRET_SETTING_KEY, value: JSON.stringify(fresh), updated_at: ctx.now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', SECRET_SETTING_KEY).executeTakeFirstOrThrow();
  if (typeof row.value !== 'string' || row.value.length < 32) throw new Error(`settings ${SECRET_SETTING_KEY} does not hold a secret`);
  return new Uint8Array(Buffer.from(row.value, 'base64url'));
}

async function readTokenState(ctx: FlowContext, claims: TokenClaims): Promise<TokenState> {
  const revoked = await ctx.db.selectFrom('kifdom_revoked_tokens').select('jti').where('jti', '=', claims.jti).executeTakeFirst();
  const account = await ctx.db.selectFrom('accounts').select('status').where('id', '=', claims.accountId).executeTakeFirst();
  return { revoked: revoked !== undefined, accountActive: account?.status === 'active' };
}

async function revokeToken(ctx: FlowContext, claims: TokenClaims): Promise<boolean> {
  await ctx.db.deleteFrom('kifdom_revoked_tokens').where('expires_at', '<', ctx.now).execute();
  const inserted = await ctx.db
    .insertInto('kifdom_revoked_tokens')
    .values({ jti: claims.jti, account_id: claims.accountId, expires_at: claims.expiresAt, revoked_at: ctx.now })
    .onConflict((oc) => oc.column('jti').doNothing())
    .returning('jti')
    .executeTakeFirst();
  return inserted !== undefined;
}
