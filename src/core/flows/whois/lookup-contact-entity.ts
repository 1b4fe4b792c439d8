/**
 * A contact as an RDAP entity, looked up by its stored handle: published
 * only while a live registration uses it, with the roles it plays there,
 * and redacted by the strictest privacy among those domains (a contact a
 * private domain names is not revealed through another of its domains).
 * Public data: any caller.
 */
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';
import type { Privacy } from '../../../store/index.ts';
import { markReadOnly } from '../../run-flow.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { CONTACT_ROLES, toContactView, type ContactRole } from '../contacts/contact-view.ts';
import { ROLE_COLUMNS } from '../contacts/contact-usage.ts';
import { publishContact, type PublishedContact } from './registration-view.ts';

export const throws = [] as const satisfies readonly ErrorCode[];

export interface ContactEntityRecord {
  /** The handle looked up (the contact's own, also when the published copy redacts it). */
  readonly handle: string;
  /** Redacted by `privacy`; its `role` is the first of `roles`. */
  readonly contact: PublishedContact;
  readonly roles: readonly ContactRole[];
  readonly privacy: Privacy;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const STRICTNESS: Readonly<Record<Privacy, number>> = { off: 0, partial: 1, full: 2 };

export const lookupContactEntity = markReadOnly(async function lookupContactEntity(
  ctx: FlowContext,
  input: { readonly handle: string },
): Promise<ContactEntityRecord | undefined> {
  if (typeof input.handle !== 'string' || input.handle.length > 64) return undefined;
  const contact = await ctx.db.selectFrom('contacts').selectAll().where('handle', '=', input.handle.toUpperCase()).executeTakeFirst();
  if (!contact) return undefined;
  const domains = await ctx.db.selectFrom('domains')
    .select(['tld', 'privacy', 'domain_type', 'created_at', 'create_completes_at', 'expires_at', 'add_grace_ends_at', 'deleted_at', 'released_at', ...Object.values(ROLE_COLUMNS)])
    .where('released_at', 'is', null)
    .where('account_id', '=', contact.account_id)
    .where((eb) => eb.or(Object.values(ROLE_COLUMNS).map((col) => eb(col, '=', contact.id))))
    .execute();
  const live = domains.filter((d) => projectDomainAt(d, ctx.policy.get(d.tld), ctx.now).state !== 'released');
  if (live.length === 0) return undefined;
  const roles = CONTACT_ROLES.filter((role) => live.some((d) => d[ROLE_COLUMNS[role]] === contact.id));
  const privacy = live.map((d) => d.privacy).reduce((a, b) => (STRICTNESS[b] > STRICTNESS[a] ? b : a), 'off' as Privacy);
  return {
    handle: contact.handle,
    contact: publishContact(roles[0]!, toContactView(contact), privacy),
    roles,
    privacy,
    createdAt: contact.created_at,
    updatedAt: contact.updated_at,
  };
});
