/**
 * A reseller's hold on one of its domains (Dynadot get/set_reseller_hold_status;
 * Dynadot's REST API calls it `hold_status`, a boolean per domain). The
 * reseller marks a customer's domain as held, e.g. until the customer pays,
 * and reads the mark back. Reseller accounts only. The hold is the
 * reseller's own record: it counts while the account that set it owns the
 * domain (a push or a transfer away ends it), and it does not change how
 * the domain resolves or what its owner may do with it.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { requireLevel } from '../accounts/account-limits.ts';
import { loadOwnedDomain } from './domain-access.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'ACCOUNT_LEVEL_REQUIRED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface ResellerHoldView {
  /** The domain's ASCII name. */
  readonly name: string;
  readonly held: boolean;
  /** When the current hold was set; null when not held. */
  readonly heldAt: Date | null;
}

export interface GetResellerHoldInput {
  readonly accountId?: number;
  readonly name: string;
}

export async function getResellerHold(ctx: FlowContext, input: GetResellerHoldInput): Promise<ResellerHoldView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  await requireLevel(ctx, accountId, 'reseller');
  const owned = await loadOwnedDomain(ctx, accountId, input.name, 'domain', { lock: false });
  const hold = await ctx.db
    .selectFrom('reseller_holds')
    .select('held_at')
    .where('domain_id', '=', owned.row.id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return { name: owned.name.ascii, held: hold !== undefined, heldAt: hold?.held_at ?? null };
}

export interface SetResellerHoldInput extends GetResellerHoldInput {
  readonly held: boolean;
}

/** Sets or lifts the hold; setting an existing hold keeps its time, lifting an absent one is no change. */
export async function setResellerHold(ctx: FlowContext, input: SetResellerHoldInput): Promise<ResellerHoldView> {
  const accountId = actingAccountId(ctx, input.accountId);
  if (typeof input.held !== 'boolean') throw new InvalidValue('held', 'true or false is required', input.held);
  await loadActiveAccount(ctx, accountId);
  await requireLevel(ctx, accountId, 'reseller');
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  if (!input.held) {
    await ctx.db.deleteFrom('reseller_holds').where('domain_id', '=', owned.row.id).execute();
    return { name: owned.name.ascii, held: false, heldAt: null };
  }
  // A row left by an earlier owner is replaced; this owner's own hold keeps its time.
  const row = await ctx.db
    .insertInto('reseller_holds')
    .values({ domain_id: owned.row.id, account_id: accountId, held_at: ctx.now })
    .onConflict((oc) =>
      oc.column('domain_id').doUpdateSet({ account_id: accountId, held_at: ctx.now }).where('reseller_holds.account_id', '<>', accountId),
    )
    .returning('held_at')
    .executeTakeFirst();
  const heldAt = row?.held_at
    ?? (await ctx.db.selectFrom('reseller_holds').select('held_at').where('domain_id', '=', owned.row.id).executeTakeFirstOrThrow()).held_at;
  return { name: owned.name.ascii, held: true, heldAt };
}
