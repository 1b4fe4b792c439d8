/**
 * The oldest unacknowledged notification of the account and how many are
 * waiting (WAPI poll-req): polling does not remove it; ackNotification does.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { toNotificationView, type NotificationView } from './notification-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface PollNotificationResult {
  /** The oldest waiting notification, or null when the queue is empty. */
  readonly notification: NotificationView | null;
  /** Unacknowledged notifications, this one included. */
  readonly waiting: number;
}

export async function pollNotification(ctx: FlowContext, input: { readonly accountId?: number } = {}): Promise<PollNotificationResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const oldest = await ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('acked_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return { notification: oldest ? toNotificationView(oldest) : null, waiting: await countWaiting(ctx, accountId) };
}

export async function countWaiting(ctx: FlowContext, accountId: number): Promise<number> {
  const { n } = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('acked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}
