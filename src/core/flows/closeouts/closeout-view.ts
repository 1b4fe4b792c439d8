/**
 * The read model of expired closeouts: an open closeout counts while it has
 * not ended and its registration is still the one that entered (same row,
 * same holder, same expiry: a renewal by the holder ends it) and still in
 * its auto-renew grace.
 */
import type { FlowContext } from '../../context.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import type { CloseoutRow, DomainRow } from '../../../store/index.ts';
import { closeoutPriceAt } from './closeout-schedule.ts';

export interface CloseoutView {
  readonly id: number;
  readonly name: string;
  readonly unicodeName: string;
  readonly isIdn: boolean;
  readonly currency: string;
  readonly currentPriceMinor: number;
  readonly renewalPriceMinor: number;
  readonly startedAt: Date;
  readonly endsAt: Date;
}

export interface LiveCloseout {
  readonly closeout: CloseoutRow;
  readonly domain: DomainRow;
}

/** Whether an open closeout still stands at ctx.now. */
export function closeoutStands(ctx: FlowContext, c: CloseoutRow, d: DomainRow | undefined): d is DomainRow {
  if (c.status !== 'open' || ctx.now.getTime() >= c.ends_at.getTime()) return false;
  if (d === undefined || d.id !== c.domain_id || d.released_at !== null) return false;
  if (d.account_id !== c.holder_account_id || d.expires_at.getTime() !== c.expires_at.getTime()) return false;
  return projectDomainAt(d, ctx.policy.get(d.tld), ctx.now).state === 'expired';
}

/** Standing closeouts, by name; one name only when given. */
export async function standingCloseouts(ctx: FlowContext, name?: string, forUpdate = false): Promise<readonly LiveCloseout[]> {
  let q = ctx.db.selectFrom('closeouts').selectAll().where('status', '=', 'open').where('ends_at', '>', ctx.now);
  if (name !== undefined) q = q.where('domain_name', '=', name);
  const rows = await (forUpdate ? q.forUpdate() : q).orderBy('domain_name').execute();
  if (rows.length === 0) return [];
  const domains = await ctx.db.selectFrom('domains').selectAll().where('id', 'in', rows.map((r) => r.domain_id)).execute();
  const byId = new Map(domains.map((d) => [d.id, d]));
  const out: LiveCloseout[] = [];
  for (const c of rows) {
    const d = byId.get(c.domain_id);
    if (closeoutStands(ctx, c, d)) out.push({ closeout: c, domain: d });
  }
  return out;
}

export function toCloseoutView(ctx: FlowContext, live: LiveCloseout, currency: string): CloseoutView {
  const { closeout: c } = live;
  const price = closeoutPriceAt(ctx.policy.get(c.tld), c.domain_name, currency, c.started_at, ctx.now);
  return {
    id: c.id,
    name: c.domain_name,
    unicodeName: c.unicode_name,
    isIdn: c.domain_name.split('.').some((l) => l.startsWith('xn--')),
    currency,
    currentPriceMinor: price.currentMinor,
    renewalPriceMinor: price.renewalMinor,
    startedAt: c.started_at,
    endsAt: c.ends_at,
  };
}
