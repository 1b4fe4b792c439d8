/**
 * Assign a domain's registrant, admin, tech and billing contacts (Dynadot
 * set_whois, Freenom modify owner_id/admin_id/tech_id/billing_id, WEDOS
 * owner_c/admin_c). A role left undefined keeps its contact; null clears it.
 * Every contact must belong to the domain's account.
 * Load (account, domain, state) → resolve contacts → persist.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { ContactNotFound, type ErrorCode } from '../../errors/index.ts';
import type { DomainRow } from '../../../store/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import { lockRows, verifyContactNumber } from './contact-access.ts';
import { ROLE_COLUMNS } from './contact-usage.ts';
import { CONTACT_ROLES, type ContactRole } from './contact-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

/** Public contact numbers per role: undefined keeps, null clears. */
export type ContactAssignment = { readonly [R in ContactRole]?: number | null };

/** The domains columns a ContactAssignment resolves to (internal contact ids). */
export type ContactColumnsPatch = {
  -readonly [R in ContactRole as (typeof ROLE_COLUMNS)[R]]?: number | null;
};

export interface SetDomainContactsInput extends ContactAssignment {
  readonly accountId?: number;
  readonly name: string;
}

export interface DomainContactsView {
  readonly name: string;
  /** Public contact numbers, or null when the role has no contact. */
  readonly registrant: number | null;
  readonly admin: number | null;
  readonly tech: number | null;
  readonly billing: number | null;
}

export async function setDomainContacts(ctx: FlowContext, input: SetDomainContactsInput): Promise<DomainContactsView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'set contacts');
  const patch = await resolveContactIds(ctx, accountId, input);
  // Nothing to change: the domain's contacts are returned as they are.
  if (Object.keys(patch).length === 0) return domainContactsOf(ctx, owned.row);

  const row = await ctx.db
    .updateTable('domains')
    .set({ ...patch, updated_at: ctx.now })
    .where('id', '=', owned.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return domainContactsOf(ctx, row);
}

/**
 * Turns public contact numbers into the domains columns to write, checking
 * each belongs to `accountId` (otherwise ContactNotFound naming the role).
 * Used by registration and transfers as well. The contacts are read FOR KEY
 * SHARE so a concurrent deleteContact cannot remove them before commit.
 */
export async function resolveContactIds(ctx: FlowContext, accountId: number, assignment: ContactAssignment): Promise<ContactColumnsPatch> {
  const wanted = new Map<ContactRole, number | null>();
  for (const role of CONTACT_ROLES) {
    const value = assignment[role];
    if (value === undefined) continue;
    wanted.set(role, value === null ? null : verifyContactNumber(value, role));
  }
  const numbers = [...new Set([...wanted.values()].filter((n): n is number => n !== null))];
  const rows = numbers.length === 0
    ? []
    : await lockRows(
      ctx.db.selectFrom('contacts').select(['id', 'number']).where('account_id', '=', accountId).where('number', 'in', numbers).orderBy('id'),
      'key_share',
    ).execute();
  const idOf = new Map(rows.map((r) => [r.number, r.id]));

  const patch: ContactColumnsPatch = {};
  for (const [role, number] of wanted) {
    if (number === null) {
      patch[ROLE_COLUMNS[role]] = null;
      continue;
    }
    const id = idOf.get(number);
    if (id === undefined) throw new ContactNotFound(number, role);
    patch[ROLE_COLUMNS[role]] = id;
  }
  return patch;
}

/** A domain row's contacts as public numbers. */
export async function domainContactsOf(ctx: FlowContext, row: DomainRow): Promise<DomainContactsView> {
  const ids = CONTACT_ROLES.map((role) => row[ROLE_COLUMNS[role]]).filter((id): id is number => id !== null);
  const rows = ids.length === 0 ? [] : await ctx.db.selectFrom('contacts').select(['id', 'number']).where('id', 'in', ids).execute();
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  const number = (id: number | null) => (id === null ? null : (numberOf.get(id) ?? null));
  return {
    name: row.name,
    registrant: number(row.registrant_contact_id),
    admin: number(row.admin_contact_id),
    tech: number(row.tech_contact_id),
    billing: number(row.billing_contact_id),
  };
}
