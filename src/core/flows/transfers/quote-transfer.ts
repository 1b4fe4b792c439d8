/**
 * What a transfer of a name into the acting account would cost and add, and
 * whether it is possible right now (Freenom transfer/price, WEDOS
 * domain-transfer-check). `reason` is the code of the error requestTransfer
 * would throw; the auth code is not checked here. Writes nothing.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { normalizeCurrency } from '../../money.ts';
import { parseDomainName } from '../../names.ts';
import type { Quote } from '../../pricing.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { findTransferObstacle, transferQuote } from './transfer-rules.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
] as const satisfies readonly ErrorCode[];

export interface QuoteTransferInput {
  readonly accountId?: number;
  readonly name: string;
  readonly currency?: string;
}

export interface QuoteTransferResult {
  readonly name: string;
  readonly quote: Quote;
  /** Months the transfer adds to the expiry (before the TLD's horizon cap). */
  readonly addsMonths: number;
  readonly possible: boolean;
  /** When not possible: the error code requestTransfer would throw. */
  readonly reason?: ErrorCode;
}

export async function quoteTransfer(ctx: FlowContext, input: QuoteTransferInput): Promise<QuoteTransferResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const name = parseDomainName(input.name, ctx.policy);
  const policy = ctx.policy.get(name.tld);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  const price = transferQuote(policy, name.ascii, currency, ctx.now);
  const obstacle = await findTransferObstacle(ctx, name.ascii, await loadLiveRow(ctx, name.ascii), policy, accountId);
  const result = { name: name.ascii, quote: price, addsMonths: policy.transfer.addsMonths };
  return obstacle === undefined ? { ...result, possible: true } : { ...result, possible: false, reason: obstacle.code };
}
