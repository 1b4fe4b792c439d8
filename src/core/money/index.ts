export * from './ledger.ts';
export * from './orders.ts';
