/**
 * Telling an account its registration left the active state (operator or
 * system only): once when it expires (auto-renew grace) and once when it
 * enters redemption, which also covers pending delete. Only the state at
 * the sweep is announced: a clock that jumped past several states does not
 * announce the ones in between.
 */
import type { FlowContext } from '../context.ts';
import { requireOperator } from '../actors.ts';
import type { DomainRow } from '../../store/index.ts';
import { notify, type NotificationKind } from '../flows/notifications/notify.ts';
import { projectDomainAt, type Projection } from './project-domain.ts';
import type { ErrorCode } from '../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

interface Notice {
  readonly kind: NotificationKind;
  readonly dedupeKey: string;
  readonly message: string;
}

function noticeOf(row: DomainRow, p: Projection): Notice | null {
  if (p.state === 'expired') {
    return {
      kind: 'domain.expired',
      dedupeKey: `domain.expired:${row.id}:${row.expires_at.toISOString()}`,
      message: `Domain ${row.name} expired on ${row.expires_at.toISOString()}; renew it before ${p.stateEndsAt!.toISOString()} to keep it.`,
    };
  }
  if (p.state === 'redemption' || p.state === 'pending_delete') {
    const since = row.deleted_at ?? row.expires_at;
    return {
      kind: 'domain.redemption',
      dedupeKey: `domain.redemption:${row.id}:${since.toISOString()}`,
      message: p.state === 'redemption'
        ? `Domain ${row.name} is in redemption; it can be restored until ${p.redemptionEndsAt!.toISOString()} and is released on ${p.releasesAt!.toISOString()}.`
        : `Domain ${row.name} is pending deletion and is released on ${p.releasesAt!.toISOString()}.`,
    };
  }
  return null;
}

/** Ids of registrations with a state change not announced yet. */
export async function listStateNotices(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly number[]> {
  requireOperator(ctx);
  const rows = await ctx.db
    .selectFrom('domains')
    .selectAll()
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('deleted_at', 'is not', null), eb('expires_at', '<=', ctx.now)]))
    .orderBy('id')
    .execute();
  const pending = rows.flatMap((r) => {
    const n = noticeOf(r, projectDomainAt(r, ctx.policy.get(r.tld), ctx.now));
    return n ? [{ id: r.id, key: n.dedupeKey }] : [];
  });
  if (pending.length === 0) return [];
  const sent = await ctx.db.selectFrom('notifications').select('dedupe_key').where('dedupe_key', 'in', pending.map((p) => p.key)).execute();
  const sentKeys = new Set(sent.map((s) => s.dedupe_key));
  return pending.filter((p) => !sentKeys.has(p.key)).map((p) => p.id);
}

/** Returns true when a notice was written. */
export async function announceDomainState(ctx: FlowContext, input: { readonly domainId: number }): Promise<boolean> {
  requireOperator(ctx);
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).where('released_at', 'is', null).executeTakeFirst();
  if (!row) return false;
  const n = noticeOf(row, projectDomainAt(row, ctx.policy.get(row.tld), ctx.now));
  if (!n) return false;
  const written = await notify(ctx, { accountId: row.account_id, kind: n.kind, domainName: row.name, message: n.message, dedupeKey: n.dedupeKey });
  return written !== null;
}
