/**
 * The three ways a dialect identifies its caller: e-mail + password
 * (KifDom login, Freenom), API key (Dynadot), WAPI hour hash (WEDOS).
 * Every failure is the same InvalidCredentials; a suspended account is
 * refused after its credentials were verified.
 */
import type { FlowContext } from '../../context.ts';
import { AccountSuspended, InvalidCredentials, type ErrorCode } from '../../errors/index.ts';
import { constantTimeEqual, hashApiKey, sha1Hex, verifyPassword } from '../../credentials.ts';
import type { AccountRow } from '../../../store/index.ts';
import { toAccountView, type AccountView } from './account-view.ts';

export const throws = ['INVALID_CREDENTIALS', 'ACCOUNT_SUSPENDED'] as const satisfies readonly ErrorCode[];

function active(row: AccountRow): AccountView {
  if (row.status !== 'active') throw new AccountSuspended();
  return toAccountView(row);
}

export async function authenticateByPassword(ctx: FlowContext, input: { email: string; password: string }): Promise<AccountView> {
  if (typeof input.email !== 'string' || typeof input.password !== 'string') throw new InvalidCredentials();
  const row = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.trim().toLowerCase()))
    .executeTakeFirst();
  if (!row || !(await verifyPassword(input.password, row.password_hash))) throw new InvalidCredentials();
  return active(row);
}

export async function authenticateByApiKey(ctx: FlowContext, input: { key: string }): Promise<AccountView> {
  if (typeof input.key !== 'string' || input.key === '') throw new InvalidCredentials();
  const row = await ctx.db.selectFrom('accounts').selectAll().where('api_key_hash', '=', hashApiKey(input.key)).executeTakeFirst();
  if (!row) throw new InvalidCredentials();
  return active(row);
}

/**
 * WAPI: auth = sha1(login + sha1(wapi_password) + HH). The dialect passes
 * the hours it accepts (the current Europe/Prague hour, optionally the
 * previous one); any match authenticates.
 */
export async function authenticateByWapiHash(
  ctx: FlowContext,
  input: { login: string; auth: string; hours: readonly string[] },
): Promise<AccountView> {
  if (typeof input.login !== 'string' || typeof input.auth !== 'string') throw new InvalidCredentials();
  const row = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.login.trim().toLowerCase()))
    .executeTakeFirst();
  if (!row || row.wapi_secret === null) throw new InvalidCredentials();
  const given = input.auth.trim().toLowerCase();
  const ok = input.hours.some((hh) => constantTimeEqual(sha1Hex(input.login.trim() + row.wapi_secret + hh), given));
  if (!ok) throw new InvalidCredentials();
  return active(row);
}
