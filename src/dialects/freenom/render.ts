/**
 * Freenom wire forms. A response is an ordered tree of text values: JSON
 * (the default) keeps that order and writes every scalar as a string; XML
 * (a `.xml` suffix) writes the same tree under a <response> root, one
 * element per key, a list as repeated elements of the key's name (an empty
 * list as no element). Dates are YYYYMMDD, timestamps
 * "YYYY-MM-DD HH:MM:SS UTC", periods "1Y" / "3M", amounts decimal strings.
 */
import { formatAmount, type ContactDetails, type ContactRole, type ContactView, type DomainState, type Quote } from '../../core/index.ts';
import { renderJson, renderXml, type XmlStyle } from '../kit/index.ts';

export type WireValue = string | WireObject | readonly WireObject[];
export interface WireObject {
  readonly [key: string]: WireValue;
}

export type Format = 'json' | 'xml';

export const XML_ROOT = 'response';

/** Freenom's XML: declaration, two-space indentation, quotes escaped, empty values as `<a></a>`. */
export const XML_STYLE: XmlStyle = {
  declaration: true, indent: '  ', escapeQuotes: true, booleans: 'words', empty: 'pair',
  indexedObjectsAreLists: false, sanitizeNames: false, dropInvalidChars: false,
};

export function serialize(payload: WireObject, format: Format): string {
  return format === 'json' ? renderJson(payload) : renderXml(XML_ROOT, payload, XML_STYLE);
}

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

export function errorPayload(message: string): WireObject {
  return { status: 'error', error: message };
}

/** The success envelope: the function's elements, then result, then status (the ping example's order). */
export function ok(elements: WireObject, result?: string): WireObject {
  return { ...elements, ...(result !== undefined ? { result } : {}), status: 'OK' };
}

// ---- values ----

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYYMMDD (UTC). */
export function wireDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** YYYY-MM-DD HH:MM:SS UTC. */
export function wireTimestamp(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** FREE registrations count in months ("3M", "12M"), PAID ones in years ("1Y"). */
export function wirePeriod(months: number, domainType: 'FREE' | 'PAID'): string {
  if (domainType === 'PAID' && months % 12 === 0) return `${months / 12}Y`;
  return `${months}M`;
}

export function enabled(flag: boolean): string {
  return flag ? 'enabled' : 'disabled';
}

/** ACTIVE while the registrant holds a working registration; CANCELLED once deleted or expired past its grace. */
export function wireDomainStatus(state: DomainState): string {
  return state === 'redemption' || state === 'pending_delete' || state === 'released' ? 'CANCELLED' : 'ACTIVE';
}

/**
 * One price. regd keeps one price list: what the account pays is both the
 * partner (registrar) price and the retail price.
 */
export function priceTerms(quote: Quote): { currency: string; partnerprice: string; retailprice: string } {
  const amount = formatAmount(quote.totalMinor, quote.currency);
  return { currency: quote.currency, partnerprice: amount, retailprice: amount };
}

// ---- contacts ----

/** Freenom's names for the four roles: owner_id / admin_id / tech_id / billing_id, contact_domain type. */
export const ROLE_NAMES: Readonly<Record<ContactRole, string>> = { registrant: 'owner', admin: 'admin', tech: 'tech', billing: 'billing' };

export function contactFields(c: ContactView | null): WireObject {
  return {
    contact_id: c ? String(c.id) : '',
    contact_title: c?.title ?? '',
    contact_firstname: c?.firstName ?? '',
    contact_middlename: c?.middleName ?? '',
    contact_lastname: c?.lastName ?? '',
    contact_organization: c?.organization ?? '',
    // Freenom has one address field; lines entered through other dialects are joined.
    contact_address: c ? [c.address1, c.address2, c.address3].filter((l) => l !== '').join(', ') : '',
    contact_city: c?.city ?? '',
    contact_zipcode: c?.postcode ?? '',
    // ISO 3166-2 as the document names it: the country prefix included (FR-75C, CZ-64), whichever form was sent.
    contact_statecode: c && c.state !== '' ? `${c.country}-${c.state}` : '',
    contact_countrycode: c?.country ?? '',
    contact_phone: c?.phone ?? '',
    contact_fax: c?.fax ?? '',
    contact_email: c?.email ?? '',
  };
}

/** contact/getinfo and contact/list: the fields and the domains using the contact. */
export function contactWithDomains(c: ContactDetails): WireObject {
  return {
    ...contactFields(c),
    contact_domain: c.domains.map((u) => ({ domainname: u.domain, type: ROLE_NAMES[u.role] })),
  };
}
