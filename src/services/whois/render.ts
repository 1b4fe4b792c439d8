/**
 * The WHOIS answer for a registration, in the key: value layout of ICANN's
 * RDDS specification (2013 RAA, Registration Data Directory Service
 * Consistent Labeling and Display Policy), with contacts redacted by
 * privacy, and the answers for no match and for refused queries.
 */
import type { PublishedContact, RegistrationRecord } from '../../core/index.ts';
import {
  ICANN_INACCURACY_FORM, REDACTED, REDACTED_EMAIL, STATUS_NOTICE, rddsDate, redactionNotice, statusUrl, termsOfUse,
  type RegistrarIdentity,
} from './notices.ts';

const ROLE_LABELS = { registrant: 'Registrant', admin: 'Admin', tech: 'Tech', billing: 'Billing' } as const;

export function renderRecord(r: RegistrationRecord, registrar: RegistrarIdentity, now: Date): string {
  const lines: string[] = [
    `Domain Name: ${r.name}`,
    `Registry Domain ID: ${r.roid}`,
    `Registrar WHOIS Server: ${registrar.whoisServer}`,
    `Registrar URL: ${registrar.url}`,
    `Updated Date: ${rddsDate(r.updatedAt)}`,
    `Creation Date: ${rddsDate(r.createdAt)}`,
    `Registry Expiry Date: ${rddsDate(r.expiresAt)}`,
    `Registrar: ${registrar.name}`,
    `Registrar IANA ID: ${registrar.ianaId}`,
    `Registrar Abuse Contact Email: ${registrar.abuseEmail}`,
    `Registrar Abuse Contact Phone: ${registrar.abusePhone}`,
    ...r.statuses.map((s) => `Domain Status: ${s} ${statusUrl(s)}`),
  ];
  for (const role of ['registrant', 'admin', 'tech', 'billing'] as const) {
    lines.push(...contactLines(ROLE_LABELS[role], r.contacts.find((c) => c.role === role)));
  }
  lines.push(...r.nameServers.map((ns) => `Name Server: ${ns.name}`));
  lines.push(`DNSSEC: ${r.dnssec.length > 0 ? 'signedDelegation' : 'unsigned'}`);
  lines.push(`URL of the ICANN Whois Inaccuracy Complaint Form: ${ICANN_INACCURACY_FORM}/`);
  lines.push(`>>> Last update of WHOIS database: ${rddsDate(now)} <<<`, '', STATUS_NOTICE, '');
  const notice = redactionNotice(r.privacy);
  if (notice) lines.push(notice, '');
  lines.push(termsOfUse(registrar));
  return text(lines);
}

function contactLines(label: string, c: PublishedContact | undefined): string[] {
  const v = (value: string | null | undefined) => (value === null ? REDACTED : (value ?? ''));
  const lines = [
    `Registry ${label} ID: ${v(c?.handle)}`,
    `${label} Name: ${v(c?.name)}`,
    `${label} Organization: ${v(c?.organization)}`,
  ];
  const street = c?.street;
  if (street === null) lines.push(`${label} Street: ${REDACTED}`);
  else if (!street || street.length === 0) lines.push(`${label} Street: `);
  else lines.push(...street.map((s) => `${label} Street: ${s}`));
  lines.push(
    `${label} City: ${v(c?.city)}`,
    `${label} State/Province: ${v(c?.state)}`,
    `${label} Postal Code: ${v(c?.postcode)}`,
    `${label} Country: ${v(c?.country)}`,
    `${label} Phone: ${v(c?.phone)}`,
    `${label} Phone Ext: ${c?.phone === null ? REDACTED : ''}`,
    `${label} Fax: ${v(c?.fax)}`,
    `${label} Fax Ext: ${c?.fax === null ? REDACTED : ''}`,
    `${label} Email: ${c?.email === null ? REDACTED_EMAIL : (c?.email ?? '')}`,
  );
  return lines;
}

export function renderNoMatch(asciiName: string, registrar: RegistrarIdentity, now: Date, note?: string): string {
  return text([
    `No match for "${asciiName.toUpperCase()}".`,
    ...(note ? [note] : []),
    `>>> Last update of WHOIS database: ${rddsDate(now)} <<<`,
    '',
    termsOfUse(registrar),
  ]);
}

/** A refused or unanswerable query: one comment line (whois clients print it as it is). */
export function renderRefusal(message: string): string {
  return text([`% ${message}`]);
}

/** WHOIS lines end with CRLF (RFC 3912); long lines are kept whole (clients wrap). */
function text(lines: readonly string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}
