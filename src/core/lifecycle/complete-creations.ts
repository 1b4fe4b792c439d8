/**
 * Asynchronous creations (.cn: the registry confirms after a delay), the
 * sweeper's flows (operator or system only): once `create_completes_at` has
 * passed, the projection already shows the domain active; this closes its
 * still-processing order and tells the account. A registration that no
 * longer exists by then fails its order instead.
 */
import type { FlowContext } from '../context.ts';
import { requireOperator } from '../actors.ts';
import { setOrderStatus } from '../money/orders.ts';
import { notify } from '../flows/notifications/notify.ts';
import type { ErrorCode } from '../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

/** Domains whose creation instant has passed while their registration order is still processing. */
export async function listDueCreations(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly number[]> {
  requireOperator(ctx);
  const rows = await ctx.db
    .selectFrom('domains')
    .innerJoin('orders', 'orders.id', 'domains.order_id')
    .select('domains.id')
    .where('domains.create_completes_at', '<=', ctx.now)
    .where('orders.status', '=', 'processing')
    .where('orders.kind', '=', 'register')
    .orderBy('domains.create_completes_at')
    .orderBy('domains.id')
    .execute();
  return rows.map((r) => r.id);
}

export type CreationOutcome = 'created' | 'failed' | 'not_due';

export async function completeCreation(ctx: FlowContext, input: { readonly domainId: number }): Promise<CreationOutcome> {
  requireOperator(ctx);
  const domain = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).executeTakeFirst();
  if (!domain || domain.order_id === null || domain.create_completes_at === null || domain.create_completes_at.getTime() > ctx.now.getTime()) return 'not_due';
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', domain.order_id).where('status', '=', 'processing').forUpdate().executeTakeFirst();
  if (!order) return 'not_due';
  const gone = domain.deleted_at !== null || (domain.released_at !== null && domain.released_at.getTime() <= domain.create_completes_at.getTime());
  await setOrderStatus(ctx, order.id, gone ? 'failed' : 'completed');
  await notify(ctx, {
    accountId: domain.account_id,
    kind: gone ? 'domain.create_failed' : 'domain.created',
    domainName: domain.name,
    message: gone
      ? `Registration of ${domain.name} (order ${order.number}) did not complete: the registration no longer exists.`
      : `Domain ${domain.name} is registered (order ${order.number}); it expires on ${domain.expires_at.toISOString()}.`,
    payload: { orderNumber: order.number, expiresAt: domain.expires_at.toISOString() },
    dedupeKey: `${gone ? 'domain.create_failed' : 'domain.created'}:${domain.id}`,
  });
  return gone ? 'failed' : 'created';
}
