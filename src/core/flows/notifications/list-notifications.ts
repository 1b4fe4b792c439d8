/** The account's notifications, acknowledged or not, oldest first, optionally since an instant and of one kind. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { NOTIFICATION_KINDS, isNotificationKind, type NotificationKind } from './notify.ts';
import { toNotificationView, type NotificationView } from './notification-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

/** A status query answers at most this many; a client pages with `since`. */
export const MAX_LISTED_NOTIFICATIONS = 1000;

export interface ListNotificationsInput {
  readonly accountId?: number;
  /** Only notifications created at or after this instant. */
  readonly since?: Date;
  readonly kind?: NotificationKind;
}

export async function listNotifications(ctx: FlowContext, input: ListNotificationsInput = {}): Promise<readonly NotificationView[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  if (input.since !== undefined && !(input.since instanceof Date && Number.isFinite(input.since.getTime()))) {
    throw new InvalidValue('since', 'an instant is required', String(input.since));
  }
  if (input.kind !== undefined && !isNotificationKind(input.kind)) {
    throw new InvalidValue('kind', `one of ${NOTIFICATION_KINDS.join(', ')} is required`, input.kind);
  }
  let q = ctx.db.selectFrom('notifications').selectAll().where('account_id', '=', accountId);
  if (input.since !== undefined) q = q.where('created_at', '>=', input.since);
  if (input.kind !== undefined) q = q.where('kind', '=', input.kind);
  const rows = await q.orderBy('id').limit(MAX_LISTED_NOTIFICATIONS).execute();
  return rows.map(toNotificationView);
}
