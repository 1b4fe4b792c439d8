/** DELETE contact/delete: only a contact no domain uses. */
import { deleteContact } from '../../../core/index.ts';
import { WireError } from '../errors.ts';
import { contactId } from '../params.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const contactDelete = defineCommand<{ readonly contactId: number }>({
  path: 'contact/delete',
  method: 'DELETE',
  auth: 'required',
  params: { names: ['contact_id', 'email', 'password'] },
  uses: [deleteContact],
  transaction: 'flow',
  parse(params) {
    const id = contactId(params, 'contact_id');
    if (id === undefined) throw new WireError('Missing parameter: contact_id');
    return { contactId: id };
  },
  async run(call, input) {
    const { deleted } = await call.run(deleteContact, { contactIds: [input.contactId] });
    return ok({ contact: deleted.map((id) => ({ contact_id: String(id), status: 'DELETED' })) }, 'CONTACT DELETED');
  },
});
