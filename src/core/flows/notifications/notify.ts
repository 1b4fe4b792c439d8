/**
 * Writing a notification: one row in the account's queue, in the caller's
 * transaction, so it exists exactly when the change it announces was
 * committed. A dedupe key makes an announcement idempotent: a repeated sweep
 * (or a retry after a crash) hits the unique key and writes nothing.
 */
import type { FlowContext } from '../../context.ts';
import type { NotificationRow } from '../../../store/index.ts';

/** Every kind of asynchronous result regd announces. */
export const NOTIFICATION_KINDS = [
  'domain.created', 'domain.create_failed', 'domain.renewed', 'domain.renew_failed',
  'domain.expired', 'domain.redemption', 'domain.released',
  'transfer.completed', 'transfer.failed', 'push.expired',
  'drop.fulfilled', 'drop.failed', 'reminder.expiry',
  // Auctions (flows/auctions): a bidder's result at the close, and the seller's sale.
  'auction.ended', 'auction.sold',
  // Backorders, listings, closeouts: a backorder auction opened for the requesters; the seller's buy_it_now sale; the former holder's closeout sale.
  'drop.auctioned', 'marketplace.sold', 'closeout.sold',
  // WEDOS ping-async: a test notification the client asked for.
  'ping.async',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NewNotification {
  readonly accountId: number;
  readonly kind: NotificationKind;
  readonly domainName?: string | null;
  readonly message: string;
  readonly payload?: Readonly<Record<string, unknown>>;
  /** Announce at most once per key (e.g. "domain.renew_failed:42:2027-01-15T10:00:00.000Z"). */
  readonly dedupeKey?: string | null;
}

/** Inserts the notification; returns it, or null when its dedupe key was already used. */
export async function notify(ctx: FlowContext, n: NewNotification): Promise<NotificationRow | null> {
  const row = await ctx.db
    .insertInto('notifications')
    .values({
      account_id: n.accountId,
      kind: n.kind,
      domain_name: n.domainName ?? null,
      message: n.message,
      payload: JSON.stringify(n.payload ?? {}),
      dedupe_key: n.dedupeKey ?? null,
      created_at: ctx.now,
      acked_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
