/**
 * A registration enters expired closeout (operator or system only): when
 * its `expired` auction ends unsold (the auction engine calls this), or
 * when the operator puts it there. Only a registration in its auto-renew
 * grace (projected `expired`) can enter; the closeout runs on the schedule
 * of closeout-schedule.ts from now until 14 days later or the end of the
 * grace, whichever comes first. A name already in a standing closeout is
 * left as it is (the call answers that closeout).
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { CloseoutNotEligible, DomainNotFound, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { normalizeCurrency } from '../../money.ts';
import { parseDomainName } from '../../names.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { CLOSEOUT_DURATION_MS } from './closeout-schedule.ts';
import { closeoutStands, toCloseoutView, type CloseoutView } from './closeout-view.ts';

export const throws = [
  'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'CLOSEOUT_NOT_ELIGIBLE', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
] as const satisfies readonly ErrorCode[];

export interface EnterCloseoutInput {
  /** The registration (its live row), by id … */
  readonly domainId?: number;
  /** … or by name. */
  readonly name?: string;
  /** The currency of the answer's prices (default USD). */
  readonly currency?: string;
}

export async function enterCloseout(ctx: FlowContext, input: EnterCloseoutInput): Promise<CloseoutView> {
  requireOperator(ctx);
  const currency = normalizeCurrency(input.currency ?? 'USD');
  let row;
  if (input.domainId !== undefined) {
    row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).where('released_at', 'is', null).forUpdate().executeTakeFirst();
    if (!row) throw new DomainNotFound(String(input.domainId));
  } else {
    if (input.name === undefined || input.name === '') throw new MissingParameter('name');
    const name = parseDomainName(input.name, ctx.policy, 'domain');
    row = await loadLiveRow(ctx, name.ascii);
    if (!row) throw new DomainNotFound(name.ascii);
  }
  const projection = projectDomainAt(row, ctx.policy.get(row.tld), ctx.now);
  if (projection.state !== 'expired' || projection.stateEndsAt === undefined) throw new CloseoutNotEligible(row.name, projection.state);

  const open = await ctx.db.selectFrom('closeouts').selectAll().where('domain_name', '=', row.name).where('status', '=', 'open').forUpdate().executeTakeFirst();
  if (open && closeoutStands(ctx, open, row)) return toCloseoutView(ctx, { closeout: open, domain: row }, currency);
  // One that no longer stands (ended, or its registration renewed since) is closed first: one open closeout per name.
  if (open) await ctx.db.updateTable('closeouts').set({ status: 'ended' }).where('id', '=', open.id).execute();
  const endsAt = new Date(Math.min(ctx.now.getTime() + CLOSEOUT_DURATION_MS, projection.stateEndsAt.getTime()));
  const closeout = await ctx.db
    .insertInto('closeouts')
    .values({
      domain_id: row.id, domain_name: row.name, unicode_name: row.unicode_name, tld: row.tld, holder_account_id: row.account_id,
      expires_at: row.expires_at, status: 'open', started_at: ctx.now, ends_at: endsAt,
      buyer_account_id: null, order_id: null, currency: null, price_minor: null, sold_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCloseoutView(ctx, { closeout, domain: row }, currency);
}
