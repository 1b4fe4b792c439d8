/**
 * How regd's orders read in Dynadot's words (order_list, get_order_status):
 * statuses, item types, the payment method, request dates.
 */
import type { OrderItemView, OrderView } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';

/** Order and item status, as order_list and get_order_status print them (§14). */
export function orderStatusOf(status: OrderView['status']): string {
  switch (status) {
    case 'processing':
      return 'Processing';
    case 'completed':
      return 'Completed';
    case 'failed':
      return 'Problem';
    case 'cancelled':
      return 'Cancelled';
  }
}

const ITEM_TYPES: Readonly<Record<string, readonly [listName: string, statusName: string]>> = {
  register: ['Domain Registration', 'domain'],
  renew: ['Domain Renewal', 'domain renewal'],
  transfer: ['Domain Transfer', 'domain transfer'],
  restore: ['Domain Restore', 'domain restore'],
  upgrade: ['Domain Upgrade', 'domain upgrade'],
  preorder: ['Domain Preorder', 'domain preorder'],
  backorder: ['Domain Backorder', 'domain backorder'],
  deposit: ['Account Deposit', 'account deposit'],
};

/** order_list `ItemType` ("Domain Registration"). */
export function itemTypeOf(item: OrderItemView): string {
  return ITEM_TYPES[item.kind]?.[0] ?? item.kind.split(/[_\s]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** get_order_status `ItemTypeName` ("domain"). */
export function itemTypeNameOf(item: OrderItemView): string {
  return ITEM_TYPES[item.kind]?.[1] ?? item.kind.replace(/_/g, ' ');
}

/** Every purchase is paid from the account balance; deposits are money in, not paid by a method of the list. */
export const ACCOUNT_BALANCE = 'Account Balance';

/** The document's `payment_method` values [L6106]. */
export const PAYMENT_METHODS = [
  'none_balance', 'account_balance', 'credit_card', 'money_order', 'paypal', 'moneybookers', 'bank_wire', 'alipay',
  'payflow_credit_card2', 'wechat_pay', 'ecash', 'bank_transfer', 'apple_pay', 'checking_account', 'sale', 'union_pay',
  'paypal_account', 'mercado_pago', 'payoneer',
] as const;

/** A request date `yyyy/MM/dd` (also `yyyy-MM-dd`, unpadded months and days): midnight UTC of that day. */
export function parseRequestDate(param: string, value: string): Date {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  if (m === null) throw DynadotError.invalid(param, value);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) throw DynadotError.invalid(param, value);
  return at;
}

/** JSON `SubmittedDate`: `2024/05/10` (UTC). */
export function slashDate(d: Date): string {
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
}
