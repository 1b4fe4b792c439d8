/**
 * The registrant reads a domain's authorization (EPP transfer) code,
 * optionally regenerating it and lifting the transfer lock at the same time.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DomainLocked, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from './domain-statuses.ts';
import { newAuthCode } from './register-domain.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS', 'DOMAIN_LOCKED',
] as const satisfies readonly ErrorCode[];

export interface GetAuthCodeInput {
  readonly accountId?: number;
  readonly name: string;
  /** Replace the code with a fresh random one before returning it. */
  readonly regenerate?: boolean;
  /** Lift the transfer lock at the same time (Dynadot unlock_domain_for_transfer). */
  readonly unlock?: boolean;
  /** Refuse a locked domain unless `unlock` lifts the lock (Dynadot: "unlock your domain before requesting the auth code"). */
  readonly requireUnlocked?: boolean;
}

export async function getAuthCode(ctx: FlowContext, input: GetAuthCodeInput): Promise<{ authCode: string }> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'reading the authorization code');
  if (input.requireUnlocked === true && owned.row.locked && input.unlock !== true) throw new DomainLocked(owned.row.name);
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
