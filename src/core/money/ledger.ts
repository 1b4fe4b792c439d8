/**
 * The money ledger. Every movement is one `ledger_entries` row plus the
 * matching change of the running totals in `balances`, in the caller's
 * transaction. A charge or hold only happens when the available balance
 * (balance − on hold) covers it: the check and the update are one SQL
 * statement, so two concurrent charges cannot both pass.
 *
 * One movement is made outside this file: an ordinary registration's charge
 * is written by the SQL function regd_register_domain (migration 0008), in
 * the same statement as its order and domain row. It follows `charge`
 * exactly (the same guarded balance update, one 'charge' entry linked to
 * the order), and verifyBalances checks it like any other.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../context.ts';
import { HoldNotFound, InsufficientFunds, InvalidValue } from '../errors/index.ts';
import type { Db, LedgerEntryRow, LedgerKind } from '../../store/index.ts';

type Executor = FlowContext['db'] | Db;

export interface BalanceView {
  readonly currency: string;
  readonly balanceMinor: number;
  readonly onHoldMinor: number;
  readonly availableMinor: number;
}

export interface Movement {
  readonly accountId: number;
  readonly currency: string;
  readonly amountMinor: number;
  readonly orderId?: number | null;
  readonly memo?: string;
}

function assertAmount(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new InvalidValue('amount', 'a positive amount is required', amountMinor);
  }
}

async function insertEntry(ctx: FlowContext, kind: LedgerKind, m: Movement, holdId: number | null = null): Promise<LedgerEntryRow> {
  return ctx.db
    .insertInto('ledger_entries')
    .values({
      account_id: m.accountId,
      currency: m.currency,
      kind,
      amount_minor: m.amountMinor,
      order_id: m.orderId ?? null,
      hold_id: holdId,
      memo: m.memo ?? '',
      created_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function ensureBalanceRow(ctx: FlowContext, accountId: number, currency: string): Promise<void> {
  await ctx.db
    .insertInto('balances')
    .values({ account_id: accountId, currency })
    .onConflict((oc) => oc.columns(['account_id', 'currency']).doNothing())
    .execute();
}

/** Money in (operator deposit or payment). */
export function deposit(ctx: FlowContext, m: Movement): Promise<LedgerEntryRow> {
  return moneyIn(ctx, 'deposit', m);
}

/** Money back for an order (e.g. delete inside add-grace). */
export function refund(ctx: FlowContext, m: Movement): Promise<LedgerEntryRow> {
  return moneyIn(ctx, 'refund', m);
}

/** Proceeds of a sale (marketplace): money another account's charge paid, in the same transaction. */
export function credit(ctx: FlowContext, m: Movement): Promise<LedgerEntryRow> {
  return moneyIn(ctx, 'credit', m);
}

/** Adds to the balance (its row made on first use) and records the entry of that kind. */
async function moneyIn(ctx: FlowContext, kind: 'deposit' | 'refund' | 'credit', m: Movement): Promise<LedgerEntryRow> {
  assertAmount(m.amountMinor);
  await ensureBalanceRow(ctx, m.accountId, m.currency);
  await ctx.db
    .updateTable('balances')
    .set({ balance_minor: sql`balance_minor + ${m.amountMinor}` })
    .where('account_id', '=', m.accountId)
    .where('currency', '=', m.currency)
    .execute();
  return insertEntry(ctx, kind, m);
}

/** Money out. Fails with InsufficientFunds, changing nothing, when the available balance does not cover it. */
export async function charge(ctx: FlowContext, m: Movement): Promise<LedgerEntryRow> {
  assertAmount(m.amountMinor);
  const updated = await ctx.db
    .updateTable('balances')
    .set({ balance_minor: sql`balance_minor - ${m.amountMinor}` })
    .where('account_id', '=', m.accountId)
    .where('currency', '=', m.currency)
    .where(sql<boolean>`balance_minor - on_hold_minor >= ${m.amountMinor}`)
    .returning('balance_minor')
    .executeTakeFirst();
  if (!updated) throw await insufficient(ctx, m);
  return insertEntry(ctx, 'charge', m);
}

/** Reserve money (preorders, backorders, auction bids). Returns the hold entry; its id identifies the hold. */
export async function hold(ctx: FlowContext, m: Movement): Promise<LedgerEntryRow> {
  assertAmount(m.amountMinor);
  const updated = await ctx.db
    .updateTable('balances')
    .set({ on_hold_minor: sql`on_hold_minor + ${m.amountMinor}` })
    .where('account_id', '=', m.accountId)
    .where('currency', '=', m.currency)
    .where(sql<boolean>`balance_minor - on_hold_minor >= ${m.amountMinor}`)
    .returning('on_hold_minor')
    .executeTakeFirst();
  if (!updated) throw await insufficient(ctx, m);
  return insertEntry(ctx, 'hold', m);
}

