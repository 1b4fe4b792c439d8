/**
 * Persisting releases (operator or system only): a registration the
 * projection already calls released gets its `released_at` stored — the
 * projected release instant, not the sweep's — which frees the name's live
 * unique key for a new registration. The account is told once.
 */
import type { FlowContext } from '../context.ts';
import { requireOperator } from '../actors.ts';
import { notify } from '../flows/notifications/notify.ts';
import { projectDomainAt, releaseInstantOf } from './project-domain.ts';
import type { ErrorCode } from '../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

/** Ids of live rows that the projection calls released at now, earliest release first. */
export async function listDueReleases(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly number[]> {
  requireOperator(ctx);
  const rows = await ctx.db
    .selectFrom('domains')
    .selectAll()
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('deleted_at', 'is not', null), eb('expires_at', '<=', ctx.now)]))
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => projectDomainAt(r, ctx.policy.get(r.tld), ctx.now).state === 'released')
    .map((r) => ({ id: r.id, at: releaseInstantOf(r, ctx.policy.get(r.tld)).getTime() }))
    .sort((a, b) => a.at - b.at || a.id - b.id)
    .map((r) => r.id);
}

/** Returns true when this call stored the release. */
export async function releaseDomain(ctx: FlowContext, input: { readonly domainId: number }): Promise<boolean> {
  requireOperator(ctx);
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).where('released_at', 'is', null).forUpdate().executeTakeFirst();
  if (!row) return false;
  const policy = ctx.policy.get(row.tld);
  if (projectDomainAt(row, policy, ctx.now).state !== 'released') return false;
  const releasedAt = releaseInstantOf(row, policy);
  await ctx.db.updateTable('domains').set({ released_at: releasedAt, auto_renew_retry_at: null, updated_at: ctx.now }).where('id', '=', row.id).execute();
  await notify(ctx, {
    accountId: row.account_id,
    kind: 'domain.released',
    domainName: row.name,
    message: row.domain_type === 'FREE' && row.deleted_at === null
      ? `Free domain ${row.name} was cancelled at its expiry on ${releasedAt.toISOString()}; the name is available again.`
      : `Domain ${row.name} was released on ${releasedAt.toISOString()}; the name is available again.`,
    payload: { releasedAt: releasedAt.toISOString(), expiresAt: row.expires_at.toISOString() },
    dedupeKey: `domain.released:${row.id}`,
  });
  return true;
}
