/**
 * What several Freenom responses show about a domain beyond the engine's
 * domain view: its contacts by public contact id and its auth code (read
 * through getAuthCode; domain/getinfo reads both with getDomainOverview).
 */
import { getAuthCode, isError, type ContactView, type ContactRole } from '../../core/index.ts';
import type { FlowCaller } from '../kit/index.ts';
import type { WireObject } from './render.ts';

export type DomainContacts = Readonly<Record<ContactRole, ContactView | null>>;

/** Only the roles a request names (public contact numbers). */
export function definedRoles(roles: Readonly<Record<ContactRole, number | undefined>>): Partial<Record<ContactRole, number>> {
  return Object.fromEntries(Object.entries(roles).filter(([, v]) => v !== undefined)) as Partial<Record<ContactRole, number>>;
}

/** owner_id, tech_id, billing_id, admin_id in the order of the register and renew tables; '' for an empty role. */
export function contactIdFields(contacts: DomainContacts): WireObject {
  const id = (role: ContactRole) => (contacts[role] ? String(contacts[role].id) : '');
  return { owner_id: id('registrant'), tech_id: id('tech'), billing_id: id('billing'), admin_id: id('admin') };
}

/** The same fields from public contact numbers (a registration's result carries them). */
export function contactNumberFields(contacts: Readonly<Record<ContactRole, number | null>>): WireObject {
  const id = (role: ContactRole) => (contacts[role] !== null ? String(contacts[role]) : '');
  return { owner_id: id('registrant'), tech_id: id('tech'), billing_id: id('billing'), admin_id: id('admin') };
}

/**
 * The domain's auth code; '' while the registrant cannot read it (a
 * cancelled domain in redemption: the engine refuses the read).
 */
export async function authCodeOf(call: FlowCaller, domain: string): Promise<string> {
  try {
    return (await call.run(getAuthCode, { name: domain })).authCode;
  } catch (e) {
    if (isError(e, 'DOMAIN_STATUS_PROHIBITS')) return '';
    throw e;
  }
}
