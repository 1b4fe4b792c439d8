/**
 * Delete contacts of the acting account, all or nothing. Load (account,
 * every contact locked) → verify none is in use (a live domain of any
 * account in any role, an NSSET's tech contact, the account defaults or a
 * folder template) → detach released registrations (history keeps the
 * name, not the contact) → delete.
 *
 * Concurrency: the contacts are locked FOR UPDATE before the in-use check,
 * and resolveContactIds reads them FOR KEY SHARE, so a concurrent
 * assignment either commits first (and is seen here as "in use") or waits
 * and then finds the contact gone (ContactNotFound).
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { ContactInUse, ContactNotFound, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { verifyContactNumber } from './contact-access.ts';
import { CONTACT_ROLES, contactDisplayName } from './contact-view.ts';
import { contactsInUse, ROLE_COLUMNS } from './contact-usage.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE',
  'CONTACT_NOT_FOUND', 'CONTACT_IN_USE',
] as const satisfies readonly ErrorCode[];

export interface DeleteContactInput {
  readonly accountId?: number;
  /** Public contact numbers; duplicates count once. */
  readonly contactIds: readonly number[];
}

export interface DeleteContactResult {
  /** The deleted public numbers, in request order. */
  readonly deleted: readonly number[];
}

export const MAX_DELETE_BATCH = 100;

export async function deleteContact(ctx: FlowContext, input: DeleteContactInput): Promise<DeleteContactResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const numbers = verifyNumbers(input.contactIds);

  const rows = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('number', 'in', numbers)
    .orderBy('id')
    .forUpdate()
    .execute();
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  const missing = numbers.find((n) => !byNumber.has(n));
  if (missing !== undefined) throw new ContactNotFound(missing);
  const ordered = numbers.map((n) => byNumber.get(n)!);

  const used = await contactsInUse(ctx, accountId, ordered);
  if (used.size > 0) {
    const refused = ordered.filter((r) => used.has(r.id));
    throw new ContactInUse(refused.map((r) => r.number), refused.map(contactDisplayName));
  }

  const ids = ordered.map((r) => r.id);
  for (const role of CONTACT_ROLES) {
    const column = ROLE_COLUMNS[role];
    await ctx.db.updateTable('domains').set({ [column]: null }).where(column, 'in', ids).where('released_at', 'is not', null).execute();
  }
  await ctx.db.deleteFrom('contacts').where('id', 'in', ids).execute();
  return { deleted: numbers };
}

function verifyNumbers(input: unknown): number[] {
  if (input === undefined || input === null) throw new MissingParameter('contact_id');
  if (!Array.isArray(input)) throw new InvalidValue('contact_id', 'a list of contact ids is required', input);
  if (input.length === 0) throw new MissingParameter('contact_id');
  const numbers = [...new Set(input.map((n) => verifyContactNumber(n)))];
  if (numbers.length > MAX_DELETE_BATCH) throw new InvalidValue('contact_id', `at most ${MAX_DELETE_BATCH} contacts at once`, input.length);
  return numbers;
}
