/**
 * Expiry reminders (operator or system only): 30 and 7 days before a
 * registration expires, a mail to the account's address (outbox) and a
 * notification, exactly once per (domain, expiry, days) through the
 * notification's dedupe key. When the clock jumps past the 30-day mark
 * straight into the last week, only the 7-day reminder goes out.
 */
import type { FlowContext } from '../context.ts';
import { requireOperator } from '../actors.ts';
import { DAY } from '../clock.ts';
import type { DomainRow } from '../../store/index.ts';
import { enqueueMail } from '../outbox.ts';
import { notify } from '../flows/notifications/notify.ts';
import { projectDomainAt } from './project-domain.ts';
import type { ErrorCode } from '../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

/** Days before expiry a reminder goes out, largest first. */
export const REMINDER_DAYS = [30, 7] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

/** The reminder due for a registration at `now`: the smallest mark it has passed, or null. */
export function reminderDue(expiresAt: Date, now: Date): ReminderDays | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  let due: ReminderDays | null = null;
  for (const d of REMINDER_DAYS) if (left <= d * DAY) due = d;
  return due;
}

const reminderKey = (row: Pick<DomainRow, 'id' | 'expires_at'>, days: number) => `reminder.expiry:${row.id}:${row.expires_at.toISOString()}:${days}`;

export interface DueReminder {
  readonly domainId: number;
  readonly days: ReminderDays;
}

/** Active registrations inside a reminder mark whose reminder was not sent yet. */
export async function listDueReminders(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly DueReminder[]> {
  requireOperator(ctx);
  const rows = await ctx.db
    .selectFrom('domains')
    .selectAll()
    .where('released_at', 'is', null)
    .where('deleted_at', 'is', null)
    .where('expires_at', '>', ctx.now)
    .where('expires_at', '<=', new Date(ctx.now.getTime() + REMINDER_DAYS[0] * DAY))
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  const due = rows.flatMap((r) => {
    const days = reminderDue(r.expires_at, ctx.now);
    if (days === null || projectDomainAt(r, ctx.policy.get(r.tld), ctx.now).state !== 'active') return [];
    return [{ domainId: r.id, days, key: reminderKey(r, days) }];
  });
  if (due.length === 0) return [];
  const sent = await ctx.db.selectFrom('notifications').select('dedupe_key').where('dedupe_key', 'in', due.map((d) => d.key)).execute();
  const sentKeys = new Set(sent.map((s) => s.dedupe_key));
  return due.filter((d) => !sentKeys.has(d.key)).map(({ domainId, days }) => ({ domainId, days }));
}

/** Returns true when this call sent the reminder. */
export async function sendExpiryReminder(ctx: FlowContext, input: DueReminder): Promise<boolean> {
  requireOperator(ctx);
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).where('released_at', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || reminderDue(row.expires_at, ctx.now) !== input.days) return false;
  if (projectDomainAt(row, ctx.policy.get(row.tld), ctx.now).state !== 'active') return false;
  const account = await ctx.db.selectFrom('accounts').select(['email']).where('id', '=', row.account_id).executeTakeFirstOrThrow();
  const what = reminderText(row, input.days);
  const written = await notify(ctx, {
    accountId: row.account_id,
    kind: 'reminder.expiry',
    domainName: row.name,
    message: what.subject,
    payload: { days: input.days, expiresAt: row.expires_at.toISOString(), autoRenew: row.auto_renew },
    dedupeKey: reminderKey(row, input.days),
  });
  if (!written) return false;
  await enqueueMail(ctx, { accountId: row.account_id, to: account.email, subject: what.subject, body: what.body, kind: 'expiry_reminder' });
  return true;
}

function reminderText(row: DomainRow, days: ReminderDays): { subject: string; body: string } {
  const when = row.expires_at.toISOString();
  const subject = `Domain ${row.unicode_name} expires in ${days} days`;
  const action = row.domain_type === 'FREE'
    ? 'It is a free registration: renew it before then, or it is cancelled at expiry.'
    : row.auto_renew
      ? 'Auto-renew is on: it will be renewed from your account balance, so please make sure the balance covers the renewal.'
      : 'Auto-renew is off: renew it before then to keep it.';
  return { subject, body: `Your domain ${row.unicode_name} expires on ${when}.\n\n${action}\n` };
}
