/**
 * Contact fields as the core names them, and their validation into stored
 * columns. Shared by create (every column) and edit (complete replacement or
 * only the given fields). Parameter names in errors are core vocabulary
 * (snake_case), which each dialect maps to its own field names.
 */
import type { Updateable } from 'kysely';
import { ConflictingParameters, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { normalizeCountry, normalizeEmail, normalizePhone, requireString } from '../../validate.ts';
import { hasSubdivisions, isSubdivisionOf } from '../../subdivisions.ts';
import type { ContactRow, ContactsTable } from '../../../store/index.ts';

export interface ContactFieldsInput {
  readonly title?: string;
  /** A full name ("Jack Slater"), split on its last space into first and last name (Dynadot style); one word is a first name alone. */
  readonly name?: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName?: string;
  readonly organization?: string;
  readonly address1?: string;
  readonly address2?: string;
  readonly address3?: string;
  readonly city?: string;
  /** ISO 3166-2 subdivision of the country: "CA" or "US-CA" (stored "CA"). */
  readonly state?: string;
  readonly postcode?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string;
  /** International: "+1.5555555233", "+420 123 456 789". */
  readonly phone?: string;
  readonly fax?: string;
  readonly email?: string;
  readonly email2?: string;
  readonly notifyEmail?: string;
  readonly companyNumber?: string;
  readonly vatNumber?: string;
  /** CZ.NIC identification type: op (ID card), passport, mpsv, ico, birthday. */
  readonly identType?: string;
  readonly identValue?: string;
}

export type ContactColumns = Updateable<ContactsTable>;

/** Identification types of the CZ.NIC registry (WEDOS `own_other.ident_type`). */
export const IDENT_TYPES: readonly string[] = ['op', 'passport', 'mpsv', 'ico', 'birthday'];

const MAX_TITLE = 32;
const MAX_POSTCODE = 16;
const MAX_IDENT = 64;
const POSTCODE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;
const SUBDIVISION = /^[A-Z0-9]{1,3}$/;
const CONTROL_CHARS = /\p{Cc}/u;

/** Every column from a complete set of fields: required ones must be given, absent optional ones become ''. */
export function completeContactColumns(input: ContactFieldsInput): ContactColumns {
  const { firstName, lastName } = personName(input, 'complete');
  const country = normalizeCountry(required(input.country, 'country'));
  const identType = optionalIdentType(input.identType) ?? '';
  const identValue = optionalText(input.identValue, 'ident_value', MAX_IDENT) ?? '';
  verifyIdentPair(identType, identValue);
  return {
    title: optionalText(input.title, 'title', MAX_TITLE) ?? '',
    first_name: firstName,
    middle_name: optionalText(input.middleName, 'middle_name') ?? '',
    last_name: lastName,
    organization: optionalText(input.organization, 'organization') ?? '',
    address1: requiredText(input.address1, 'address1'),
    address2: optionalText(input.address2, 'address2') ?? '',
    address3: optionalText(input.address3, 'address3') ?? '',
    city: requiredText(input.city, 'city'),
    state: optionalState(input.state, country) ?? '',
    postcode: requiredPostcode(input.postcode),
    country,
    phone: normalizePhone(required(input.phone, 'phone'), 'phone'),
    fax: optionalPhone(input.fax, 'fax') ?? '',
    email: normalizeEmail(required(input.email, 'email'), 'email'),
    email2: optionalEmail(input.email2, 'email2') ?? '',
    notify_email: optionalEmail(input.notifyEmail, 'notify_email') ?? '',
    company_number: optionalText(input.companyNumber, 'company_number', MAX_IDENT) ?? '',
    vat_number: optionalText(input.vatNumber, 'vat_number', MAX_IDENT) ?? '',
    ident_type: identType,
    ident_value: identValue,
  };
}

/**
 * Only the given fields, validated against the current row where fields
 * depend on each other (a state's country prefix, the identification pair).
 * A required field given as '' is MissingParameter; an optional one is cleared.
 */
export function partialContactColumns(input: ContactFieldsInput, current: ContactRow): ContactColumns {
  const { firstName, lastName } = personName(input, 'partial');
  const country = input.country !== undefined ? normalizeCountry(required(input.country, 'country')) : undefined;
  const identType = optionalIdentType(input.identType);
  const identValue = optionalText(input.identValue, 'ident_value', MAX_IDENT);
  if (identType !== undefined || identValue !== undefined) {
    verifyIdentPair(identType ?? current.ident_type, identValue ?? current.ident_value);
  }
  const columns: ContactColumns = {
    title: optionalText(input.title, 'title', MAX_TITLE),
    first_name: firstName,
    middle_name: optionalText(input.middleName, 'middle_name'),
    last_name: lastName,
    organization: optionalText(input.organization, 'organization'),
    address1: input.address1 !== undefined ? requiredText(input.address1, 'address1') : undefined,
    address2: optionalText(input.address2, 'address2'),
    address3: optionalText(input.address3, 'address3'),
    city: input.city !== undefined ? requiredText(input.city, 'city') : undefined,
    // A new country without a new state: the stored state must belong to the new country too.
    state: optionalState(input.state ?? (country !== undefined && country !== current.country && current.state !== '' ? current.state : undefined), country ?? current.country),
    postcode: input.postcode !== undefined ? requiredPostcode(input.postcode) : undefined,
    country,
    phone: input.phone !== undefined ? normalizePhone(input.phone, 'phone') : undefined,
    fax: optionalPhone(input.fax, 'fax'),
    email: input.email !== undefined ? normalizeEmail(input.email, 'email') : undefined,
    email2: optionalEmail(input.email2, 'email2'),
    notify_email: optionalEmail(input.notifyEmail, 'notify_email'),
    company_number: optionalText(input.companyNumber, 'company_number', MAX_IDENT),
    vat_number: optionalText(input.vatNumber, 'vat_number', MAX_IDENT),
    ident_type: identType,
    ident_value: identValue,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as ContactColumns;
}

/**
 * First and last name from either `firstName` + `lastName` or a full `name`
 * split on its last space ("Jean Claude Van Damme" → "Jean Claude Van" + "Damme").
 */
function personName(input: ContactFieldsInput, mode: 'complete' | 'partial'): { firstName?: string; lastName?: string } {
  if (input.name !== undefined) {
    if (input.firstName !== undefined) throw new ConflictingParameters('name', 'first_name');
    if (input.lastName !== undefined) throw new ConflictingParameters('name', 'last_name');
    const full = requiredText(input.name, 'name').replace(/\s+/g, ' ');
    const cut = full.lastIndexOf(' ');
    // A single word ("Webb", the Dynadot example) is a first name without a last name.
    if (cut < 0) return { firstName: full, lastName: '' };
    return { firstName: full.slice(0, cut), lastName: full.slice(cut + 1) };
  }
  if (mode === 'partial') {
    return {
      firstName: input.firstName !== undefined ? requiredText(input.firstName, 'first_name') : undefined,
      lastName: input.lastName !== undefined ? requiredText(input.lastName, 'last_name') : undefined,
    };
  }
  return { firstName: requiredText(input.firstName, 'first_name'), lastName: requiredText(input.lastName, 'last_name') };
}

function required(input: unknown, param: string): unknown {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) throw new MissingParameter(param);
  return input;
}

function requiredText(input: unknown, param: string, max = 255): string {
  const s = requireString(input, param, { max });
  if (CONTROL_CHARS.test(s)) throw new InvalidValue(param, 'control characters are not allowed', input);
  return s;
}

function optionalText(input: unknown, param: string, max = 255): string | undefined {
  if (input === undefined) return undefined;
  const s = requireString(input, param, { max, allowEmpty: true });
  if (CONTROL_CHARS.test(s)) throw new InvalidValue(param, 'control characters are not allowed', input);
  return s;
}

function requiredPostcode(input: unknown): string {
  const s = requiredText(input, 'postcode', MAX_POSTCODE);
  if (!POSTCODE.test(s)) throw new InvalidValue('postcode', 'letters, digits, spaces and hyphens only', input);
  return s;
}

/**
 * "CA", "ca" or "US-CA" (the prefix must be the contact's country) → "CA";
 * '' clears. The code must be one of the country's in ISO 3166-2.
 */
function optionalState(input: unknown, country: string): string | undefined {
  const s = optionalText(input, 'state', 6);
  if (s === undefined || s === '') return s;
  const upper = s.toUpperCase();
  const prefixed = /^([A-Z]{2})-(.*)$/.exec(upper);
  if (prefixed && prefixed[1] !== country) {
    throw new InvalidValue('state', `the subdivision belongs to ${prefixed[1]}, not to the contact's country ${country}`, input);
  }
  const part = prefixed ? prefixed[2]! : upper;
  if (!SUBDIVISION.test(part)) throw new InvalidValue('state', 'an ISO 3166-2 subdivision code (1 to 3 letters or digits) is required', input);
  if (!hasSubdivisions(country)) throw new InvalidValue('state', `ISO 3166-2 lists no subdivisions of ${country}: leave the state empty`, input);
  if (!isSubdivisionOf(country, part)) throw new InvalidValue('state', `${country}-${part} is not an ISO 3166-2 subdivision code of ${country}`, input);
  return part;
}

function optionalPhone(input: unknown, param: string): string | undefined {
  if (input === undefined || input === '') return input;
  return normalizePhone(input, param);
}

function optionalEmail(input: unknown, param: string): string | undefined {
  if (input === undefined || input === '') return input;
  return normalizeEmail(input, param);
}

function optionalIdentType(input: unknown): string | undefined {
  const s = optionalText(input, 'ident_type', MAX_IDENT);
  if (s === undefined || s === '') return s;
  const lower = s.toLowerCase();
  if (!IDENT_TYPES.includes(lower)) throw new InvalidValue('ident_type', `one of ${IDENT_TYPES.join(', ')} is required`, input);
  return lower;
}

/** An identification is a type and a value together, or neither. */
function verifyIdentPair(type: string, value: string): void {
  if (type !== '' && value === '') throw new MissingParameter('ident_value');
  if (type === '' && value !== '') throw new MissingParameter('ident_type');
}
