/**
 * Change a contact's fields. Two modes serve the dialects:
 * - `replace: true` (Dynadot edit_contact): a complete new set of fields;
 *   required ones must be given and absent optional ones are cleared.
 * - otherwise (Freenom contact/register with contact_id, WEDOS updates):
 *   only the given fields change.
 * Registry extras (EU, LV, CN audit) are never touched here.
 * Load (account, contact locked) → validate → persist.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { loadOwnedContact } from './contact-access.ts';
import { completeContactColumns, partialContactColumns, type ContactFieldsInput } from './contact-input.ts';
import { toContactView, type ContactView } from './contact-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONFLICTING_PARAMETERS',
  'CONTACT_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface EditContactInput extends ContactFieldsInput {
  readonly accountId?: number;
  /** The public contact number. */
  readonly contactId: number;
  readonly replace?: boolean;
}

export async function editContact(ctx: FlowContext, input: EditContactInput): Promise<ContactView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const current = await loadOwnedContact(ctx, accountId, input.contactId, { lock: 'update' });
  const columns = input.replace === true ? completeContactColumns(input) : partialContactColumns(input, current);
  // Nothing to change: the contact is returned as it is, updated_at untouched.
  if (Object.keys(columns).length === 0) return toContactView(current);

  const row = await ctx.db
    .updateTable('contacts')
    .set({ ...columns, updated_at: ctx.now })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContactView(row);
}
