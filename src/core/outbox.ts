/**
 * The mail outbox. regd does not speak SMTP from inside a flow: a flow that
 * must tell someone something writes one `outbox` row in its transaction, so
 * the message exists exactly when the change it announces was committed. A
 * delivery job (or the operator, reading the outbox) sends it later.
 */
import type { FlowContext } from './context.ts';
import type { OutboxRow } from '../store/index.ts';

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
  };
}
