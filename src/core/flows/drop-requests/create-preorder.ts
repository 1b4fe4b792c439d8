/**
 * Preorder a name someone else holds (KifDom): when the name is released the
 * sweeper registers it for the oldest pending requester. The price of a
 * registration for the TLD's default period is quoted now and put on hold;
 * the hold becomes the registration charge when the name is caught, and is
 * released when the preorder fails or is cancelled. Without the funds to
 * hold, nothing changes.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { normalizeCurrency } from '../../money.ts';
import { hold } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';
import { parseNewDomainName } from '../../names.ts';
import { defaultPeriod, quote } from '../../pricing.ts';
import { verifyDroppable, verifyNoPendingRequest } from './droppable.ts';
import { toDropRequestViews, type DropRequestView } from './drop-request-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED', 'INVALID_PERIOD',
  'DROP_NAME_AVAILABLE', 'DROP_NAME_OWNED', 'DROP_REQUEST_EXISTS', 'DOMAIN_RESERVED', 'DOMAIN_BLOCKED', 'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

export interface CreatePreorderInput {
  readonly accountId?: number;
  readonly name: string;
  readonly currency?: string;
}

export interface CreatePreorderResult {
  readonly request: DropRequestView;
  readonly orderNumber: string;
}

export async function createPreorder(ctx: FlowContext, input: CreatePreorderInput): Promise<CreatePreorderResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const name = parseNewDomainName(input.name, ctx.policy, 'domain');
  const policy = ctx.policy.get(name.tld);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  await verifyDroppable(ctx, accountId, name, policy);
  await verifyNoPendingRequest(ctx, accountId, 'preorder', name.ascii);

  const periodMonths = defaultPeriod(policy, 'PAID');
  const price = quote(policy, { op: 'register', name: name.ascii, periodMonths, currency, at: ctx.now, domainType: 'PAID' });
  const { order } = await createOrder(ctx, {
    accountId,
    kind: 'preorder',
    currency,
    status: 'processing',
    items: [{ kind: 'preorder', domainName: name.ascii, periodMonths, amountMinor: price.totalMinor }],
  });
  const held = price.totalMinor > 0
    ? await hold(ctx, { accountId, currency, amountMinor: price.totalMinor, orderId: order.id, memo: `preorder ${name.ascii}` })
    : null;
  const row = await ctx.db
    .insertInto('drop_requests')
    .values({
      account_id: accountId,
      kind: 'preorder',
      domain_name: name.ascii,
      unicode_name: name.unicode,
      tld: name.tld,
      status: 'pending',
      currency,
      amount_minor: price.totalMinor,
      hold_id: held?.id ?? null,
      domain_id: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const [request] = await toDropRequestViews(ctx, [row]);
  return { request: request!, orderNumber: order.number };
}
