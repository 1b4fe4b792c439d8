/** GET contact/list: every contact of the caller, each with the domains that use it. */
import { listContacts } from '../../../core/index.ts';
import { contactWithDomains, ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const contactList = defineCommand<void>({
  path: 'contact/list',
  method: 'GET',
  auth: 'required',
  parse() {},
  async run(ctx) {
    const { items } = await listContacts(ctx, {});
    return ok({ contact: items.map(contactWithDomains) }, 'CONTACTS LISTED');
  },
});
