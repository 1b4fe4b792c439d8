/**
 * Contact commands (§15.5, [L1551-2060]) on core's contact flows:
 *
 *   create_contact  legacy   CreateContactContent{ContactId} (JSON keeps the wrapper)
 *   edit_contact    mixed B  EditContactContent{ContactId}; the given fields replace the contact's
 *   delete_contact  legacy   envelope only; a comma list, all or nothing; contacts in use are refused
 *   contact_list    new      ContactListContent>ContactList>Contact* (JSON ContactList[])
 *   get_contact     new      GetContactContent>GetContact>Contact (JSON GetContact{})
 *
 * Contact ids are the contacts' public numbers (what every other dialect
 * shows for the same contact). Fields: contact-values.ts.
 */
import { createContact, deleteContact, editContact, getContact, listContacts, MAX_DELETE_BATCH, type ContactFieldsInput } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { CONTACT_FIELD_ERRORS, contactFields, contactIdParam, contactWire } from './contact-values.ts';

export const createContactCommand = defineCommand<ContactFieldsInput>({
  name: 'create_contact',
  uses: [createContact],
  errors: CONTACT_FIELD_ERRORS,
  parse: (params) => contactFields(params),
  async run(call, input) {
    const c = await call.run(createContact, input);
    const content = { ContactId: String(c.id) };
    return { content, json: { CreateContactContent: content } };
  },
});

export const editContactCommand = defineCommand<ContactFieldsInput & { readonly contactId: number }>({
  name: 'edit_contact',
  uses: [editContact],
  errors: CONTACT_FIELD_ERRORS,
  parse: (params) => ({ contactId: contactIdParam(params), ...contactFields(params) }),
  async run(call, input) {
    const c = await call.run(editContact, { ...input, replace: true });
    const content = { ContactId: String(c.id) };
    // CSV: the example's garbled `ok,` / `success,` / `,` read as one line `ok,success,<ContactId>` (as set_contact_lv_setting's).
    return { content, json: { EditContactContent: content }, csv: [['success', String(c.id)]] };
  },
});

export const deleteContactCommand = defineCommand<{ readonly ids: number[] }>({
  name: 'delete_contact',
  uses: [deleteContact],
  parse(params) {
    const ids = params.requiredList('contact_id', MAX_DELETE_BATCH).map((v) => {
      if (!/^\d{1,15}$/.test(v) || Number(v) < 1) throw DynadotError.invalid('contact_id', v);
      return Number(v);
    });
    return { ids };
  },
  async run(call, input) {
    await call.run(deleteContact, { contactIds: input.ids });
    return {};
  },
});

export const contactList = defineCommand<Record<string, never>>({
  name: 'contact_list',
  uses: [listContacts],
  parse: () => ({}),
  async run(call) {
    const { items } = await call.run(listContacts, {});
    const contacts = items.map(contactWire);
    return { content: { ContactList: { Contact: contacts } }, json: { ContactList: contacts } };
  },
});

export const getContactCommand = defineCommand<{ readonly contactId: number }>({
  name: 'get_contact',
  uses: [getContact],
  parse: (params) => ({ contactId: contactIdParam(params) }),
  async run(call, input) {
    const c = contactWire(await call.run(getContact, { contactId: input.contactId }));
    return { content: { GetContact: { Contact: c } }, json: { GetContact: c } };
  },
});
