/**
 * Finding open pushes. A push_domains row is open while its push waits for
 * an answer; a push past its expiry is treated as closed at once, whether or
 * not the sweeper (expirePushes) has persisted that yet.
 */
import type { FlowContext } from '../../context.ts';

/** Push statuses under which still-open domains can be answered (accepted = some of its domains already were). */
export const ANSWERABLE_PUSH_STATUSES = ['pending', 'accepted'] as const;

/** The unexpired open push holding this domain, if any. */
export async function openPushOf(ctx: FlowContext, domainId: number): Promise<{ pushId: number } | undefined> {
  const row = await ctx.db
    .selectFrom('push_domains as pd')
    .innerJoin('pushes as p', 'p.id', 'pd.push_id')
    .select('p.id')
    .where('pd.domain_id', '=', domainId)
    .where('pd.open', '=', true)
    .where('p.expires_at', '>', ctx.now)
    .executeTakeFirst();
  return row ? { pushId: row.id } : undefined;
}
