/**
 * What the WHOIS and RDAP services publish about a registration, and the
 * rules every publication applies the same way: the EPP status codes of a
 * lifecycle state (RFC 5731, RFC 3915; RDAP maps them by RFC 8056), and the
 * redaction of contact data by the privacy a dialect set (Freenom ID shield,
 * Dynadot set_privacy, as WEDOS shows it with HIDDEN), after ICANN's
 * Registration Data Policy:
 *
 * - `off`: everything is published.
 * - `partial`: name, organization, city, state/province and country are
 *   published; street, postal code, phone, fax and e-mail are redacted
 *   (the fields WEDOS shows as HIDDEN under partial privacy).
 * - `full`: only the state/province and the country are published; the
 *   registry contact id, name, organization, street, city, postal code,
 *   phone, fax and e-mail are redacted (WEDOS hides all but the country;
 *   ICANN keeps the state/province too, and so does regd).
 */
import type { Privacy } from '../../../store/index.ts';
import type { DomainState } from '../../lifecycle/project-domain.ts';
import type { ContactRole, ContactView } from '../contacts/contact-view.ts';
import type { DnssecKey } from '../domains/dnssec.ts';

/** The contact fields a publication shows; a redacted one is null. */
export const CONTACT_FIELDS = ['handle', 'name', 'organization', 'street', 'city', 'state', 'postcode', 'country', 'phone', 'fax', 'email'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

const REDACTED: Readonly<Record<Privacy, ReadonlySet<ContactField>>> = {
  off: new Set(),
  partial: new Set(['street', 'postcode', 'phone', 'fax', 'email']),
  full: new Set(['handle', 'name', 'organization', 'street', 'city', 'postcode', 'phone', 'fax', 'email']),
};

/** The fields redacted under a privacy setting, in CONTACT_FIELDS order. */
export function redactedFields(privacy: Privacy): readonly ContactField[] {
  return CONTACT_FIELDS.filter((f) => REDACTED[privacy].has(f));
}

export interface PublishedContact {
  readonly role: ContactRole;
  readonly handle: string | null;
  readonly name: string | null;
  readonly organization: string | null;
  /** Street lines (address1..3, empty ones left out). */
  readonly street: readonly string[] | null;
  readonly city: string | null;
  /** ISO 3166-2 subdivision code without the country prefix, or ''. */
  readonly state: string | null;
  readonly postcode: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly country: string | null;
  readonly phone: string | null;
  readonly fax: string | null;
  readonly email: string | null;
  /** The fields set to null by the privacy setting. */
  readonly redacted: readonly ContactField[];
}

export function publishContact(role: ContactRole, c: ContactView, privacy: Privacy): PublishedContact {
  const hidden = REDACTED[privacy];
  const show = <T>(field: ContactField, value: T): T | null => (hidden.has(field) ? null : value);
  return {
    role,
    handle: show('handle', c.handle),
    name: show('name', [c.firstName, c.middleName, c.lastName].filter((s) => s !== '').join(' ')),
    organization: show('organization', c.organization),
    street: show('street', [c.address1, c.address2, c.address3].filter((s) => s !== '')),
    city: show('city', c.city),
    state: show('state', c.state),
    postcode: show('postcode', c.postcode),
    country: show('country', c.country),
    phone: show('phone', c.phone),
    fax: show('fax', c.fax),
    email: show('email', c.email),
    redacted: redactedFields(privacy),
  };
}

/** EPP domain status codes (RFC 5731 §2.3) and RGP statuses (RFC 3915) regd's lifecycle produces. */
export type EppStatus =
  | 'ok' | 'pendingCreate' | 'addPeriod' | 'autoRenewPeriod' | 'redemptionPeriod' | 'pendingDelete'
  | 'pendingTransfer' | 'clientTransferProhibited';

/**
 * The statuses of a registration at an instant: the lifecycle state (a
 * redemption is EPP pendingDelete with the RGP redemptionPeriod), the add
 * grace period, a pending transfer and the registrar lock; `ok` when
 * nothing else applies. (A Dynadot reseller hold is the reseller's own mark
 * and changes nothing on the registry side: no clientHold.)
 */
export function eppStatusesOf(d: {
  readonly state: DomainState;
  readonly inAddGrace: boolean;
  readonly locked: boolean;
  readonly pendingTransfer: boolean;
}): EppStatus[] {
  const out: EppStatus[] = [];
  if (d.locked) out.push('clientTransferProhibited');
  if (d.state === 'pending_create') out.push('pendingCreate');
  if (d.inAddGrace) out.push('addPeriod');
  if (d.state === 'expired') out.push('autoRenewPeriod');
  if (d.state === 'redemption') out.push('redemptionPeriod', 'pendingDelete');
  if (d.state === 'pending_delete') out.push('pendingDelete');
  if (d.pendingTransfer) out.push('pendingTransfer');
  return out.length === 0 ? ['ok'] : out;
}

export interface PublishedNameServer {
  /** Lower-case A-label. */
  readonly name: string;
  readonly unicodeName: string;
  /** Glue or the served addresses; empty when regd holds none. */
  readonly addresses: readonly string[];
}

/** A registration as published: no account, auth code or setting beyond what WHOIS/RDAP show. */
export interface RegistrationRecord {
  /** Registry object id, e.g. "42_DOMAIN_COM-REGD". */
  readonly roid: string;
  readonly name: string;
  readonly unicodeName: string;
  readonly tld: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
  /** The last completed transfer or accepted push, if any. */
  readonly transferredAt: Date | null;
  readonly state: DomainState;
  readonly statuses: readonly EppStatus[];
  readonly privacy: Privacy;
  /** Registrant, admin, tech, billing, those the domain has. */
  readonly contacts: readonly PublishedContact[];
  readonly nameServers: readonly PublishedNameServer[];
  /** Empty: unsigned delegation. */
  readonly dnssec: readonly DnssecKey[];
}

export function domainRoid(id: number, tld: string): string {
  return `${id}_DOMAIN_${tld.toUpperCase().replace(/\./g, '_')}-REGD`;
}
