/**
 * PUT contact/register: create a contact, or, with `contact_id`, change an
 * existing one. On create every "required" field of the table must be
 * given; on update only the fields given change (an empty optional field
 * clears it).
 */
import { createContact, editContact, type ContactFieldsInput } from '../../../core/index.ts';
import { WireError } from '../errors.ts';
import { contactId, type Params } from '../params.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

/** Wire field → engine field, in the order of the parameter table, with whether creation requires it. */
const FIELDS: readonly (readonly [wire: string, core: keyof ContactFieldsInput, required: boolean])[] = [
  ['contact_organization', 'organization', false],
  ['contact_title', 'title', false],
  ['contact_firstname', 'firstName', true],
  ['contact_middlename', 'middleName', false],
  ['contact_lastname', 'lastName', true],
  ['contact_address', 'address1', true],
  ['contact_city', 'city', true],
  ['contact_zipcode', 'postcode', true],
  ['contact_statecode', 'state', true],
  ['contact_countrycode', 'country', true],
  ['contact_phone', 'phone', true],
  ['contact_fax', 'fax', false],
  ['contact_email', 'email', true],
];

interface ContactInput {
  readonly contactId: number | undefined;
  readonly fields: ContactFieldsInput;
}

export const contactRegister = defineCommand<ContactInput>({
  path: 'contact/register',
  method: 'PUT',
  auth: 'required',
  params: { names: [...FIELDS.map(([wire]) => wire), 'contact_id', 'email', 'password'] },
  uses: [createContact, editContact],
  transaction: 'flow',
  parse(params) {
    const id = contactId(params, 'contact_id');
    return { contactId: id, fields: id === undefined ? creationFields(params) : updateFields(params) };
  },
  async run(call, input) {
    const contact = input.contactId === undefined
      ? await call.run(createContact, input.fields)
      : await call.run(editContact, { ...input.fields, contactId: input.contactId });
    const status = input.contactId === undefined ? 'REGISTERED' : 'UPDATED';
    return ok({ contact: [{ contact_id: String(contact.id), status }] }, `CONTACT ${status}`);
  },
});

function creationFields(params: Params): ContactFieldsInput {
  const out: Record<string, string> = {};
  for (const [wire, core, required] of FIELDS) {
    const v = params.one(wire);
    if (v === undefined && required) throw new WireError(`Missing parameter: ${wire}`);
    if (v !== undefined) out[core] = v;
  }
  return out;
}

function updateFields(params: Params): ContactFieldsInput {
  const out: Record<string, string> = {};
  for (const [wire, core] of FIELDS) {
    const v = params.oneOrEmpty(wire);
    if (v !== undefined) out[core] = v;
  }
  return out;
}
