/**
 * The sweeper's half of drop-catching (operator or system only). When a
 * name with pending requests is free again, its requests are served oldest
 * first (created_at, id): the first one that can register the name wins.
 *
 * Each attempt is one transaction: `fulfilDropRequest` releases the hold and
 * registers the name for the requester (through registerDomain, acting as
 * that account, consenting to the price quoted at request time). When it
 * throws, that transaction rolls back whole and `failDropRequest` records
 * the failure in a transaction of its own, so the next in line can try.
 */
import type { FlowContext } from '../../context.ts';
import { accountActor } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { release } from '../../money/ledger.ts';
import { setOrderStatus } from '../../money/orders.ts';
import type { DropRequestRow } from '../../../store/index.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { notify } from '../notifications/notify.ts';
import { closeDropRequest } from './close-drop-request.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

/** Names with pending requests that no live registration holds, the longest-waiting first. */
export async function listCatchableNames(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly string[]> {
  requireOperator(ctx);
  const rows = await ctx.db
    .selectFrom('drop_requests as r')
    .select('r.domain_name')
    .select((eb) => eb.fn.min('r.created_at').as('first_at'))
    .where('r.status', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('domains as d').select('d.id').whereRef('d.name', '=', 'r.domain_name').where('d.released_at', 'is', null))),
    )
    .groupBy('r.domain_name')
    .orderBy('first_at')
    .orderBy('r.domain_name')
    .execute();
  return rows.map((r) => r.domain_name);
}

/** The id of the oldest pending request for a name, or null. */
export async function nextDropRequest(ctx: FlowContext, input: { readonly name: string }): Promise<number | null> {
  requireOperator(ctx);
  const row = await ctx.db
    .selectFrom('drop_requests')
    .select('id')
    .where('domain_name', '=', input.name)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export type FulfilOutcome =
  | { readonly outcome: 'fulfilled'; readonly domainId: number; readonly orderNumber: string }
  /** Already decided (a retry after a crash, or a second sweeper). */
  | { readonly outcome: 'not_pending' }
  /** Someone holds the name again; the request keeps waiting. */
  | { readonly outcome: 'name_held' };

export async function fulfilDropRequest(ctx: FlowContext, input: { readonly requestId: number }): Promise<FulfilOutcome> {
  requireOperator(ctx);
  const req = await loadPending(ctx, input.requestId);
  if (!req) return { outcome: 'not_pending' };
  const live = await loadLiveRow(ctx, req.domain_name);
  if (live && projectDomainAt(live, ctx.policy.get(live.tld), ctx.now).state !== 'released') return { outcome: 'name_held' };

  const held = req.hold_id !== null ? await release(ctx, req.hold_id, `${req.kind} ${req.domain_name} fulfilled`) : null;
  const registered = await registerDomain(
    { ...ctx, actor: accountActor(req.account_id) },
    { name: req.domain_name, currency: req.currency, acceptPremium: req.amount_minor },
  );
  if (held?.order_id != null) await setOrderStatus(ctx, held.order_id, 'completed');
  await ctx.db
    .updateTable('drop_requests')
    .set({ status: 'fulfilled', domain_id: registered.domain.id, updated_at: ctx.now })
    .where('id', '=', req.id)
    .execute();
  await cancelOwnOtherRequests(ctx, req);
  await notify(ctx, {
    accountId: req.account_id,
    kind: 'drop.fulfilled',
    domainName: req.domain_name,
    message: `Your ${req.kind} for ${req.domain_name} succeeded: the domain is now registered in your account (order ${registered.orderNumber}).`,
    payload: { requestId: req.id, requestKind: req.kind, orderNumber: registered.orderNumber, expiresAt: registered.domain.expiresAt.toISOString() },
    dedupeKey: `drop.fulfilled:${req.id}`,
  });
  return { outcome: 'fulfilled', domainId: registered.domain.id, orderNumber: registered.orderNumber };
}

/** Records a failed attempt: the hold is released, the order failed, the requester told. Returns false when the request was no longer pending. */
export async function failDropRequest(ctx: FlowContext, input: { readonly requestId: number; readonly reason: string }): Promise<boolean> {
  requireOperator(ctx);
  const req = await loadPending(ctx, input.requestId);
  if (!req) return false;
  await closeDropRequest(ctx, req, 'failed', input.reason);
  await notify(ctx, {
    accountId: req.account_id,
    kind: 'drop.failed',
    domainName: req.domain_name,
    message: `Your ${req.kind} for ${req.domain_name} failed: ${input.reason}`,
    payload: { requestId: req.id, requestKind: req.kind, reason: input.reason },
    dedupeKey: `drop.failed:${req.id}`,
  });
  return true;
}

async function loadPending(ctx: FlowContext, id: number): Promise<DropRequestRow | undefined> {
  return ctx.db.selectFrom('drop_requests').selectAll().where('id', '=', id).where('status', '=', 'pending').forUpdate().executeTakeFirst();
}

/** The winner's request of the other kind for the same name has nothing left to wait for. */
async function cancelOwnOtherRequests(ctx: FlowContext, won: DropRequestRow): Promise<void> {
  const others = await ctx.db
    .selectFrom('drop_requests')
    .selectAll()
    .where('account_id', '=', won.account_id)
    .where('domain_name', '=', won.domain_name)
    .where('status', '=', 'pending')
    .forUpdate()
    .execute();
  for (const other of others) await closeDropRequest(ctx, other, 'cancelled', `fulfilled by ${won.kind} #${won.id}`);
}
