/**
 * Buy a name in expired closeout (Dynadot buy_expired_closeout_domain), at
 * once and in one transaction: the buyer is charged the closeout's current
 * price (an order of kind `expired_closeout`), the registration moves to
 * the buyer (as an accepted push moves a domain: new auth code, the former
 * holder's folder, contacts and note cleared) and is renewed for one year
 * from its expiry at the TLD's renewal price (core renewDomain: its own
 * `renew` order), so it is active again; the closeout ends as sold. Without
 * the funds for both, nothing changes. The former holder renews instead of
 * buying.
 */
import type { FlowContext } from '../../context.ts';
import { accountActor } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { CloseoutNotFound, CloseoutOwnDomain, CloseoutSold, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { payForItem } from '../../money/orders.ts';
import { parseDomainName } from '../../names.ts';
import { renewDomain } from '../domains/renew-domain.ts';
import { notify } from '../notifications/notify.ts';
import { handOverDomain } from '../transfers/hand-over-domain.ts';
import { standingCloseouts, toCloseoutView } from './closeout-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'CLOSEOUT_NOT_FOUND', 'CLOSEOUT_SOLD', 'CLOSEOUT_OWN_DOMAIN', 'INSUFFICIENT_FUNDS',
  'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS', 'RENEW_NOT_ALLOWED', 'INVALID_PERIOD',
] as const satisfies readonly ErrorCode[];

export interface BuyCloseoutInput {
  readonly accountId?: number;
  readonly name: string;
  /** Default: the buyer's account currency. */
  readonly currency?: string;
}

export interface BuyCloseoutResult {
  readonly name: string;
  readonly currency: string;
  readonly priceMinor: number;
  readonly renewalMinor: number;
  readonly orderNumber: string;
  readonly renewOrderNumber: string;
  readonly expiresAt: Date;
}

export async function buyCloseout(ctx: FlowContext, input: BuyCloseoutInput): Promise<BuyCloseoutResult> {
  const buyerId = actingAccountId(ctx, input.accountId);
  const buyer = await loadActiveAccount(ctx, buyerId);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const currency = normalizeCurrency(input.currency ?? buyer.default_currency);
  // The registration first, then the closeout: the lock order of enterCloseout.
  await ctx.db.selectFrom('domains').select('id').where('name', '=', name.ascii).where('released_at', 'is', null).forUpdate().executeTakeFirst();
  const [live] = await standingCloseouts(ctx, name.ascii, true);
  if (!live) {
    // The name's last closeout was bought: "already sold"; otherwise it is not (or no longer) in closeout.
    const last = await ctx.db.selectFrom('closeouts').select('status').where('domain_name', '=', name.ascii).orderBy('id', 'desc').limit(1).executeTakeFirst();
    throw last?.status === 'sold' ? new CloseoutSold(name.ascii) : new CloseoutNotFound(name.ascii);
  }
  if (live.domain.account_id === buyerId) throw new CloseoutOwnDomain(name.ascii);
  const view = toCloseoutView(ctx, live, currency);

  const order = await payForItem(ctx, {
    accountId: buyerId, currency, kind: 'expired_closeout', domainName: name.ascii, amountMinor: view.currentPriceMinor, memo: `expired closeout ${name.ascii}`,
  });
  await handOverDomain(ctx, live.domain, buyerId);
  const renewed = await renewDomain({ ...ctx, actor: accountActor(buyerId) }, { name: name.ascii, periodMonths: 12, currency });
  await ctx.db
    .updateTable('closeouts')
    .set({ status: 'sold', buyer_account_id: buyerId, order_id: order.id, currency, price_minor: view.currentPriceMinor, sold_at: ctx.now })
    .where('id', '=', live.closeout.id)
    .execute();
  await notify(ctx, {
    accountId: live.closeout.holder_account_id,
    kind: 'closeout.sold',
    domainName: name.ascii,
    message: `${name.ascii}, which you let expire, was bought in expired closeout; it has left your account.`,
    payload: { closeoutId: live.closeout.id },
    dedupeKey: `closeout.sold:${live.closeout.id}`,
  });
  return {
    name: name.ascii, currency, priceMinor: view.currentPriceMinor, renewalMinor: renewed.quote.totalMinor,
    orderNumber: order.number, renewOrderNumber: renewed.orderNumber!, expiresAt: renewed.newExpiresAt,
  };
}
