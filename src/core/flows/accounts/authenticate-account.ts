/**
 * The three ways a dialect identifies its caller: e-mail + password
 * (KifDom login, Freenom), API key (Dynadot), and a login whose stored WAPI
 * secret the dialect checks against what the caller sent (WEDOS: the hour
 * hash, a wire rule that lives in the WEDOS dialect).
 * Every failure is the same InvalidCredentials; a suspended account is
 * refused after its credentials were verified.
 *
 * Password and WAPI logins are rate-limited per login name
 * (login-lockout.ts): a locked login is refused with LoginLocked whatever
 * the secret. An unknown e-mail costs what a wrong password costs (a scrypt
 * check against a dummy hash, the same statements), so neither the answer
 * nor its time tells which e-mails have an account.
 *
 * Both run on the runner's one-statement path (outside a transaction): the
 * password check holds no connection, and the one write, a failure
 * recorded, stays committed under the refusal it answers (a transaction
 * would roll it back with the error). In a dry run or inside another
 * flow's transaction they run as usual, and a failure is not remembered.
 *
 * A credential verified a moment ago is answered from the process's
 * verified-credentials cache (credentials-cache.ts: no statement, no
 * scrypt). Only successes are cached; a failure drops the login's entries
 * (so its next right password reaches the lockout: it clears the count, or
 * meets a lock), and any change to the account drops its entries.
 */
import type { FlowContext } from '../../context.ts';
import { markReadOnly, withOneStatementPath } from '../../run-flow.ts';
import { AccountSuspended, InvalidCredentials, type ErrorCode } from '../../errors/index.ts';
import { hashApiKey, sha1Hex, verifyPassword } from '../../credentials.ts';
import { loginRef } from '../../credentials-cache.ts';
import type { AccountRow } from '../../../store/index.ts';
import { toAccountView, type AccountView } from './account-view.ts';
import {
  clearLoginFailures, DEFAULT_LOGIN_LOCKOUT, findLogin, loginKey, normalizeLogin, recordLoginFailure, verifyNotLocked, type LoginKey, type LoginLockout,
} from './login-lockout.ts';

export const throws = ['INVALID_CREDENTIALS', 'ACCOUNT_SUSPENDED', 'LOGIN_LOCKED'] as const satisfies readonly ErrorCode[];

/** An scrypt hash (the parameters of hashPassword) that no password matches in practice: what an unknown e-mail is checked against. */
const DUMMY_PASSWORD_HASH = 'scrypt$16384$8$1$vsjozss7cHdA4k84Hw2dlQ==$czse3q+u68Az2EyDwsfxPcAyp70reVu7sCww8eYuqWE=';
/** The WAPI secret an unknown login is hashed with (sha1 of nothing anyone sends). */
const DUMMY_WAPI_SECRET = sha1Hex('regd: no account has this WAPI password');

function active(row: AccountRow): AccountView {
  if (row.status !== 'active') throw new AccountSuspended();
  return toAccountView(row);
}

export interface PasswordLoginInput {
  readonly email: string;
  readonly password: string;
  /** The per-login limit (the configuration's `logins.perAccount`); default 10 failures in 15 minutes lock for 15 minutes. */
  readonly lockout?: LoginLockout;
}

async function authenticateByPasswordFlow(ctx: FlowContext, input: PasswordLoginInput): Promise<AccountView> {
  if (typeof input.email !== 'string' || typeof input.password !== 'string') throw new InvalidCredentials();
  const cache = ctx.credentials?.cache;
  const cacheKey = cache?.keyOf<AccountView>('password', normalizeLogin(input.email), input.password);
  const hit = ctx.credentials?.get(cacheKey);
  if (hit) return hit;
  const ticket = cache?.ticket() ?? 0;
  const lockout = input.lockout ?? DEFAULT_LOGIN_LOCKOUT;
  const key = loginKey('password', input.email);
  const { account, lockedUntil } = await findLogin(ctx, key, input.email);
  verifyNotLocked(lockedUntil, ctx.now);
  const ok = await verifyPassword(input.password, account?.password_hash ?? DUMMY_PASSWORD_HASH);
  const view = await settle(ctx, key, lockout, ok && account !== undefined ? account : undefined);
  if (cacheKey) cache!.set(ticket, cacheKey, view, { accountId: view.id, login: loginRef(key.hash) });
  return view;
}

