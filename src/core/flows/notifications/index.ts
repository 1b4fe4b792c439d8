// Notifications: the per-account queue of asynchronous results. One file per use case.
export { notify, NOTIFICATION_KINDS, isNotificationKind, type NotificationKind, type NewNotification } from './notify.ts';
export { toNotificationView, type NotificationView } from './notification-view.ts';
export { pollNotification, type PollNotificationResult } from './poll-notification.ts';
export { ackNotification, type AckNotificationInput, type AckNotificationResult } from './ack-notification.ts';
export { listNotifications, MAX_LISTED_NOTIFICATIONS, type ListNotificationsInput } from './list-notifications.ts';
export { queueTestNotification, type QueueTestNotificationInput } from './queue-test-notification.ts';
