/** GET contact/list: every contact of the caller, each with the domains that use it. */
import { listContacts } from '../../../core/index.ts';
import { contactWithDomains, ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const contactList = defineCommand<void>({
  path: 'contact/list',
  method: 'GET',
  auth: 'required',
  params: { names: ['email', 'password'] },
  uses: [listContacts],
  transaction: 'flow',
  parse() {},
  async run(call) {
    const { items } = await call.run(listContacts, {});
    return ok({ contact: items.map(contactWithDomains) }, 'CONTACTS LISTED');
  },
});
