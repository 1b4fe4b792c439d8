/**
 * GET domain/transfer/price: what transferring a domain into the caller's
 * account costs. Nothing is transferred. `period` is the document's
 * constant ("Toujours 1 an"), also for a TLD whose policy adds no time on
 * transfer (.de, .fr, .cz: the price is then the TLD's transfer price). The transfer must be possible now
 * and the auth code right, checked in the order a request checks them.
 */
import { quoteTransfer, verifyAuthCode } from '../../../core/index.ts';
import { WireError } from '../errors.ts';
import { ok, priceTerms } from '../render.ts';
import { defineCommand } from './command.ts';

/** Why a quoted transfer is not possible now (the engine reports the code of the error a request would throw). */
const NOT_POSSIBLE: Readonly<Record<string, string>> = {
  TRANSFER_NOT_POSSIBLE: 'it is not registered, or it is a free domain',
  TRANSFER_TO_SELF: 'it is already in this account',
  DOMAIN_LOCKED: 'it is locked',
  DOMAIN_STATUS_PROHIBITS: 'its status does not allow it',
  TRANSFER_TOO_SOON: 'it was registered or transferred too recently',
  TRANSFER_ALREADY_PENDING: 'a transfer of it is already pending',
  PUSH_ALREADY_PENDING: 'it is waiting in a push',
};

/** "Duréé de renouvellement lors du transfert. Toujours 1 an." */
const TRANSFER_PERIOD = '1Y';

export const transferPrice = defineCommand<{ readonly name: string; readonly authCode: string }>({
  path: 'domain/transfer/price',
  method: 'GET',
  auth: 'required',
  params: { names: ['domainname', 'authcode', 'email', 'password'] },
  uses: [quoteTransfer, verifyAuthCode],
  transaction: 'flow',
  parse(params) {
    return { name: params.required('domainname'), authCode: params.required('authcode') };
  },
  async run(call, input) {
    const q = await call.run(quoteTransfer, { name: input.name });
    // As a request does: a waiting period (when the domain was registered) is told only to a client with the right code.
    if (q.reason === 'TRANSFER_TOO_SOON') await call.run(verifyAuthCode, { name: q.name, authCode: input.authCode });
    if (!q.possible) throw new WireError(`Domain ${q.name} cannot be transferred: ${NOT_POSSIBLE[q.reason ?? ''] ?? 'its current state does not allow it'}`);
    await call.run(verifyAuthCode, { name: q.name, authCode: input.authCode });
    const { currency, partnerprice, retailprice } = priceTerms(q.quote);
    return ok({
      transfer: [{ domainname: q.name, domaintype: 'PAID', period: TRANSFER_PERIOD, currency, retailprice, partnerprice }],
    }, 'PRICES PROVIDED');
  },
});
