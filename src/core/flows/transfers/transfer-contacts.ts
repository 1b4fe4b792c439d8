/**
 * Contacts the gaining account names for a transferred domain: public
 * contact numbers of its own contacts, per role. They are checked when the
 * transfer is requested (another account's contact is ContactNotFound) and
 * kept on the transfer row (`transfers.contacts`, public numbers, null for a
 * role left empty), so a pending transfer applies them when it completes,
 * whoever completes it (the losing side's approval or the sweeper's
 * auto-approval). While the transfer is pending those contacts count as in
 * use (contacts/contact-usage.ts): they cannot be deleted under it.
 */
import type { FlowContext } from '../../context.ts';
import { InvalidValue } from '../../errors/index.ts';
import type { TransferRow } from '../../../store/index.ts';
import { loadOwnedContact } from '../contacts/contact-access.ts';
import { CONTACT_ROLES, type ContactRole } from '../contacts/contact-view.ts';

export type TransferContacts = Readonly<Partial<Record<ContactRole, number>>>;

/** What a transfer row keeps: every role, a public contact number or null. */
export type StoredTransferContacts = Readonly<Record<ContactRole, number | null>>;

export interface ContactColumns {
  readonly registrant_contact_id: number | null;
  readonly admin_contact_id: number | null;
  readonly tech_contact_id: number | null;
  readonly billing_contact_id: number | null;
}

export interface ResolvedTransferContacts {
  /** The domains columns to write (internal contact ids). */
  readonly columns: ContactColumns;
  /** The same contacts as the transfer row keeps them. */
  readonly stored: StoredTransferContacts;
}

const COLUMN_OF = {
  registrant: 'registrant_contact_id',
  admin: 'admin_contact_id',
  tech: 'tech_contact_id',
  billing: 'billing_contact_id',
} as const satisfies Record<ContactRole, keyof ContactColumns>;

/**
 * Undefined when no contacts were given; missing roles become null (cleared).
 * The contacts are read FOR KEY SHARE, so a concurrent deleteContact either
 * commits first (ContactNotFound here) or waits and then sees them in use.
 */
export async function resolveTransferContacts(
  ctx: FlowContext,
  accountId: number,
  input: TransferContacts | undefined,
): Promise<ResolvedTransferContacts | undefined> {
  if (input === undefined) return undefined;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new InvalidValue('contacts', 'an object of contact ids by role is required', input);
  for (const key of Object.keys(input)) {
    if (!(CONTACT_ROLES as readonly string[]).includes(key)) throw new InvalidValue('contacts', `roles are ${CONTACT_ROLES.join(', ')}`, key);
  }
  const columns: Record<string, number | null> = {};
  const stored: Record<string, number | null> = {};
  for (const role of CONTACT_ROLES) {
    const number = input[role];
    if (number === undefined) {
      columns[COLUMN_OF[role]] = null;
      stored[role] = null;
      continue;
    }
    const row = await loadOwnedContact(ctx, accountId, number, { lock: 'key_share', param: `${role}_contact` });
    columns[COLUMN_OF[role]] = row.id;
    stored[role] = row.number;
  }
  return { columns: columns as unknown as ContactColumns, stored: stored as StoredTransferContacts };
}

/** The value of `transfers.contacts` for resolved contacts (null: none were given). */
export function storedContactsValue(resolved: ResolvedTransferContacts | undefined): string | null {
  return resolved === undefined ? null : JSON.stringify(resolved.stored);
}

/**
 * The columns a completing transfer writes: undefined when the request named
 * no contacts (the domain then arrives without any). A stored contact that
 * is no longer the gaining account's (it cannot be deleted while the
 * transfer is pending, so only a direct database change does this) leaves
 * its role empty rather than blocking the completion.
 */
export async function contactsToApply(ctx: FlowContext, t: Pick<TransferRow, 'contacts' | 'gaining_account_id'>): Promise<ContactColumns | undefined> {
  if (t.contacts === null) return undefined;
  const wanted = CONTACT_ROLES.map((role) => [role, toNumber(t.contacts?.[role])] as const);
  const numbers = [...new Set(wanted.map(([, n]) => n).filter((n): n is number => n !== null))];
  const rows = numbers.length === 0
    ? []
    : await ctx.db.selectFrom('contacts').select(['id', 'number']).where('account_id', '=', t.gaining_account_id).where('number', 'in', numbers)
      .orderBy('id').forKeyShare().execute();
  const idOf = new Map(rows.map((r) => [Number(r.number), r.id]));
  const columns: Record<string, number | null> = {};
  for (const [role, n] of wanted) columns[COLUMN_OF[role]] = n === null ? null : (idOf.get(n) ?? null);
  return columns as unknown as ContactColumns;
}

function toNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}
