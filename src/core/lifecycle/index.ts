// Lifecycle flows the sweeper (src/jobs) runs, one due item per transaction. The projection itself is exported from project-domain.ts.
export { releaseInstantOf } from './project-domain.ts';
export { listDueRenewals, autoRenewDomain, recordRenewFailure, renewalDueAt, autoRenewLeadMs, AUTO_RENEW_MONTHS, NO_GRACE_RENEW_LEAD_MS, AUTO_RENEW_RETRY_MS, type DueRenewal, type AutoRenewOutcome } from './auto-renew.ts';
export { listDueReleases, releaseDomain } from './release-domains.ts';
export { listStateNotices, announceDomainState } from './state-notices.ts';
export { listDueCreations, completeCreation, type CreationOutcome } from './complete-creations.ts';
export { settleDueTransfers, type SettleDueTransfersResult } from './settle-due-transfers.ts';
export { expireDuePushes } from './expire-due-pushes.ts';
export { listDueReminders, sendExpiryReminder, reminderDue, REMINDER_DAYS, type DueReminder, type ReminderDays } from './expiry-reminders.ts';
