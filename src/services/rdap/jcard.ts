/**
 * Contacts as RDAP entities: jCard (RFC 7095) as RFC 9083 §5.1 and the
 * ICANN gTLD RDAP Response Profile show it, redacted by privacy with the
 * RFC 9537 `redacted` member. Redaction methods follow ICANN's profile:
 * name, street, city and postal code by an empty value; the registry
 * contact id (handle), organization, phone, fax and e-mail by removal.
 */
import type { ContactField, PublishedContact } from '../../core/index.ts';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

/** RFC 9083 roles by regd's contact role. */
export const RDAP_ROLES = { registrant: 'registrant', admin: 'administrative', tech: 'technical', billing: 'billing' } as const;
const LABELS = { registrant: 'Registrant', admin: 'Admin', tech: 'Tech', billing: 'Billing' } as const;

/** The jCard of a published contact: redacted fields are left out or empty, as the methods above say. */
export function contactVcard(c: PublishedContact): Json {
  const props: Json[] = [['version', {}, 'text', '4.0'], ['fn', {}, 'text', c.name ?? '']];
  if (c.organization !== null && c.organization !== '') props.push(['org', {}, 'text', c.organization]);
  const street: Json = c.street === null ? '' : c.street.length <= 1 ? (c.street[0] ?? '') : [...c.street];
  props.push(['adr', c.country ? { cc: c.country } : {}, 'text', ['', '', street, c.city ?? '', c.state ?? '', c.postcode ?? '', '']]);
  if (c.phone) props.push(['tel', { type: ['voice'] }, 'uri', `tel:${c.phone}`]);
  if (c.fax) props.push(['tel', { type: ['fax'] }, 'uri', `tel:${c.fax}`]);
  if (c.email) props.push(['email', {}, 'text', c.email]);
  return ['vcard', props];
}

const EMPTY_VALUE: ReadonlySet<ContactField> = new Set(['name', 'street', 'city', 'postcode']);

const FIELD_NAMES: Readonly<Record<ContactField, (label: string) => string>> = {
  handle: (l) => `Registry ${l} ID`,
  name: (l) => `${l} Name`,
  organization: (l) => `${l} Organization`,
  street: (l) => `${l} Street`,
  city: (l) => `${l} City`,
  state: (l) => `${l} State/Province`,
  postcode: (l) => `${l} Postal Code`,
  country: (l) => `${l} Country`,
  phone: (l) => `${l} Phone`,
  fax: (l) => `${l} Fax`,
  email: (l) => `${l} Email`,
};

/** JSONPath of each field inside an entity's own object (`@` is the entity). */
const FIELD_PATHS: Readonly<Record<ContactField, string>> = {
  handle: '.handle',
  name: ".vcardArray[1][?(@[0]=='fn')][3]",
  organization: ".vcardArray[1][?(@[0]=='org')]",
  street: ".vcardArray[1][?(@[0]=='adr')][3][2]",
  city: ".vcardArray[1][?(@[0]=='adr')][3][3]",
  state: ".vcardArray[1][?(@[0]=='adr')][3][4]",
  postcode: ".vcardArray[1][?(@[0]=='adr')][3][5]",
  country: ".vcardArray[1][?(@[0]=='adr')][1].cc",
  phone: ".vcardArray[1][?(@[0]=='tel' && @[1].type=='voice')]",
  fax: ".vcardArray[1][?(@[0]=='tel' && @[1].type=='fax')]",
  email: ".vcardArray[1][?(@[0]=='email')]",
};

/**
 * RFC 9537 `redacted` entries for a contact's redacted fields. `entityPath`
 * is the JSONPath of the entity in the response: `$.entities[?(@.roles[0]=='registrant')]`
 * in a domain, `$` for an entity looked up by itself.
 */
export function redactions(c: PublishedContact, entityPath: string): Json[] {
  const label = LABELS[c.role];
  return c.redacted.map((field) => {
    const path = `${entityPath}${FIELD_PATHS[field]}`;
    const empty = EMPTY_VALUE.has(field);
    return {
      name: { type: FIELD_NAMES[field](label) },
      ...(empty ? { postPath: path } : { prePath: path }),
      pathLang: 'jsonpath',
      method: empty ? 'emptyValue' : 'removal',
      reason: { type: 'Server policy', description: 'Registrant privacy setting' },
    };
  });
}
