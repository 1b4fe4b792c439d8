/**
 * The lifecycle's hook into auctions (not a flow): a registration that is
 * renewed or restored by its holder ends its open `expired` auction with
 * status 3 (closed by renewal); one that changes hands by a transfer or a
 * push (handOverDomain) ends any open auction of it with status 5 (closed
 * by transfer away); one its holder deletes ends any open auction of it
 * with status 1 (closed by the user). Every proxy hold is released;
 * nobody is charged.
 * Called inside the renewing or handing-over transaction.
 */
import type { FlowContext } from '../../context.ts';
import { endUnsold } from './auction-rows.ts';

const ENDINGS = {
  renewal: { status: 3, note: 'renewed by its holder' },
  transfer: { status: 5, note: 'the domain changed hands' },
  deletion: { status: 1, note: 'the holder deleted the domain' },
} as const;

export async function endDomainAuctions(ctx: FlowContext, domainId: number, reason: keyof typeof ENDINGS): Promise<number> {
  let q = ctx.db.selectFrom('auctions').selectAll().where('domain_id', '=', domainId).where('status', '=', 0);
  if (reason === 'renewal') q = q.where('kind', '=', 'expired');
  const open = await q.forUpdate().execute();
  for (const a of open) {
    await endUnsold(ctx, a, ENDINGS[reason].status, ENDINGS[reason].note);
  }
  return open.length;
}
