/**
 * What each account level allows (Dynadot API §2–3; concurrent requests per
 * the newer text of the same page: Regular 1, Bulk 5, Super bulk 25). The
 * dialects enforce these; core only states them.
 *
 * | level      | names per search | concurrent requests | reseller-only commands |
 * |------------|------------------|---------------------|------------------------|
 * | regular    | 1                | 1                   | no                     |
 * | bulk       | 100              | 5                   | no                     |
 * | super_bulk | 100              | 25                  | no                     |
 * | reseller   | 100              | 25                  | yes                    |
 *
 * Levels are ordered as listed: `requireLevel(…, 'bulk')` accepts bulk,
 * super_bulk and reseller accounts.
 */
import type { FlowContext } from '../../context.ts';
import { loadActiveAccount } from '../../actors.ts';
import { AccountLevelRequired, type ErrorCode } from '../../errors/index.ts';
import { ACCOUNT_LEVELS, normalizeLevel, type AccountLevel } from './profile-input.ts';

export interface AccountLimits {
  /** Names one availability search may carry (Dynadot search domain0–domain99). */
  readonly maxNamesPerSearch: number;
  /** Requests of the account processed at the same time (Dynadot: "one request at a time" for regular accounts). */
  readonly maxConcurrentRequests: number;
  /** True when the level may call reseller-only commands (set_customer_id, authorize_transfer_away, list_domain customer_id). */
  readonly resellerOnly: boolean;
}

const LIMITS: Readonly<Record<AccountLevel, AccountLimits>> = Object.freeze({
  regular: Object.freeze({ maxNamesPerSearch: 1, maxConcurrentRequests: 1, resellerOnly: false }),
  bulk: Object.freeze({ maxNamesPerSearch: 100, maxConcurrentRequests: 5, resellerOnly: false }),
  super_bulk: Object.freeze({ maxNamesPerSearch: 100, maxConcurrentRequests: 25, resellerOnly: false }),
  reseller: Object.freeze({ maxNamesPerSearch: 100, maxConcurrentRequests: 25, resellerOnly: true }),
});

export const requireLevelThrows = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'INVALID_VALUE', 'ACCOUNT_LEVEL_REQUIRED'] as const satisfies readonly ErrorCode[];

/** The limits of a level; an unknown level is InvalidValue. */
export function limitsFor(level: AccountLevel): AccountLimits {
  return LIMITS[normalizeLevel(level)];
}

/** Refuses (AccountLevelRequired) an account below `level`; returns the account's own level. */
export async function requireLevel(ctx: FlowContext, accountId: number, level: AccountLevel): Promise<AccountLevel> {
  const required = normalizeLevel(level);
  const account = await loadActiveAccount(ctx, accountId);
  if (ACCOUNT_LEVELS.indexOf(account.level) < ACCOUNT_LEVELS.indexOf(required)) throw new AccountLevelRequired(required);
  return account.level;
}