export const authenticateByPassword = withOneStatementPath(authenticateByPasswordFlow, authenticateByPasswordFlow);

/** Reads only (no lockout: an API key is not guessable). */
export const authenticateByApiKey = markReadOnly(async function authenticateByApiKey(ctx: FlowContext, input: { key: string }): Promise<AccountView> {
  if (typeof input.key !== 'string' || input.key === '') throw new InvalidCredentials();
  const cache = ctx.credentials?.cache;
  const cacheKey = cache?.keyOf<AccountView>('apikey', input.key);
  const hit = ctx.credentials?.get(cacheKey);
  if (hit) return hit;
  const ticket = cache?.ticket() ?? 0;
  const row = await ctx.db.selectFrom('accounts').selectAll().where('api_key_hash', '=', hashApiKey(input.key)).executeTakeFirst();
  if (!row) throw new InvalidCredentials();
  const view = active(row);
  if (cacheKey) cache!.set(ticket, cacheKey, view, { accountId: view.id });
  return view;
});

export interface WapiLoginInput {
  readonly login: string;
  /**
   * The dialect's check of what the caller sent against the account's
   * stored WAPI secret (sha1 of the WAPI password). An unknown login, or one
   * without a WAPI password, is checked against a dummy secret, so the check
   * costs the same and always fails.
   */
  readonly verify: (wapiSecret: string) => boolean;
  /**
   * What the caller sent to be checked (WAPI: the auth hash), the key of the
   * credentials cache. Absent: not cached. A hit runs `verify` again against
   * the cached secret (and takes the full path if it fails), so the cache
   * never decides on its own whether `presented` is right.
   */
  readonly presented?: string;
  readonly lockout?: LoginLockout;
}

interface CachedWapiLogin {
  readonly account: AccountView;
  readonly wapiSecret: string;
}

async function authenticateWapiLoginFlow(ctx: FlowContext, input: WapiLoginInput): Promise<AccountView> {
  if (typeof input.login !== 'string' || typeof input.verify !== 'function') throw new InvalidCredentials();
  const cache = ctx.credentials?.cache;
  const cacheKey = typeof input.presented === 'string' ? cache?.keyOf<CachedWapiLogin>('wapi', normalizeLogin(input.login), input.presented) : undefined;
  const hit = cacheKey && cache!.get(cacheKey);
  if (hit && input.verify(hit.wapiSecret)) {
    ctx.credentials!.answered();
    return hit.account;
  }
  const ticket = cache?.ticket() ?? 0;
  const lockout = input.lockout ?? DEFAULT_LOGIN_LOCKOUT;
  const key = loginKey('wapi', input.login);
  const { account, lockedUntil } = await findLogin(ctx, key, input.login);
  verifyNotLocked(lockedUntil, ctx.now);
  const ok = input.verify(account?.wapi_secret ?? DUMMY_WAPI_SECRET);
  const view = await settle(ctx, key, lockout, ok && account?.wapi_secret != null ? account : undefined);
  if (cacheKey) cache!.set(ticket, cacheKey, { account: view, wapiSecret: account!.wapi_secret! }, { accountId: view.id, login: loginRef(key.hash) });
  return view;
}

export const authenticateWapiLogin = withOneStatementPath(authenticateWapiLoginFlow, authenticateWapiLoginFlow);

/** The secret was checked: `account` when it matched. Counts the failure, or clears the count (refused if a lock began meanwhile). */
async function settle(ctx: FlowContext, key: LoginKey, lockout: LoginLockout, account: AccountRow | undefined): Promise<AccountView> {
  if (account === undefined) {
    try {
      await recordLoginFailure(ctx, key, lockout);
    } finally {
      // Counted (or a lock met): the login's next right password must reach the lockout.
      ctx.credentials?.changedLogin(loginRef(key.hash));
    }
    throw new InvalidCredentials();
  }
  await clearLoginFailures(ctx, key, lockout);
  return active(account);
}
