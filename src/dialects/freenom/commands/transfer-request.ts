/**
 * POST domain/transfer/request: the gaining account asks for a domain with
 * its auth code; `period` is always one year, `owner_id` the gaining
 * account's contact for the new holder (checked now). Where the TLD's
 * policy completes a transfer at once on a correct code (.tk .ml .cf .ga
 * .gq), the domain moves now with owner_id as registrant (the answer is
 * still the documented REQUESTED); otherwise the transfer waits for the losing account (or its auto-approval) and the
 * engine applies owner_id when it completes.
 */
import { requestTransfer } from '../../../core/index.ts';
import { WireError } from '../errors.ts';
import { contactId, periodMonths } from '../params.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

interface TransferInput {
  readonly name: string;
  readonly authCode: string;
  readonly owner: number;
}

export const transferRequest = defineCommand<TransferInput>({
  path: 'domain/transfer/request',
  method: 'POST',
  auth: 'required',
  params: { names: ['domainname', 'authcode', 'period', 'owner_id', 'email', 'password'] },
  uses: [requestTransfer],
  parse(params) {
    const name = params.required('domainname');
    const authCode = params.required('authcode');
    const period = periodMonths(params);
    if (period === undefined) throw new WireError('Missing parameter: period');
    if (period !== 12) throw new WireError('Invalid value for period: a transfer always adds 1Y');
    const owner = contactId(params, 'owner_id');
    if (owner === undefined) throw new WireError('Missing parameter: owner_id');
    return { name, authCode, owner };
  },
  async run(call, input) {
    const r = await call.run(requestTransfer, { name: input.name, authCode: input.authCode, contacts: { registrant: input.owner } });
    // The document's only status here is REQUESTED, also when the TLD completed the transfer at once:
    // the approval shows in transfer/list (APPROVED) and domain/getinfo (the domain is in the account).
    return ok({ transfer: [{ domainname: r.transfer.domain, status: 'REQUESTED' }] }, 'TRANSFER REQUESTED');
  },
});
