/**
 * get_order_status (§15.13, [L6279-6354]): one order's status and its
 * items. New generation. XML `GetOrderStatusContent{OrderId, OrderStatus,
 * Item*{ItemTypeName, ItemName, ItemStatus}}`; JSON nests the same in
 * `OrderStatus{OrderId (a number), OrderStatus, ItemList[…]}`. The XML
 * example's `ItemName` `&amp;` and domain-in-`ItemStatus` are a defect of
 * the document: XML carries the JSON example's values (README "Choices").
 */
import { getOrder } from '../../../core/index.ts';
import { defineCommand } from './command.ts';
import { itemTypeNameOf, orderStatusOf } from './order-values.ts';

export const getOrderStatus = defineCommand<{ readonly number: string }>({
  name: 'get_order_status',
  uses: [getOrder],
  transaction: 'flow',
  parse(params) {
    const id = params.requiredInteger('order_id');
    return { number: String(id) };
  },
  async run(call, input) {
    const o = await call.run(getOrder, { number: input.number });
    const items = o.items.map((i) => ({ ItemTypeName: itemTypeNameOf(i), ItemName: i.domainName ?? '', ItemStatus: orderStatusOf(i.status) }));
    return {
      content: { OrderId: o.number, OrderStatus: orderStatusOf(o.status), Item: items },
      json: { OrderStatus: { OrderId: Number(o.number), OrderStatus: orderStatusOf(o.status), ItemList: items } },
    };
  },
});
