/**
 * What WHOIS and RDAP both say: the registrar's identity (configured), the
 * EPP status codes with ICANN's URLs, the terms of use, the redaction
 * statements, and the formats of dates. One wording for both services.
 */
import type { EppStatus, Privacy } from '../../core/index.ts';

/** The registrar as WHOIS and RDAP show it (`registrar:` configuration). */
export interface RegistrarIdentity {
  readonly name: string;
  readonly ianaId: number;
  readonly url: string;
  readonly whoisServer: string;
  readonly abuseEmail: string;
  readonly abusePhone: string;
}

export const ICANN_STATUS_URL = 'https://icann.org/epp';
export const ICANN_INACCURACY_FORM = 'https://icann.org/wicf';

export function statusUrl(status: EppStatus): string {
  return `${ICANN_STATUS_URL}#${status}`;
}

export const REDACTED = 'REDACTED FOR PRIVACY';

/** What replaces a redacted e-mail address (ICANN's wording for RDDS output). */
export const REDACTED_EMAIL =
  'Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant, Admin, or Tech contact of the queried domain name.';

export function termsOfUse(r: RegistrarIdentity): string {
  return `TERMS OF USE: The data in ${r.name}'s registration data service is provided for information purposes only, `
    + 'to assist persons in obtaining information about or related to a domain name registration record. '
    + `${r.name} does not guarantee its accuracy. By submitting a query, you agree to use this data only for lawful purposes `
    + 'and that under no circumstances will you use it to (1) allow, enable, or otherwise support the transmission of mass '
    + 'unsolicited, commercial advertising or solicitations via e-mail, telephone, or facsimile; or (2) enable high volume, '
    + `automated, electronic processes that send queries or data to the systems of ${r.name}. `
    + `${r.name} reserves the right to restrict access to this service and to modify these terms at any time.`;
}

export const STATUS_NOTICE = `For more information on domain status codes, please visit ${ICANN_STATUS_URL}`;

/** `shown`: how the service marks what it withholds (WHOIS: the REDACTED FOR PRIVACY text; RDAP: the `redacted` member). */
export function redactionNotice(privacy: Privacy, shown = `shown as "${REDACTED}"`): string | undefined {
  if (privacy === 'off') return undefined;
  return `The registrant of this domain chose ${privacy} privacy: contact data ${shown} is withheld as ICANN's Registration Data Policy provides `
    + (privacy === 'full'
      ? '(only the state/province and country of each contact are published).'
      : '(street, postal code, phone, fax and e-mail are withheld; name, organization, city, state/province and country are published).');
}

/** ISO 8601 in UTC to the second, as ICANN's RDDS specification writes dates. */
export function rddsDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
