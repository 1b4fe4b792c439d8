/**
 * The read model of a contact. `id` is the stored public number every
 * dialect shows (Freenom contact_id, Dynadot ContactId); `handle` is the
 * stored WEDOS-style handle. The internal row id never leaves the core.
 */
import type { CnAuditStatus, ContactRow } from '../../../store/index.ts';

export type ContactRole = 'registrant' | 'admin' | 'tech' | 'billing';
export const CONTACT_ROLES: readonly ContactRole[] = ['registrant', 'admin', 'tech', 'billing'];

export type CnContactType = 'Individual' | 'Enterprise';

/** The documents submitted for a CNNIC audit, as given (enterprise fields only for Enterprise). */
export interface CnAuditData {
  readonly contactType: CnContactType;
  readonly individualIdType: string;
  readonly individualLicenseId: string;
  readonly individualUrl: string;
  readonly enterpriseIdType?: string;
  readonly enterpriseLicenseId?: string;
  readonly enterpriseUrl?: string;
  /** The submission instant (ISO 8601), from which the audit moves on the engine clock (cn-audit-timetable.ts). */
  readonly submittedAt?: string;
}

export interface ContactView {
  readonly id: number;
  readonly handle: string;
  /** Display name: first, middle and last name, or the organization when they are empty. */
  readonly name: string;
  readonly title: string;
  readonly firstName: string;
  readonly middleName: string;
  readonly lastName: string;
  readonly organization: string;
  readonly address1: string;
  readonly address2: string;
  readonly address3: string;
  readonly city: string;
  /** ISO 3166-2 subdivision part without the country prefix ("CA"), or ''. */
  readonly state: string;
  readonly postcode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** "+CC.NUMBER" or "+DIGITS" (see normalizePhone). */
  readonly phone: string;
  readonly fax: string;
  readonly email: string;
  readonly email2: string;
  readonly notifyEmail: string;
  /** WEDOS `ic`. */
  readonly companyNumber: string;
  /** WEDOS `dic`. */
  readonly vatNumber: string;
  readonly identType: string;
  readonly identValue: string;
  /** Dynadot set_contact_eu_setting. */
  readonly euCitizenship: string | null;
  /** Dynadot set_contact_lv_setting. */
  readonly lvRegistrationNumber: string | null;
  readonly lvVatNumber: string | null;
  readonly cnAudit: CnAuditData | null;
  readonly cnAuditStatus: CnAuditStatus;
  readonly cnAuditFailedReason: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A live domain of the same account that uses the contact, and in which role. */
export interface ContactUse {
  readonly domain: string;
  readonly unicodeDomain: string;
  readonly role: ContactRole;
}

export interface ContactDetails extends ContactView {
  /** Ordered by domain name, then role (registrant, admin, tech, billing). */
  readonly domains: readonly ContactUse[];
}

export function contactDisplayName(row: Pick<ContactRow, 'first_name' | 'middle_name' | 'last_name' | 'organization'>): string {
  const person = [row.first_name, row.middle_name, row.last_name].filter((s) => s !== '').join(' ');
  return person !== '' ? person : row.organization;
}

export function toContactView(row: ContactRow): ContactView {
  return {
    id: row.number,
    handle: row.handle,
    name: contactDisplayName(row),
    title: row.title,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    organization: row.organization,
    address1: row.address1,
    address2: row.address2,
    address3: row.address3,
    city: row.city,
    state: row.state,
    postcode: row.postcode,
    country: row.country,
    phone: row.phone,
    fax: row.fax,
    email: row.email,
    email2: row.email2,
    notifyEmail: row.notify_email,
    companyNumber: row.company_number,
    vatNumber: row.vat_number,
    identType: row.ident_type,
    identValue: row.ident_value,
    euCitizenship: row.eu_citizenship,
    lvRegistrationNumber: row.lv_registration_number,
    lvVatNumber: row.lv_vat_number,
    cnAudit: (row.cn_audit as CnAuditData | null) ?? null,
    cnAuditStatus: row.cn_audit_status,
    cnAuditFailedReason: row.cn_audit_failed_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
