/** Orders, newest first: one account's (--account) or every account's. */
import { OPERATOR } from '../core/context.ts';
import { InvalidValue } from '../core/errors/index.ts';
import { formatAmount } from '../core/money.ts';
import { listOrders, type OrderView } from '../core/flows/orders/index.ts';
import type { OrderStatus } from '../store/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify, type Options } from './command.ts';
import { table } from './format.ts';
import { OPERATOR_SOURCE, optionalAccountId, optionalText } from './options.ts';

type OrderJson = Jsonify<OrderView> & { amount: string };

export const orderList = defineCommand({
  name: 'order list',
  async run(services: Services, o: Options) {
    const accountId = await optionalAccountId(services, o);
    const status = optionalText(o, 'status');
    const kind = optionalText(o, 'kind');
    const from = instant(o, 'from');
    const to = instant(o, 'to');
    const orders = await services.engine.run(
      listOrders,
      {
        ...(accountId !== undefined ? { accountId } : {}),
        ...(status !== undefined ? { status: status as OrderStatus } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      },
      { actor: OPERATOR, source: OPERATOR_SOURCE },
    );
    return toJson(orders.map((order) => ({ ...order, amount: formatAmount(order.amountMinor, order.currency) })));
  },
  render(orders: OrderJson[]) {
    return table(
      ['NUMBER', 'ACCOUNT', 'KIND', 'STATUS', 'AMOUNT', 'ITEMS', 'SOURCE', 'CREATED'],
      orders.map((o) => [
        o.number, String(o.accountId), o.kind, o.status, `${o.amount} ${o.currency}`,
        o.items.map((i) => i.domainName ?? i.kind).join(', '), o.source, o.createdAt,
      ]),
    );
  },
});

function instant(o: Options, key: string): Date | undefined {
  const v = optionalText(o, key);
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new InvalidValue(key, 'an ISO 8601 date or instant is required', v);
  return d;
}
