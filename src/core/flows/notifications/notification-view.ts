/** The read model of a notification, as every dialect sees it. */
import type { NotificationRow } from '../../../store/index.ts';
import type { NotificationKind } from './notify.ts';

export interface NotificationView {
  readonly id: number;
  readonly accountId: number;
  readonly kind: NotificationKind;
  readonly domainName: string | null;
  readonly message: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly ackedAt: Date | null;
}

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind as NotificationKind,
    domainName: row.domain_name,
    message: row.message,
    payload: row.payload,
    createdAt: row.created_at,
    ackedAt: row.acked_at,
  };
}
