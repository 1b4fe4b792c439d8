/**
 * get_account_balance (§15.7, [L2866-2921]): the balance of each currency
 * the account holds. Mixed A (declaration, `SuccessCode`, JSON number 0);
 * XML `GetAccountBalanceContent>BalanceList>Balance*{Currency, Amount}`,
 * JSON `BalanceList[…]`. `Amount` is the available balance (on-hold money
 * left out), a bare decimal. The account's own currency comes first, even
 * at zero; the others follow alphabetically. XML and JSON only.
 */
import { getAccount } from '../../../core/index.ts';
import { money } from '../values.ts';
import { defineCommand } from './command.ts';

export const getAccountBalance = defineCommand<Record<string, never>>({
  name: 'get_account_balance',
  uses: [getAccount],
  transaction: 'flow',
  parse: () => ({}),
  async run(call) {
    const account = await call.run(getAccount, {});
    const own = account.defaultCurrency;
    const others = account.balances.filter((b) => b.currency !== own).sort((a, b) => a.currency.localeCompare(b.currency));
    const list = [
      { Currency: own, Amount: money(account.balances.find((b) => b.currency === own)?.availableMinor ?? 0, own) },
      ...others.map((b) => ({ Currency: b.currency, Amount: money(b.availableMinor, b.currency) })),
    ];
    return { content: { BalanceList: { Balance: list } }, json: { BalanceList: list } };
  },
});
