/**
 * Contacts on the Dynadot wire (spec §9): the request fields of
 * create_contact / edit_contact read into core's contact fields, and a
 * contact written as contact_list / get_contact show it.
 *
 * | wire | core |
 * |---|---|
 * | name | name (split on its last space; one word is a first name) |
 * | phonecc + phonenum | phone `+<cc>.<digits>` (dots, dashes, spaces dropped) |
 * | faxcc + faxnum | fax, the same way ('' when neither is sent) |
 * | address1, address2 | address1, address2 (address3 is written after address2) |
 * | zip | postcode |
 * | state | state: an ISO 3166-2 subdivision code (`CA`, `US-CA`) |
 */
import type { ContactFieldsInput, ContactView, RegdError } from '../../../core/index.ts';
import { DynadotError, type WireError } from '../errors.ts';
import type { Params } from '../params.ts';

/** Required request fields, in the order the document lists them (the first missing one is named). */
const REQUIRED = ['name', 'email', 'phonenum', 'phonecc', 'address1', 'city', 'zip', 'country'] as const;

function phone(params: Params, ccName: string, numName: string, required: boolean): string | undefined {
  const cc = params.one(ccName) ?? '';
  const num = params.one(numName) ?? '';
  if (!required && cc === '' && num === '') return '';
  if (cc === '') throw DynadotError.missing(ccName);
  if (num === '') throw DynadotError.missing(numName);
  if (!/^\+?\d{1,3}$/.test(cc)) throw DynadotError.invalid(ccName, cc);
  const digits = num.replace(/[\s.()-]/g, '');
  if (!/^\d{4,14}$/.test(digits)) throw DynadotError.invalid(numName, num);
  return `+${cc.replace(/^\+/, '')}.${digits}`;
}

/** The contact fields of a create_contact / edit_contact request (every field: edit replaces them all). */
export function contactFields(params: Params): ContactFieldsInput {
  for (const name of REQUIRED) params.required(name);
  return {
    name: params.required('name'),
    organization: params.one('organization') ?? '',
    email: params.required('email'),
    phone: phone(params, 'phonecc', 'phonenum', true),
    fax: phone(params, 'faxcc', 'faxnum', false),
    address1: params.required('address1'),
    address2: params.one('address2') ?? '',
    city: params.required('city'),
    state: params.one('state') ?? '',
    postcode: params.required('zip'),
    country: params.required('country'),
  };
}

/** Core's parameter names → the wire's, for INVALID_VALUE / MISSING_PARAMETER texts. */
const WIRE_NAMES: Readonly<Record<string, string>> = {
  postcode: 'zip', phone: 'phonenum', fax: 'faxnum', first_name: 'name', last_name: 'name',
};

const detail = (e: RegdError, key: string): string => String((e.details as Record<string, unknown>)[key] ?? '');
const wireName = (e: RegdError): string => WIRE_NAMES[detail(e, 'param')] ?? detail(e, 'param');

/** Error overrides of the contact commands: core's field names in the wire's words. */
export const CONTACT_FIELD_ERRORS = {
  INVALID_VALUE: { message: (e: RegdError) => `invalid ${wireName(e)}: ${detail(e, 'reason')}` },
  MISSING_PARAMETER: { message: (e: RegdError) => `missing ${wireName(e)} param` },
} as const satisfies Readonly<Record<string, WireError>>;

/** `+1.5555555233` → [`1`, `5555555233`]; a number without a country code keeps its digits whole. */
export function splitPhone(p: string): [string, string] {
  if (p === '') return ['', ''];
  const m = /^\+(\d{1,3})\.(\d+)$/.exec(p);
  return m ? [m[1]!, m[2]!] : ['', p.replace(/^\+/, '')];
}

/**
 * A contact as contact_list and get_contact write it. `GtldVerified` is
 * `yes`: regd asks no registrant verification, so no contact is waiting
 * for one (domain_info's `RegistrantUnverified` is `no` for the same reason).
 */
export function contactWire(c: ContactView): Record<string, string> {
  const [phoneCc, phoneNum] = splitPhone(c.phone);
  const [faxCc, faxNum] = splitPhone(c.fax);
  return {
    ContactId: String(c.id),
    Organization: c.organization,
    Name: c.name,
    Email: c.email,
    PhoneCc: phoneCc,
    PhoneNum: phoneNum,
    FaxCc: faxCc,
    FaxNum: faxNum,
    Address1: c.address1,
    Address2: [c.address2, c.address3].filter((s) => s !== '').join(', '),
    City: c.city,
    State: c.state,
    ZipCode: c.postcode,
    Country: c.country,
    GtldVerified: 'yes',
  };
}

/** A `contact_id`: a contact's public number (a positive integer). */
export function contactIdParam(params: Params, name = 'contact_id'): number {
  return params.requiredInteger(name, 1);
}
