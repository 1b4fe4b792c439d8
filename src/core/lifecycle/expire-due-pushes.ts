/**
 * Expiry of unanswered pushes (operator or system only): runs the pushes'
 * own expirePushes flow and tells sender and receiver of every push it
 * closed, in the same transaction.
 */
import type { FlowContext } from '../context.ts';
import { requireOperator } from '../actors.ts';
import { expirePushes } from '../flows/pushes/expire-pushes.ts';
import { ANSWERABLE_PUSH_STATUSES } from '../flows/pushes/push-access.ts';
import { notify } from '../flows/notifications/notify.ts';
import type { ErrorCode } from '../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export async function expireDuePushes(ctx: FlowContext, _input: Record<string, never> = {}): Promise<{ readonly expired: number }> {
  requireOperator(ctx);
  const due = await ctx.db
    .selectFrom('pushes')
    .selectAll()
    .where('status', 'in', ANSWERABLE_PUSH_STATUSES)
    .where('decided_at', 'is', null)
    .where('expires_at', '<=', ctx.now)
    .orderBy('id')
    .forUpdate()
    .execute();
  if (due.length === 0) return { expired: 0 };
  const { expired } = await expirePushes(ctx, {});
  const open = await ctx.db
    .selectFrom('push_domains')
    .select(['push_id', 'domain_name'])
    .where('push_id', 'in', due.map((p) => p.id))
    .orderBy('domain_name')
    .execute();
  for (const p of due) {
    const names = open.filter((d) => d.push_id === p.id).map((d) => d.domain_name);
    for (const accountId of [p.sender_account_id, p.receiver_account_id]) {
      await notify(ctx, {
        accountId,
        kind: 'push.expired',
        domainName: names.length === 1 ? names[0]! : null,
        message: `Push #${p.id} (${names.join(', ')}) was not answered by ${p.expires_at.toISOString()}; unanswered domains stay with the sender.`,
        payload: { pushId: p.id, domains: names, expiresAt: p.expires_at.toISOString() },
        dedupeKey: `push.expired:${p.id}:${accountId}`,
      });
    }
  }
  return { expired };
}
