/**
 * The read model of marketplace listings. A listing counts while its lister
 * still holds the domain, has not let it go since (a transfer or push away
 * and back ends it), and the registration is active; it is locked by a
 * pending sale (Dynadot `PendingSaleLocked`) while the domain is about to
 * change hands another way: a transfer in progress or an open push.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { YEAR_MS } from './marketplace-rules.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';

export interface ListingView {
  readonly id: number;
  readonly name: string;
  readonly unicodeName: string;
  readonly sellerAccountId: number;
  readonly currency: string;
  readonly priceMinor: number;
  /** Whole years since the domain was registered. */
  readonly ageYears: number;
  readonly pendingSaleLocked: boolean;
  readonly afternicAction: 'confirm_afternic' | 'delete_from_afternic' | null;
  readonly sedoAction: 'confirm_sedo' | 'delete_from_sedo' | null;
  readonly listedAt: Date;
}

export interface ListingQuery {
  /** One name (A-label); absent: every listing. */
  readonly name?: string;
  /** Only listings priced in this currency. */
  readonly currency?: string;
  /** Lock the listing rows (a purchase). */
  readonly forUpdate?: boolean;
}

/** Active listings whose lister still holds an active registration, by listing id. */
export async function queryListings(ctx: FlowContext, q: ListingQuery): Promise<readonly ListingView[]> {
  let query = ctx.db
    .selectFrom('marketplace_listings as l')
    .innerJoin('domains as d', (j) => j.onRef('d.id', '=', 'l.domain_id').onRef('d.account_id', '=', 'l.account_id'))
    .select([
      'l.id', 'l.account_id', 'l.currency', 'l.price_minor', 'l.afternic_action', 'l.sedo_action', 'l.created_at as listed_at',
      'd.name', 'd.unicode_name', 'd.tld', 'd.domain_type', 'd.created_at', 'd.create_completes_at', 'd.expires_at',
      'd.add_grace_ends_at', 'd.deleted_at', 'd.released_at',
    ])
    .select(sql<boolean>`exists (select 1 from transfers t where t.domain_id = d.id and t.status = 'pending')
      or exists (select 1 from push_domains pd join pushes p on p.id = pd.push_id
                 where pd.domain_id = d.id and pd.open and p.status in ('pending', 'accepted') and p.expires_at > ${ctx.now})`.as('locked'))
    .where('l.status', '=', 'active')
    .where('d.released_at', 'is', null)
    // A domain that changed hands after it was listed (and came back) is not listed any more.
    .where((eb) => eb.or([eb('d.transferred_at', 'is', null), eb('d.transferred_at', '<=', eb.ref('l.updated_at'))]));
  if (q.name !== undefined) query = query.where('d.name', '=', q.name);
  if (q.currency !== undefined) query = query.where('l.currency', '=', q.currency);
  const rows = await (q.forUpdate === true ? query.forUpdate('l') : query).orderBy('l.id').execute();
  return rows
    .filter((r) => projectDomainAt(r, ctx.policy.get(r.tld), ctx.now).state === 'active')
    .map((r) => ({
      id: r.id,
      name: r.name,
      unicodeName: r.unicode_name,
      sellerAccountId: r.account_id,
      currency: r.currency,
      priceMinor: r.price_minor,
      ageYears: Math.max(0, Math.floor((ctx.now.getTime() - r.created_at.getTime()) / YEAR_MS)),
      pendingSaleLocked: r.locked,
      afternicAction: r.afternic_action,
      sedoAction: r.sedo_action,
      listedAt: r.listed_at,
    }));
}
