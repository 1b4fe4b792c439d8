/**
 * Loading contacts by public number or handle. A contact that is missing or
 * belongs to another account is ContactNotFound, never visible.
 */
import type { FlowContext } from '../../context.ts';
import { ContactNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import type { ContactRow } from '../../../store/index.ts';

/** How a loaded row is locked for the rest of the transaction. */
export type ContactLock = 'none' | 'update' | 'key_share';

/** A public contact number: a positive safe integer. */
export function verifyContactNumber(input: unknown, param = 'contact_id'): number {
  if (input === undefined || input === null) throw new MissingParameter(param);
  if (typeof input !== 'number' || !Number.isSafeInteger(input) || input < 1) {
    throw new InvalidValue(param, 'a contact id (positive integer) is required', input);
  }
  return input;
}

export async function loadOwnedContact(
  ctx: FlowContext,
  accountId: number,
  number: unknown,
  options: { lock?: ContactLock; param?: string } = {},
): Promise<ContactRow> {
  const param = options.param ?? 'contact_id';
  const n = verifyContactNumber(number, param);
  const row = await lockRows(
    ctx.db.selectFrom('contacts').selectAll().where('number', '=', n).where('account_id', '=', accountId),
    options.lock ?? 'none',
  ).executeTakeFirst();
  if (!row) throw new ContactNotFound(n, param);
  return row;
}

/** Handles are matched case-insensitively ("regd-c100001" finds "REGD-C100001"). */
export async function loadOwnedContactByHandle(ctx: FlowContext, accountId: number, handle: unknown, param = 'handle'): Promise<ContactRow> {
  if (handle === undefined || handle === null || handle === '') throw new MissingParameter(param);
  if (typeof handle !== 'string' || handle.length > 64) throw new InvalidValue(param, 'a contact handle is required', handle);
  const wanted = handle.trim().toUpperCase();
  const row = await ctx.db.selectFrom('contacts').selectAll().where('handle', '=', wanted).where('account_id', '=', accountId).executeTakeFirst();
  if (!row) throw new ContactNotFound(wanted, param);
  return row;
}

/** Any account's contact by number: operator flows only. */
export async function loadAnyContact(ctx: FlowContext, number: unknown, param = 'contact_id'): Promise<ContactRow> {
  const n = verifyContactNumber(number, param);
  const row = await ctx.db.selectFrom('contacts').selectAll().where('number', '=', n).forUpdate().executeTakeFirst();
  if (!row) throw new ContactNotFound(n, param);
  return row;
}

interface Lockable<T> {
  forUpdate(): T;
  forKeyShare(): T;
}

export function lockRows<T extends Lockable<T>>(query: T, lock: ContactLock): T {
  if (lock === 'update') return query.forUpdate();
  if (lock === 'key_share') return query.forKeyShare();
  return query;
}
