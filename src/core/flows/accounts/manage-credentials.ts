/**
 * Rotating the API key and setting the WAPI or login password (which lifts
 * that password's login lock). Each drops the account's verified
 * credentials (credentials-cache.ts): the old secret is refused at once.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { AccountNotFound, type ErrorCode } from '../../errors/index.ts';
import { hashApiKey, hashPassword, newApiKey, sha1Hex } from '../../credentials.ts';
import { validatePassword } from './create-account.ts';
import { forgetLoginFailures, loginKey } from './login-lockout.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'INVALID_VALUE', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

/** Issues a new API key (the old one stops working at once). Returns the key; it is shown once. */
export async function rotateApiKey(ctx: FlowContext, input: { accountId?: number }): Promise<{ apiKey: string }> {
  const id = actingAccountId(ctx, input.accountId);
  const apiKey = newApiKey();
  const r = await ctx.db
    .updateTable('accounts')
    .set({ api_key_hash: hashApiKey(apiKey), api_key_hint: apiKey.slice(0, 4), updated_at: ctx.now })
    .where('id', '=', id)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw new AccountNotFound(id);
  ctx.credentials?.changedAccount(id);
  return { apiKey };
}

export async function setWapiPassword(ctx: FlowContext, input: { accountId?: number; password: string }): Promise<void> {
  const id = actingAccountId(ctx, input.accountId);
  const secret = sha1Hex(validatePassword(input.password, 'wapi_password'));
  const r = await ctx.db.updateTable('accounts').set({ wapi_secret: secret, updated_at: ctx.now }).where('id', '=', id).returning('email').executeTakeFirst();
  if (r === undefined) throw new AccountNotFound(id);
  ctx.credentials?.changedAccount(id);
  await forgetLoginFailures(ctx, loginKey('wapi', r.email));
}

export async function setPassword(ctx: FlowContext, input: { accountId?: number; password: string }): Promise<void> {
  const id = actingAccountId(ctx, input.accountId);
  const hash = await hashPassword(validatePassword(input.password, 'password'));
  const r = await ctx.db.updateTable('accounts').set({ password_hash: hash, updated_at: ctx.now }).where('id', '=', id).returning('email').executeTakeFirst();
  if (r === undefined) throw new AccountNotFound(id);
  ctx.credentials?.changedAccount(id);
  await forgetLoginFailures(ctx, loginKey('password', r.email));
}
