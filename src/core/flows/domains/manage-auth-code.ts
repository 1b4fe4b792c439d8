/**
 * The authorization (EPP transfer) code of a domain: the registrant reads it
 * (optionally regenerating it and lifting the transfer lock), sets its own,
 * and the gaining side of a transfer proves knowledge of it.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { AuthCodeMismatch, DomainNotFound, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { constantTimeEqual } from '../../credentials.ts';
import { parseDomainName } from '../../names.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { loadLiveRow, loadOwnedDomain } from './domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from './domain-statuses.ts';
import { newAuthCode } from './register-domain.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'INVALID_VALUE', 'AUTH_CODE_MISMATCH',
] as const satisfies readonly ErrorCode[];

export interface GetAuthCodeInput {
  readonly accountId?: number;
  readonly name: string;
  /** Replace the code with a fresh random one before returning it. */
  readonly regenerate?: boolean;
  /** Lift the transfer lock at the same time (Dynadot unlock_domain_for_transfer). */
  readonly unlock?: boolean;
}

export async function getAuthCode(ctx: FlowContext, input: GetAuthCodeInput): Promise<{ authCode: string }> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'reading the authorization code');
  const authCode = input.regenerate === true ? newAuthCode() : owned.row.auth_code;
  const unlock = input.unlock === true && owned.row.locked;
  if (authCode !== owned.row.auth_code || unlock) {
    await ctx.db
      .updateTable('domains')
      .set({ auth_code: authCode, ...(unlock ? { locked: false } : {}), updated_at: ctx.now })
      .where('id', '=', owned.row.id)
      .execute();
  }
  return { authCode };
}

export async function setAuthCode(ctx: FlowContext, input: { accountId?: number; name: string; authCode: string }): Promise<{ authCode: string }> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'setting the authorization code');
  const authCode = validateAuthCode(input.authCode);
  await ctx.db.updateTable('domains').set({ auth_code: authCode, updated_at: ctx.now }).where('id', '=', owned.row.id).execute();
  return { authCode };
}

/**
 * Checks a code against the live registration of a name, whoever holds it
 * (the caller is typically the gaining registrant of a transfer). A missing
 * or released name is DomainNotFound; a wrong code is AuthCodeMismatch.
 */
export async function verifyAuthCode(ctx: FlowContext, input: { name: string; authCode: string }): Promise<{ name: string; holderAccountId: number }> {
  const name = parseDomainName(input.name, ctx.policy);
  const row = await loadLiveRow(ctx, name.ascii);
  if (!row || projectDomainAt(row, ctx.policy.get(row.tld), ctx.now).state === 'released') throw new DomainNotFound(name.ascii);
  if (typeof input.authCode !== 'string' || !constantTimeEqual(input.authCode, row.auth_code)) throw new AuthCodeMismatch(name.ascii);
  return { name: name.ascii, holderAccountId: row.account_id };
}

/** 6–32 printable ASCII characters without spaces, with at least one letter and one digit. */
export function validateAuthCode(input: unknown, param = 'auth_code'): string {
  // The rejected value is a secret: it is not echoed into the error details.
  if (typeof input !== 'string') throw new InvalidValue(param, 'a string is required');
  if (!/^[\x21-\x7e]{6,32}$/.test(input)) throw new InvalidValue(param, '6 to 32 printable ASCII characters without spaces are required');
  if (!/[A-Za-z]/.test(input) || !/[0-9]/.test(input)) throw new InvalidValue(param, 'at least one letter and one digit are required');
  return input;
}
