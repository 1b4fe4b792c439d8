/**
 * Moving a registration to another account (transfer completion, accepted
 * push). What belonged to the old holder does not follow the domain: its
 * folder, contacts, label, note and reseller customer id are cleared; the
 * auth code is replaced (the old holder knew it) and the transfer lock is
 * lifted. Name servers, DNS zone, NSSET and renewal settings stay, so the
 * domain keeps resolving.
 */
import type { FlowContext } from '../../context.ts';
import type { DomainRow } from '../../../store/index.ts';
import { newAuthCode } from '../domains/register-domain.ts';
import type { ContactColumns } from './transfer-contacts.ts';

const NO_CONTACTS: ContactColumns = { registrant_contact_id: null, admin_contact_id: null, tech_contact_id: null, billing_contact_id: null };

export async function handOverDomain(
  ctx: FlowContext,
  row: DomainRow,
  toAccountId: number,
  options: { readonly expiresAt?: Date; readonly contacts?: ContactColumns } = {},
): Promise<DomainRow> {
  return ctx.db
    .updateTable('domains')
    .set({
      account_id: toAccountId,
      ...(options.expiresAt !== undefined ? { expires_at: options.expiresAt } : {}),
      transferred_at: ctx.now,
      auth_code: newAuthCode(),
      locked: false,
      folder_id: null,
      ...(options.contacts ?? NO_CONTACTS),
      label: null,
      note: '',
      customer_id: null,
      updated_at: ctx.now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
