/** GET contact/getinfo: one or more contacts (repeated `contact_id`), each with the domains that use it. */
import { getContact } from '../../../core/index.ts';
import { WireError } from '../errors.ts';
import { contactIdValue } from '../params.ts';
import { contactWithDomains, ok, type WireObject } from '../render.ts';
import { defineCommand } from './command.ts';

export const contactGetinfo = defineCommand<{ readonly contactIds: readonly number[] }>({
  path: 'contact/getinfo',
  method: 'GET',
  auth: 'required',
  params: { names: ['contact_id', 'email', 'password'], multiple: ['contact_id'] },
  uses: [getContact],
  parse(params) {
    const ids = params.many('contact_id').map((v) => contactIdValue(v, 'contact_id'));
    if (ids.length === 0) throw new WireError('Missing parameter: contact_id');
    return { contactIds: [...new Set(ids)] };
  },
  async run(call, input) {
    const contact: WireObject[] = [];
    for (const contactId of input.contactIds) contact.push(contactWithDomains(await call.run(getContact, { contactId })));
    return ok({ contact }, 'CONTACTS LISTED');
  },
});
