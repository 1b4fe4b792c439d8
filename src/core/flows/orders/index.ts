// Order flows. One file per use case; add a line per new flow file.
export * from './order-view.ts';
export { getOrder, type GetOrderInput } from './get-order.ts';
export { listOrders, type ListOrdersInput } from './list-orders.ts';
export { getOrderPayments, type GetOrderPaymentsInput, type OrderPaymentView } from './get-order-payments.ts';
