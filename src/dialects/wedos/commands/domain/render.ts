/** Small wire forms shared by the domain commands: dates and the `credit` block. */
import { formatAmount, listBalances, type ledger } from '../../../../core/index.ts';
import type { WireData, WapiCall } from '../../command.ts';

/** YYYY-MM-DD (UTC), as every WEDOS date. */
export function wireDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The account's credit in one currency after the operation:
 * {amount: "1234.50", currency: "CZK"}. The amount is what is available
 * (balance minus amounts on hold for pending transfers), a decimal string.
 */
export async function creditBlock(call: WapiCall, currency: string): Promise<WireData> {
  return creditOf(await call.run(listBalances, {}), currency);
}

/** The credit block from balances already read. */
export function creditOf(balances: readonly ledger.BalanceView[], currency: string): WireData {
  const balance = balances.find((b) => b.currency === currency);
  return { amount: formatAmount(balance?.availableMinor ?? 0, currency), currency };
}
