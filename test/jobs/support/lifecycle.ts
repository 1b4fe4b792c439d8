/** Small readers for sweeper timelines: what the ledger, the orders and the queue say about one account. */
import type { Db } from '../../../src/store/index.ts';
import type { Engine } from '../../../src/core/engine.ts';
import { sweep, type SweepResult } from '../../../src/jobs/index.ts';

/** One sweep that waits for a running one and fails the test on any unexpected item error. */
export async function sweepNow(engine: Engine): Promise<Extract<SweepResult, { skipped: false }>> {
  const r = await sweep(engine, {
    wait: true,
    onError: (err) => {
      throw err;
    },
  });
  if (r.skipped) throw new Error('a waiting sweep is never skipped');
  return r;
}

/** The account's orders of one kind for a name: [created ISO, status, amount, source]. */
export async function ordersFor(db: Db, accountId: number, kind: string, name: string): Promise<[string, string, number, string][]> {
  const rows = await db
    .selectFrom('orders')
    .innerJoin('order_items', 'order_items.order_id', 'orders.id')
    .select(['orders.created_at', 'orders.status', 'orders.amount_minor', 'orders.source'])
    .where('orders.account_id', '=', accountId)
    .where('orders.kind', '=', kind)
    .where('order_items.domain_name', '=', name)
    .orderBy('orders.id')
    .execute();
  return rows.map((r) => [r.created_at.toISOString(), r.status, r.amount_minor, r.source]);
}

/** The account's notifications, oldest first: [kind, domain]. */
export async function noticesOf(db: Db, accountId: number): Promise<[string, string | null][]> {
  const rows = await db.selectFrom('notifications').select(['kind', 'domain_name']).where('account_id', '=', accountId).orderBy('id').execute();
  return rows.map((r) => [r.kind, r.domain_name]);
}

/** The account's ledger, oldest first: [kind, amount]. */
export async function ledgerOf(db: Db, accountId: number): Promise<[string, number][]> {
  const rows = await db.selectFrom('ledger_entries').select(['kind', 'amount_minor']).where('account_id', '=', accountId).orderBy('id').execute();
  return rows.map((r) => [r.kind, r.amount_minor]);
}

export async function domainRow(db: Db, name: string) {
  return db.selectFrom('domains').selectAll().where('name', '=', name).orderBy('id', 'desc').executeTakeFirstOrThrow();
}
