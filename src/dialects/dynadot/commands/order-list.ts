/**
 * order_list (§15.13, [L6095-6276]): the account's orders, newest first,
 * found by date range, domain or order id. New generation. XML
 * `OrderListContent>OrderList>Order*{…, OrderItem*}` with `SubmittedDate`
 * in Unix ms; JSON `OrderList[{…, ItemList[…]}]` with `SubmittedDate`
 * `yyyy/MM/dd` and `Duration` a number, as the examples print them.
 *
 * Parameters: `search_by` (`date_range`, `domain`, `order_id`),
 * `start_date`/`end_date` (`yyyy/MM/dd`, both days included, UTC; required
 * for `date_range`, an optional narrowing otherwise), `domain` or
 * `order_id` for the other two searches, `payment_method` (comma list).
 * The examples' camelCase spellings (`searchBy`, `startDate`, `endDate`,
 * `paymentMethod`, `orderId`) are read too. Deposits are not orders of this
 * list (README "Choices", orders group).
 */
import { getOrder, getOrderPayments, listOrders, type ListOrdersInput, type OrderView } from '../../../core/index.ts';
import type { Params } from '../params.ts';
import { DynadotError } from '../errors.ts';
import { dollars, money, unixMs } from '../values.ts';
import { defineCommand } from './command.ts';
import { ACCOUNT_BALANCE, PAYMENT_METHODS, itemTypeOf, orderStatusOf, parseRequestDate, slashDate } from './order-values.ts';

const SEARCH_BY = ['date_range', 'domain', 'order_id'] as const;
const MAX_RANGE_DAYS = 366;

interface OrderListInput {
  readonly searchBy: (typeof SEARCH_BY)[number];
  readonly from?: Date;
  readonly to?: Date;
  readonly domain?: string;
  readonly orderId?: string;
  /** Whether the payment methods asked for include the account balance (none asked: all). */
  readonly balancePaid: boolean;
}

/** The first non-empty of several spellings, with the name it came under. */
function named(params: Params, ...names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = params.one(name);
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}

export const orderList = defineCommand<OrderListInput>({
  name: 'order_list',
  uses: [listOrders, getOrder, getOrderPayments],
  transaction: 'flow',
  parse(params) {
    const by = named(params, 'search_by', 'searchBy');
    if (by === undefined) throw DynadotError.missing('search_by');
    const searchBy = SEARCH_BY.find((s) => s === by.value.toLowerCase());
    if (searchBy === undefined) throw DynadotError.invalid(by.name, by.value);
    const start = named(params, 'start_date', 'startDate');
    const end = named(params, 'end_date', 'endDate');
    if (searchBy === 'date_range' && start === undefined) throw DynadotError.missing('start_date');
    if (searchBy === 'date_range' && end === undefined) throw DynadotError.missing('end_date');
    const from = start === undefined ? undefined : parseRequestDate(start.name, start.value);
    const endDay = end === undefined ? undefined : parseRequestDate(end.name, end.value);
    const to = endDay === undefined ? undefined : new Date(endDay.getTime() + 86_400_000);
    if (from !== undefined && endDay !== undefined) {
      if (endDay < from) throw new DynadotError('the end date is before the start date');
      if ((endDay.getTime() - from.getTime()) / 86_400_000 >= MAX_RANGE_DAYS) throw new DynadotError(`a date range can cover at most ${MAX_RANGE_DAYS} days`);
    }
    const methods = named(params, 'payment_method', 'paymentMethod');
    let balancePaid = true;
    if (methods !== undefined) {
      const list = methods.value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
      const bad = list.find((m) => !(PAYMENT_METHODS as readonly string[]).includes(m));
      if (bad !== undefined) throw DynadotError.invalid(methods.name, bad);
      balancePaid = list.length === 0 || list.includes('account_balance');
    }
    const base = { searchBy, balancePaid, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    if (searchBy === 'domain') {
      const domain = named(params, 'domain', 'domain_name', 'domainName');
      if (domain === undefined) throw DynadotError.missing('domain');
      return { ...base, domain: domain.value };
    }
    if (searchBy === 'order_id') {
      const id = named(params, 'order_id', 'orderId');
      if (id === undefined) throw DynadotError.missing('order_id');
      if (!/^\d{1,15}$/.test(id.value)) throw DynadotError.invalid(id.name, id.value);
      return { ...base, orderId: String(Number(id.value)) };
    }
    return base;
  },
  async run(call, input) {
    let orders: readonly OrderView[] = [];
    if (input.balancePaid) {
      if (input.orderId !== undefined) {
        const one = await call.run(getOrder, { number: input.orderId }).catch((e: unknown) => {
          if ((e as { code?: string }).code === 'ORDER_NOT_FOUND') return undefined;
          throw e;
        });
        orders = one === undefined ? [] : [one].filter((o) => (input.from === undefined || o.createdAt >= input.from) && (input.to === undefined || o.createdAt < input.to));
      } else {
        const filter: ListOrdersInput = {
          ...(input.from !== undefined ? { from: input.from } : {}),
          ...(input.to !== undefined ? { to: input.to } : {}),
          ...(input.domain !== undefined ? { domainName: input.domain } : {}),
        };
        orders = await call.run(listOrders, filter);
      }
      orders = orders.filter((o) => o.kind !== 'deposit');
    }
    const paid = new Map((await call.run(getOrderPayments, { numbers: orders.map((o) => o.number) })).map((p) => [p.number, p.paidMinor]));
    const head = (o: OrderView, submitted: string) => ({
      OrderId: o.number,
      SubmittedDate: submitted,
      Currency: o.currency,
      PaymentMethod: ACCOUNT_BALANCE,
      TotalCost: dollars(o.amountMinor, o.currency),
      TotalPaid: dollars(paid.get(o.number) ?? 0, o.currency),
      Status: orderStatusOf(o.status),
    });
    const item = (o: OrderView, i: OrderView['items'][number], years: string | number) => ({
      ItemType: itemTypeOf(i),
      Name: i.domainName ?? '',
      Duration: years,
      Cost: money(i.amountMinor, o.currency),
      Status: orderStatusOf(i.status),
    });
    const yearsOf = (i: OrderView['items'][number]) => (i.periodMonths === null ? 0 : Math.round(i.periodMonths / 12));
    return {
      content: {
        OrderList: orders.length === 0 ? '' : { Order: orders.map((o) => ({ ...head(o, unixMs(o.createdAt)), OrderItem: o.items.map((i) => item(o, i, String(yearsOf(i)))) })) },
      },
      json: { OrderList: orders.map((o) => ({ ...head(o, slashDate(o.createdAt)), ItemList: o.items.map((i) => item(o, i, yearsOf(i))) })) },
    };
  },
});
