/**
 * The mail outbox. regd does not speak SMTP from inside a flow: a flow that
 * must tell someone something writes one `outbox` row in its transaction, so
 * the message exists exactly when the change it announces was committed. The
 * mail service's delivery loop sends it later through the configured
 * smarthost (flows/mail/deliver-outbox.ts), recording each attempt; without
 * one it stays here for the operator (`regd outbox list`).
 */
import type { FlowContext } from './context.ts';
import type { OutboxRow, OutboxStatus } from '../store/index.ts';

/** What a message is about; dialects and the delivery job may route on it. */
export type MailKind = 'transfer_requested' | 'auth_code' | 'expiry_reminder';

export interface NewMail {
  /** The account the message concerns (null for operator notices). */
  readonly accountId: number | null;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly kind: MailKind;
}

export interface OutboxItem {
  readonly id: number;
  readonly accountId: number | null;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly kind: string;
  readonly createdAt: Date;
  /** Delivery: pending (not yet sent, or waiting for a retry), sent, or failed (given up after the last retry). */
  readonly status: OutboxStatus;
  /** Delivery attempts made so far. */
  readonly attempts: number;
  readonly lastError: string | null;
  readonly lastAttemptAt: Date | null;
  /** When a pending message is tried next (null: at the first chance). */
  readonly nextAttemptAt: Date | null;
  readonly deliveredAt: Date | null;
}

export async function enqueueMail(ctx: FlowContext, mail: NewMail): Promise<OutboxItem> {
  const row = await ctx.db
    .insertInto('outbox')
    .values({ account_id: mail.accountId, to_address: mail.to, subject: mail.subject, body: mail.body, kind: mail.kind, created_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOutboxItem(row);
}

export function toOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    accountId: row.account_id,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    kind: row.kind,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
  };
}
