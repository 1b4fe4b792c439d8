/**
 * Closing pushes nobody answered in time: their still-open domains stay with
 * the sender. A push none of whose domains was accepted ends as expired; one
 * already partly accepted stays accepted. The decision takes effect at the
 * expiry instant, whenever this runs.
 */
import type { FlowContext } from '../../context.ts';
import { ANSWERABLE_PUSH_STATUSES } from './push-access.ts';

/** Closes every expired open push, or only those holding one of `domainIds`. Returns how many pushes closed. */
export async function closeExpiredPushes(ctx: FlowContext, domainIds?: readonly number[]): Promise<number> {
  if (domainIds !== undefined && domainIds.length === 0) return 0;
  let q = ctx.db
    .selectFrom('pushes')
    .select(['id', 'status', 'expires_at'])
    .where('status', 'in', ANSWERABLE_PUSH_STATUSES)
    .where('decided_at', 'is', null)
    .where('expires_at', '<=', ctx.now);
  if (domainIds !== undefined) {
    q = q.where('id', 'in', (eb) => eb.selectFrom('push_domains').select('push_id').where('domain_id', 'in', domainIds).where('open', '=', true));
  }
  const expired = await q.orderBy('id').forUpdate().execute();
  for (const p of expired) {
    await ctx.db.updateTable('push_domains').set({ open: false }).where('push_id', '=', p.id).where('open', '=', true).execute();
    await ctx.db
      .updateTable('pushes')
      .set({ status: p.status === 'pending' ? 'expired' : 'accepted', decided_at: p.expires_at })
      .where('id', '=', p.id)
      .execute();
  }
  return expired.length;
}
