/**
 * The expired closeouts standing now (Dynadot get_expired_closeout_domains),
 * by name, priced in a currency on the schedule of closeout-schedule.ts;
 * or the one of a name (none when it is not in closeout). Visible to every
 * account.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { parseDomainName } from '../../names.ts';
import { standingCloseouts, toCloseoutView, type CloseoutView } from './closeout-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD',
] as const satisfies readonly ErrorCode[];

export interface ListCloseoutsInput {
  readonly accountId?: number;
  readonly currency: string;
  readonly name?: string;
}

export async function listCloseouts(ctx: FlowContext, input: ListCloseoutsInput): Promise<readonly CloseoutView[]> {
  if (ctx.actor.kind === 'account' || input.accountId !== undefined) await loadActiveAccount(ctx, actingAccountId(ctx, input.accountId));
  const currency = normalizeCurrency(input.currency);
  const name = input.name === undefined ? undefined : parseDomainName(input.name, ctx.policy, 'domain').ascii;
  const live = await standingCloseouts(ctx, name);
  return live.map((l) => toCloseoutView(ctx, l, currency));
}
