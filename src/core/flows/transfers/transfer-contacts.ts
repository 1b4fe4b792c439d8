/**
 * Contacts the gaining account names for a transferred domain: public
 * contact numbers of its own contacts, per role. Another account's contact
 * is ContactNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { InvalidValue } from '../../errors/index.ts';
import { loadOwnedContact } from '../contacts/contact-access.ts';
import { CONTACT_ROLES, type ContactRole } from '../contacts/contact-view.ts';

export type TransferContacts = Readonly<Partial<Record<ContactRole, number>>>;

export interface ContactColumns {
  readonly registrant_contact_id: number | null;
  readonly admin_contact_id: number | null;
  readonly tech_contact_id: number | null;
  readonly billing_contact_id: number | null;
}

/** Undefined when no contacts were given; missing roles become null (cleared). */
export async function resolveTransferContacts(ctx: FlowContext, accountId: number, input: TransferContacts | undefined): Promise<ContactColumns | undefined> {
  if (input === undefined) return undefined;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new InvalidValue('contacts', 'an object of contact ids by role is required', input);
  for (const key of Object.keys(input)) {
    if (!(CONTACT_ROLES as readonly string[]).includes(key)) throw new InvalidValue('contacts', `roles are ${CONTACT_ROLES.join(', ')}`, key);
  }
  const idOf = async (role: ContactRole): Promise<number | null> => {
    const number = input[role];
    if (number === undefined) return null;
    const row = await loadOwnedContact(ctx, accountId, number, { lock: 'key_share', param: `${role}_contact` });
    return row.id;
  };
  return {
    registrant_contact_id: await idOf('registrant'),
    admin_contact_id: await idOf('admin'),
    tech_contact_id: await idOf('tech'),
    billing_contact_id: await idOf('billing'),
  };
}
