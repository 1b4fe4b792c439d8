/**
 * Create a contact in the acting account. Load (account) → validate every
 * field → draw the public number → insert with its handle.
 *
 * The number comes from the `contact_numbers` sequence, drawn with nextval
 * before the insert so the handle `REGD-C<number>` is written in the same
 * insert (no placeholder handle, no second update). A rolled-back
 * transaction leaves a gap in the numbering, as sequences always do.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { completeContactColumns, type ContactFieldsInput } from './contact-input.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONFLICTING_PARAMETERS',
] as const satisfies readonly ErrorCode[];

export interface CreateContactInput extends ContactFieldsInput {
  readonly accountId?: number;
}

export const HANDLE_PREFIX = 'REGD-C';

export function contactHandle(number: number): string {
  return `${HANDLE_PREFIX}${number}`;
}

/**
 * The public number a handle names, read from the handle itself (every
 * contact's handle is contactHandle(its number), written once, never
 * changed; matched as loadOwnedContactByHandle matches: trimmed, any case);
 * undefined when it is no such handle. Whether that contact exists and is
 * the account's is for the database to say.
 */
export function contactNumberOfHandle(handle: string): number | undefined {
  const wanted = handle.trim().toUpperCase();
  if (!wanted.startsWith(HANDLE_PREFIX)) return undefined;
  const digits = wanted.slice(HANDLE_PREFIX.length);
  const n = /^[1-9][0-9]{0,15}$/.test(digits) ? Number(digits) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

export async function createContact(ctx: FlowContext, input: CreateContactInput): Promise<ContactView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const columns = completeContactColumns(input);

  const { rows } = await sql<{ number: number }>`select nextval('contact_numbers') as number`.execute(ctx.db);
  const number = rows[0]!.number;
  const row = await ctx.db
    .insertInto('contacts')
    .values({ ...columns, account_id: accountId, number, handle: contactHandle(number), created_at: ctx.now, updated_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContactView(row);
}
