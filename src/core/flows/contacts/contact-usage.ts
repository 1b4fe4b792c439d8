/**
 * Where contacts are used. Two questions, two answers:
 * - `domainUsesOf`: the live domains of the owning account that show a
 *   contact, with the role (Freenom contact_domain list);
 * - `contactsInUse`: which contacts may not be deleted because something
 *   still points at them (a live domain of any account, an NSSET as tech
 *   contact, the account defaults or a folder template, a pending incoming
 *   transfer that will apply them).
 */
import type { FlowContext } from '../../context.ts';
import type { SettingsTemplate } from '../../../store/index.ts';
import { CONTACT_ROLES, type ContactRole, type ContactUse } from './contact-view.ts';

export const ROLE_COLUMNS = {
  registrant: 'registrant_contact_id',
  admin: 'admin_contact_id',
  tech: 'tech_contact_id',
  billing: 'billing_contact_id',
} as const satisfies Record<ContactRole, string>;

/** Live domains of `accountId` using each contact (internal ids), ordered by domain name then role. */
export async function domainUsesOf(ctx: FlowContext, accountId: number, contactIds: readonly number[]): Promise<Map<number, ContactUse[]>> {
  const uses = new Map<number, ContactUse[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return uses;
  const domains = await ctx.db
    .selectFrom('domains')
    .select(['name', 'unicode_name', 'registrant_contact_id', 'admin_contact_id', 'tech_contact_id', 'billing_contact_id'])
    .where('account_id', '=', accountId)
    .where('released_at', 'is', null)
    .where((eb) => eb.or(CONTACT_ROLES.map((role) => eb(ROLE_COLUMNS[role], 'in', contactIds))))
    .orderBy('name')
    .execute();
  for (const d of domains) {
    for (const role of CONTACT_ROLES) {
      const id = d[ROLE_COLUMNS[role]];
      if (id !== null) uses.get(id)?.push({ domain: d.name, unicodeDomain: d.unicode_name, role });
    }
  }
  return uses;
}

/**
 * The subset of `contacts` (internal id and public number) that something
 * still uses. Templates name contacts by public number, under
 * `template.contacts.{registrant,admin,tech,billing}` (see TemplateContacts).
 */
export async function contactsInUse(
  ctx: FlowContext,
  accountId: number,
  contacts: readonly { readonly id: number; readonly number: number }[],
): Promise<Set<number>> {
  const ids = contacts.map((c) => c.id);
  const used = new Set<number>();
  if (ids.length === 0) return used;

  const domains = await ctx.db
    .selectFrom('domains')
    .select(['registrant_contact_id', 'admin_contact_id', 'tech_contact_id', 'billing_contact_id'])
    .where('released_at', 'is', null)
    .where((eb) => eb.or(CONTACT_ROLES.map((role) => eb(ROLE_COLUMNS[role], 'in', ids))))
    .execute();
  for (const d of domains) for (const role of CONTACT_ROLES) if (d[ROLE_COLUMNS[role]] !== null) used.add(d[ROLE_COLUMNS[role]]!);

  const nssets = await ctx.db.selectFrom('nssets').select('tech_contact_id').where('tech_contact_id', 'in', ids).execute();
  for (const n of nssets) used.add(n.tech_contact_id!);

  const templates = [
    ...(await ctx.db.selectFrom('account_defaults').select('template').where('account_id', '=', accountId).execute()),
    ...(await ctx.db.selectFrom('folders').select('template').where('account_id', '=', accountId).execute()),
  ];
  const templateNumbers = new Set(templates.flatMap((t) => templateContactNumbers(t.template)));
  for (const c of contacts) if (templateNumbers.has(c.number)) used.add(c.id);

  // A pending transfer applies its contacts (public numbers) when it completes (transfers/transfer-contacts.ts).
  const transfers = await ctx.db.selectFrom('transfers').select('contacts').where('gaining_account_id', '=', accountId)
    .where('status', '=', 'pending').where('contacts', 'is not', null).execute();
  const transferNumbers = new Set(transfers.flatMap((t) => Object.values(t.contacts ?? {}).filter((n): n is number => typeof n === 'number')));
  for (const c of contacts) if (transferNumbers.has(c.number)) used.add(c.id);
  return new Set(ids.filter((id) => used.has(id)));
}

/** Contacts named by a settings template (account defaults or folder): public numbers per role. */
export type TemplateContacts = Partial<Record<ContactRole, number>>;

function templateContactNumbers(template: SettingsTemplate): number[] {
  const contacts = template.contacts;
  if (contacts === null || typeof contacts !== 'object') return [];
  return Object.values(contacts as Record<string, unknown>)
    .map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v))
    .filter((v): v is number => typeof v === 'number');
}
