/** DELETE domain/delete: the result sits inside the domain element here (and in restore and upgrade). */
import { deleteDomain } from '../../../core/index.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const domainDelete = defineCommand<{ readonly name: string }>({
  path: 'domain/delete',
  method: 'DELETE',
  auth: 'required',
  params: { names: ['domainname', 'email', 'password'] },
  uses: [deleteDomain],
  transaction: 'flow',
  parse(params) {
    return { name: params.required('domainname') };
  },
  async run(call, input) {
    const { domain } = await call.run(deleteDomain, { name: input.name });
    return ok({ domain: [{ domainname: domain.name, status: 'DELETED', result: 'DOMAIN DELETED' }] });
  },
});
