/** The registrant sets a domain's authorization (EPP transfer) code of its own choosing. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from './domain-statuses.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'INVALID_VALUE',
] as const satisfies readonly ErrorCode[];

export async function setAuthCode(ctx: FlowContext, input: { accountId?: number; name: string; authCode: string }): Promise<{ authCode: string }> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'setting the authorization code');
  const authCode = validateAuthCode(input.authCode);
  await ctx.db.updateTable('domains').set({ auth_code: authCode, updated_at: ctx.now }).where('id', '=', owned.row.id).execute();
  return { authCode };
}

/** 6–32 printable ASCII characters without spaces, with at least one letter and one digit. */
export function validateAuthCode(input: unknown, param = 'auth_code'): string {
  // The rejected value is a secret: it is not echoed into the error details.
  if (typeof input !== 'string') throw new InvalidValue(param, 'a string is required');
  if (!/^[\x21-\x7e]{6,32}$/.test(input)) throw new InvalidValue(param, '6 to 32 printable ASCII characters without spaces are required');
  if (!/[A-Za-z]/.test(input) || !/[0-9]/.test(input)) throw new InvalidValue(param, 'at least one letter and one digit are required');
  return input;
}
