/**
 * Guards shared by preorders and backorders: a drop-catch request is for a
 * name someone else holds now (registered or in quarantine) and that may be
 * registered once released (not reserved or blocked), at most one pending
 * request per account, kind and name.
 */
import type { FlowContext } from '../../context.ts';
import { DomainBlocked, DomainReserved, DropNameAvailable, DropNameOwned, DropRequestExists } from '../../errors/index.ts';
import type { DomainName } from '../../names.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import { availabilityOf } from '../domains/check-availability.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import type { DropKind } from './drop-request-view.ts';

export async function verifyDroppable(ctx: FlowContext, accountId: number, name: DomainName, policy: TldPolicy): Promise<void> {
  const { availability } = await availabilityOf(ctx, name, policy);
  switch (availability) {
    case 'available':
      throw new DropNameAvailable(name.ascii);
    case 'reserved':
      throw new DomainReserved(name.ascii);
    case 'blocked':
      throw new DomainBlocked(name.ascii);
    case 'registered':
    case 'quarantined': {
      const live = await loadLiveRow(ctx, name.ascii, false);
      if (live?.account_id === accountId) throw new DropNameOwned(name.ascii);
    }
  }
}

export async function verifyNoPendingRequest(ctx: FlowContext, accountId: number, kind: DropKind, ascii: string): Promise<void> {
  const existing = await ctx.db
    .selectFrom('drop_requests')
    .select('id')
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .where('domain_name', '=', ascii)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (existing) throw new DropRequestExists(kind, ascii);
}
