/** POST domain/transfer/decline: the losing account refuses a pending outgoing transfer, giving a reason. */
import { declineTransfer } from '../../../core/index.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const transferDecline = defineCommand<{ readonly name: string; readonly reason: string }>({
  path: 'domain/transfer/decline',
  method: 'POST',
  auth: 'required',
  params: { names: ['domainname', 'reason', 'email', 'password'] },
  uses: [declineTransfer],
  parse(params) {
    return { name: params.required('domainname'), reason: params.required('reason') };
  },
  async run(call, input) {
    const { transfer } = await call.run(declineTransfer, { name: input.name, reason: input.reason });
    return ok({ transfer: [{ domainname: transfer.domain, status: 'DECLINED' }] }, 'TRANSFER DECLINED');
  },
});