/** Give a hold back (the reserved money becomes available again). */
export async function release(ctx: FlowContext, holdId: number, memo = ''): Promise<LedgerEntryRow> {
  const h = await openHold(ctx, holdId);
  await ctx.db
    .updateTable('balances')
    .set({ on_hold_minor: sql`on_hold_minor - ${h.amount_minor}` })
    .where('account_id', '=', h.account_id)
    .where('currency', '=', h.currency)
    .execute();
  return insertEntry(ctx, 'release', { accountId: h.account_id, currency: h.currency, amountMinor: h.amount_minor, orderId: h.order_id, memo }, h.id);
}

/** Turn a hold into a charge: release it and charge the same amount, in one transaction. */
export async function capture(ctx: FlowContext, holdId: number, memo = ''): Promise<LedgerEntryRow> {
  const released = await release(ctx, holdId, memo);
  return charge(ctx, {
    accountId: released.account_id,
    currency: released.currency,
    amountMinor: released.amount_minor,
    orderId: released.order_id,
    memo,
  });
}

async function openHold(ctx: FlowContext, holdId: number): Promise<LedgerEntryRow> {
  const h = await ctx.db
    .selectFrom('ledger_entries as h')
    .selectAll('h')
    .where('h.id', '=', holdId)
    .where('h.kind', '=', 'hold')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('ledger_entries as r').select('r.id').where('r.kind', '=', 'release').whereRef('r.hold_id', '=', 'h.id'))),
    )
    .forUpdate()
    .executeTakeFirst();
  if (!h) throw new HoldNotFound(holdId);
  return h;
}

async function insufficient(ctx: FlowContext, m: Movement): Promise<InsufficientFunds> {
  const b = await getBalance(ctx.db, m.accountId, m.currency);
  return new InsufficientFunds(m.currency, m.amountMinor, b.availableMinor);
}

export async function getBalance(db: Executor, accountId: number, currency: string): Promise<BalanceView> {
  const row = await db
    .selectFrom('balances')
    .select(['balance_minor', 'on_hold_minor'])
    .where('account_id', '=', accountId)
    .where('currency', '=', currency)
    .executeTakeFirst();
  const balanceMinor = row?.balance_minor ?? 0;
  const onHoldMinor = row?.on_hold_minor ?? 0;
  return { currency, balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor };
}

export async function listBalances(db: Executor, accountId: number): Promise<readonly BalanceView[]> {
  const rows = await db
    .selectFrom('balances')
    .select(['currency', 'balance_minor', 'on_hold_minor'])
    .where('account_id', '=', accountId)
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    balanceMinor: r.balance_minor,
    onHoldMinor: r.on_hold_minor,
    availableMinor: r.balance_minor - r.on_hold_minor,
  }));
}

/**
 * Recomputes every balance from the ledger and returns the rows that
 * disagree with the running totals (empty when the books are consistent).
 */
export async function verifyBalances(db: Executor): Promise<readonly { accountId: number; currency: string; stored: [number, number]; derived: [number, number] }[]> {
  const derived = await sql<{ account_id: number; currency: string; balance: string; on_hold: string }>`
    select account_id, currency,
      coalesce(sum(case kind when 'deposit' then amount_minor when 'refund' then amount_minor when 'credit' then amount_minor when 'charge' then -amount_minor else 0 end), 0)::text as balance,
      coalesce(sum(case kind when 'hold' then amount_minor when 'release' then -amount_minor else 0 end), 0)::text as on_hold
    from ledger_entries group by account_id, currency`.execute(db);
  const stored = await db.selectFrom('balances').selectAll().execute();
  const key = (a: number, c: string) => `${a}/${c}`;
  const map = new Map(stored.map((s) => [key(s.account_id, s.currency), s]));
  const bad: { accountId: number; currency: string; stored: [number, number]; derived: [number, number] }[] = [];
  for (const d of derived.rows) {
    const s = map.get(key(d.account_id, d.currency));
    const derivedPair: [number, number] = [Number(d.balance), Number(d.on_hold)];
    const storedPair: [number, number] = [s?.balance_minor ?? 0, s?.on_hold_minor ?? 0];
    if (derivedPair[0] !== storedPair[0] || derivedPair[1] !== storedPair[1]) {
      bad.push({ accountId: d.account_id, currency: d.currency, stored: storedPair, derived: derivedPair });
    }
    map.delete(key(d.account_id, d.currency));
  }
  for (const s of map.values()) {
    if (s.balance_minor !== 0 || s.on_hold_minor !== 0) {
      bad.push({ accountId: s.account_id, currency: s.currency, stored: [s.balance_minor, s.on_hold_minor], derived: [0, 0] });
    }
  }
  return bad;
}
