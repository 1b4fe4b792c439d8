/**
 * Acknowledge a notification (WAPI poll-ack): it leaves the queue. An id
 * that is unknown, already acknowledged or another account's is
 * NotificationNotFound and changes nothing.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, NotificationNotFound, type ErrorCode } from '../../errors/index.ts';
import { countWaiting } from './poll-notification.ts';
import { toNotificationView, type NotificationView } from './notification-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE', 'NOTIFICATION_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface AckNotificationInput {
  readonly accountId?: number;
  readonly id: number;
}

export interface AckNotificationResult {
  readonly notification: NotificationView;
  /** Notifications still waiting after this one. */
  readonly waiting: number;
}

export async function ackNotification(ctx: FlowContext, input: AckNotificationInput): Promise<AckNotificationResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  if (!Number.isSafeInteger(input.id) || input.id <= 0) throw new InvalidValue('id', 'a notification id is required', input.id);
  const acked = await ctx.db
    .updateTable('notifications')
    .set({ acked_at: ctx.now })
    .where('id', '=', input.id)
    .where('account_id', '=', accountId)
    .where('acked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!acked) throw new NotificationNotFound(input.id);
  return { notification: toNotificationView(acked), waiting: await countWaiting(ctx, accountId) };
}
