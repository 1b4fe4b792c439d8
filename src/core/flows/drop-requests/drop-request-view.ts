/**
 * The read model of a drop-catch request, with its cutoff: one day before
 * the current registration of the name is projected to be released (the
 * last moment to change or cancel the request), or null when no one holds
 * the name.
 */
import type { FlowContext } from '../../context.ts';
import { DAY } from '../../clock.ts';
import { releaseInstantOf } from '../../lifecycle/project-domain.ts';
import type { DropRequestRow, DropRequestStatus } from '../../../store/index.ts';

export type DropKind = DropRequestRow['kind'];
export const DROP_KINDS: readonly DropKind[] = ['preorder', 'backorder'];

/** How long before the projected release a request stops being changeable. */
export const DROP_CUTOFF_MS = DAY;

export interface DropRequestView {
  readonly id: number;
  readonly name: string;
  readonly unicodeName: string;
  readonly kind: DropKind;
  readonly status: DropRequestStatus;
  /** The register price quoted when the request was made (held for a preorder). */
  readonly currency: string;
  readonly amountMinor: number;
  readonly failureReason: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly cutoffAt: Date | null;
  /**
   * An `auctioned` backorder: its backorder auction (opened when the request
   * became auctioned) is still `open`, or closed and this account `won` it
   * or `lost` it; null for every other request.
   */
  readonly auction: 'open' | 'won' | 'lost' | null;
}

/** Views of `rows`, each with the cutoff of its name's current registration. */
export async function toDropRequestViews(ctx: FlowContext, rows: readonly DropRequestRow[]): Promise<readonly DropRequestView[]> {
  const names = [...new Set(rows.map((r) => r.domain_name))];
  const live =
    names.length === 0
      ? []
      : await ctx.db
          .selectFrom('domains')
          .select(['name', 'tld', 'domain_type', 'created_at', 'create_completes_at', 'expires_at', 'add_grace_ends_at', 'deleted_at', 'released_at'])
          .where('name', 'in', names)
          .where('released_at', 'is', null)
          .execute();
  const cutoffs = new Map(live.map((d) => [d.name, new Date(releaseInstantOf(d, ctx.policy.get(d.tld)).getTime() - DROP_CUTOFF_MS)]));
  const auctionedNames = [...new Set(rows.filter((r) => r.status === 'auctioned').map((r) => r.domain_name))];
  const auctions =
    auctionedNames.length === 0
      ? []
      : await ctx.db
          .selectFrom('auctions')
          .select(['domain_name', 'status', 'winner_account_id', 'created_at'])
          .where('kind', '=', 'backorder')
          .where('domain_name', 'in', auctionedNames)
          .execute();
  const auctionOf = (r: DropRequestRow): DropRequestView['auction'] => {
    if (r.status !== 'auctioned') return null;
    const a = auctions.find((x) => x.domain_name === r.domain_name && x.created_at.getTime() === r.updated_at.getTime());
    if (a === undefined || a.status === 0) return 'open';
    return a.winner_account_id === r.account_id ? 'won' : 'lost';
  };
  return rows.map((r) => ({
    id: r.id,
    name: r.domain_name,
    unicodeName: r.unicode_name,
    kind: r.kind,
    status: r.status,
    currency: r.currency,
    amountMinor: r.amount_minor,
    failureReason: r.failure_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    cutoffAt: cutoffs.get(r.domain_name) ?? null,
    auction: auctionOf(r),
  }));
}
