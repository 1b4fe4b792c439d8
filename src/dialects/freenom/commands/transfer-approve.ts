/** POST domain/transfer/approve: the losing account lets a pending outgoing transfer complete now. */
import { approveTransfer } from '../../../core/index.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const transferApprove = defineCommand<{ readonly name: string }>({
  path: 'domain/transfer/approve',
  method: 'POST',
  auth: 'required',
  params: { names: ['domainname', 'email', 'password'] },
  uses: [approveTransfer],
  parse(params) {
    return { name: params.required('domainname') };
  },
  async run(call, input) {
    const { transfer } = await call.run(approveTransfer, { name: input.name });
    return ok({ transfer: [{ domainname: transfer.domain, status: 'APPROVED' }] }, 'TRANSFER APPROVED');
  },
});
