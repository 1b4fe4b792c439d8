/**
 * The rule against guessing passwords, per login name: `attempts` failed
 * logins within `windowMs` lock that login for `lockMs`, during which every
 * attempt is refused (LoginLocked), the right password too. A successful
 * login clears the count; setting a new password lifts a lock.
 *
 * - A login name is what the caller typed (trimmed, lower case), whether an
 *   account has it or not: an unknown e-mail locks like a known one, so the
 *   lock says nothing about which e-mails exist. Rows keep its SHA-256 only.
 * - Two kinds of secret count apart: the account password (KifDom login,
 *   Freenom) and the WAPI password, so a WAPI client with a stale hash does
 *   not lock its owner out of the other APIs.
 * - State lives in `login_failures` (migration 0012): every process sharing
 *   the database sees the same counts, and a restart forgets nothing.
 * - Time is the engine's clock (`ctx.now`): moving the sandbox clock ends a
 *   lock, as it ends every other period.
 * - Concurrency: a failure is counted by one atomic upsert; a success is
 *   decided only after the password check, by a statement that both clears
 *   the count and reads whether a lock began meanwhile. So a burst of
 *   parallel guesses learns the outcome of at most about `attempts` of them.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { LoginLocked } from '../../errors/index.ts';
import { MINUTE } from '../../clock.ts';
import type { AccountRow } from '../../../store/index.ts';

export interface LoginLockout {
  /** Failures within the window that lock the login; 0: never lock. */
  readonly attempts: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export const DEFAULT_LOGIN_LOCKOUT: LoginLockout = Object.freeze({ attempts: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE });

export type SecretKind = 'password' | 'wapi';

/** One login name of one kind of secret, as the lock knows it. */
export interface LoginKey {
  readonly kind: SecretKind;
  readonly hash: string;
}

export function loginKey(kind: SecretKind, login: string): LoginKey {
  return { kind, hash: createHash('sha256').update(normalizeLogin(login), 'utf8').digest('hex') };
}

/** How accounts are matched by e-mail: trimmed, lower case. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/**
 * The account with this e-mail (undefined: none) and the login's lock, in
 * one statement: a known and an unknown e-mail cost the same reads.
 */
export async function findLogin(ctx: FlowContext, key: LoginKey, login: string): Promise<{ account: AccountRow | undefined; lockedUntil: Date | null }> {
  const row = await ctx.db
    .selectFrom(sql<{ one: number }>`(select 1 as one)`.as('k'))
    .leftJoin('accounts', (join) => join.on((eb) => eb(eb.fn('lower', ['accounts.email']), '=', normalizeLogin(login))))
    .leftJoin('login_failures', (join) => join.on('login_failures.kind', '=', key.kind).on('login_failures.login_hash', '=', key.hash))
    .selectAll('accounts')
    .select('login_failures.locked_until')
    .executeTakeFirstOrThrow();
  const { locked_until: lockedUntil, ...account } = row;
  // Left-joined: every account column is null when no account has the e-mail.
  return { account: account.id === null ? undefined : (account as AccountRow), lockedUntil };
}

/** Refuses an attempt while the login is locked. */
export function verifyNotLocked(lockedUntil: Date | null, now: Date): void {
  if (lockedUntil !== null && lockedUntil > now) throw new LoginLocked(secondsUntil(lockedUntil, now));
}

/**
 * Counts a failed attempt, atomically with concurrent ones. The failure
 * that reaches the limit starts the lock (it is itself answered as a plain
 * failure); a failure that finds the login already locked throws
 * LoginLocked. Rows long over are pruned in the same statement.
 */
export async function recordLoginFailure(ctx: FlowContext, key: LoginKey, lockout: LoginLockout): Promise<void> {
  if (lockout.attempts === 0) return;
  const now = ctx.now;
  const windowOpened = new Date(now.getTime() - lockout.windowMs);
  const lockedUntil = new Date(now.getTime() + lockout.lockMs);
  // A row whose window started before this has neither a running window nor a running lock (a lock starts within its window).
  const longOver = new Date(now.getTime() - lockout.windowMs - lockout.lockMs);
  // An expired lock, or a window that closed: counting starts afresh.
  const afresh = sql<boolean>`(login_failures.locked_until is not null or login_failures.window_start <= ${windowOpened})`;
  const count = sql<number>`(case when ${afresh} then 1 else login_failures.failures + 1 end)`;
  const updated = await ctx.db
    .with('pruned', (db) =>
      db.deleteFrom('login_failures')
        .where('window_start', '<', longOver)
        .where((eb) => eb.or([eb('kind', '<>', key.kind), eb('login_hash', '<>', key.hash)])))
    .insertInto('login_failures')
    .values({ kind: key.kind, login_hash: key.hash, failures: 1, window_start: now, locked_until: lockout.attempts <= 1 ? lockedUntil : null })
    .onConflict((oc) => oc.columns(['kind', 'login_hash'])
      .doUpdateSet({
        failures: count,
        window_start: sql<Date>`(case when ${afresh} then ${now}::timestamptz else login_failures.window_start end)`,
        locked_until: sql<Date | null>`(case when ${count} >= ${lockout.attempts} then ${lockedUntil}::timestamptz else null end)`,
      })
      // A running lock is left as it is: no row comes back.
      .where(sql<boolean>`not coalesce(login_failures.locked_until > ${now}, false)`))
    .returning('failures')
    .executeTakeFirst();
  if (updated !== undefined) return;
  const row = await ctx.db.selectFrom('login_failures').select('locked_until').where('kind', '=', key.kind).where('login_hash', '=', key.hash).executeTakeFirst();
  throw new LoginLocked(row?.locked_until ? secondsUntil(row.locked_until, now) : Math.ceil(lockout.lockMs / 1000));
}

/**
 * After a right password: clears the count, unless a lock began while the
 * password was being checked (concurrent failures), which refuses this
 * attempt too. One statement: the delete, and a read of the row as it was.
 */
export async function clearLoginFailures(ctx: FlowContext, key: LoginKey, lockout: LoginLockout): Promise<void> {
  if (lockout.attempts === 0) return;
  const now = ctx.now;
  const row = await ctx.db
    .with('cleared', (db) =>
      db.deleteFrom('login_failures')
        .where('kind', '=', key.kind)
        .where('login_hash', '=', key.hash)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)])))
    .selectFrom('login_failures')
    .select('locked_until')
    .where('kind', '=', key.kind)
    .where('login_hash', '=', key.hash)
    .executeTakeFirst();
  verifyNotLocked(row?.locked_until ?? null, now);
}

/** A new password: the login's count and lock are gone. */
export async function forgetLoginFailures(ctx: FlowContext, key: LoginKey): Promise<void> {
  await ctx.db.deleteFrom('login_failures').where('kind', '=', key.kind).where('login_hash', '=', key.hash).execute();
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
