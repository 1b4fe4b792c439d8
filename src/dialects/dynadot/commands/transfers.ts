/**
 * Transfers (§11, §15.6, [L330-376], [L2494-2736]) on core's transfer flows.
 * The losing side is another regd account (the "other registrar" of a
 * Dynadot client), whichever dialect it uses; a transfer completes when that
 * side approves it or, without an answer, on the TLD's timetable (core
 * auto-approval, on the engine clock).
 *
 *   transfer                 legacy   Status `order created` (JSON adds DomainName)
 *   get_transfer_status      mixed A  GetTransferStatusContent>TransferList>Transfer*{OrderId, TransferStatus}
 *   set_transfer_auth_code   legacy   envelope (SetTransferAuthCodeResponse, as the example)
 *   cancel_transfer          legacy   envelope
 *   get_transfer_auth_code   legacy   header AuthCode
 *   authorize_transfer_away  legacy   header Result `away_approved` / `away_refused` (reseller only)
 *
 * `OrderId` is the number of the gaining account's transfer order (the one
 * order_list shows), on both sides; order_id parameters take it.
 */
import {
  approveTransfer, cancelTransfer, declineTransfer, getAuthCode, getTransferStatus, requestTransfer, resubmitTransferAuthCode,
  type TransferContacts, type TransferStatusItem,
} from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { defineCommand } from './command.ts';

function oneDomain(params: Params): string {
  const name = params.required('domain');
  if (/[,;\s]/.test(name)) throw new DynadotError('only 1 domain can be entered per request');
  return name;
}

function orderId(params: Params, required: boolean): string | undefined {
  const v = required ? params.required('order_id') : params.one('order_id');
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,18}$/.test(v)) throw DynadotError.invalid('order_id', v);
  return v;
}

const TRANSFER_ERRORS = {
  AUTH_CODE_MISMATCH: { message: 'the auth code is not correct' },
  TRANSFER_NOT_FOUND: { message: 'could not find the transfer in your account' },
  TRANSFER_NOT_PENDING: { message: (e: { details: unknown }) => `the transfer can not be changed any more, it is ${String((e.details as Record<string, unknown>)['status'] ?? '')}` },
  TRANSFER_NOT_POSSIBLE: { message: (e: { details: unknown }) => `this domain can not be transferred: ${String((e.details as Record<string, unknown>)['reason'] ?? '')}` },
  TRANSFER_TO_SELF: { message: 'this domain is already in your account' },
  TRANSFER_TOO_SOON: { message: 'this domain can not be transferred yet: it was registered or transferred too recently' },
  TRANSFER_ALREADY_PENDING: { message: 'this domain has a transfer in progress' },
  PUSH_ALREADY_PENDING: { message: 'this domain has a push in progress' },
  DOMAIN_LOCKED: { message: 'this domain is locked at its registrar' },
} as const;

const ROLE_PARAMS = [['registrant', 'registrant_contact'], ['admin', 'admin_contact'], ['tech', 'technical_contact'], ['billing', 'billing_contact']] as const;

interface TransferInput {
  readonly name: string;
  readonly authCode: string;
  readonly currency?: string;
  readonly contacts?: TransferContacts;
}

export const transfer = defineCommand<TransferInput>({
  name: 'transfer',
  uses: [requestTransfer],
  errors: TRANSFER_ERRORS,
  parse(params) {
    const name = oneDomain(params);
    const authCode = params.required('auth');
    const currency = params.one('currency');
    if (currency !== undefined && currency !== '' && !/^[A-Za-z]{3}$/.test(currency)) throw DynadotError.invalid('currency', currency);
    const coupon = params.one('coupon');
    // regd has no promotion codes (as register and renew).
    if (coupon !== undefined && coupon !== '') throw new DynadotError(`invalid coupon: ${JSON.stringify(coupon)} is not a valid coupon code`);
    const contacts: Record<string, number> = {};
    for (const [role, param] of ROLE_PARAMS) {
      const id = params.integer(param, 1);
      if (id !== undefined) contacts[role] = id;
    }
    return {
      name, authCode,
      ...(currency !== undefined && currency !== '' ? { currency: currency.toUpperCase() } : {}),
      ...(Object.keys(contacts).length > 0 ? { contacts: contacts as TransferContacts } : {}),
    };
  },
  async run(call, input) {
    const r = await call.run(requestTransfer, { ...input, awaitAuthCode: true });
    return { status: 'order created', json: { DomainName: r.transfer.domain } };
  },
});

/** A transfer's TransferStatus words (§15.6: none / approved / pending / auth code required, and the ends). */
export function transferStatusWord(t: TransferStatusItem): string {
  if (t.awaitingAuthCode) return 'auth code required';
  switch (t.status) {
    case 'pending': return 'pending';
    case 'completed': return 'completed';
    case 'declined': return 'refused';
    case 'cancelled': return 'cancelled';
    case 'failed': return 'failed';
  }
}

export const getTransferStatusCommand = defineCommand<{ readonly name: string; readonly direction: 'incoming' | 'outgoing' }>({
  name: 'get_transfer_status',
  uses: [getTransferStatus],
  parse(params) {
    const name = oneDomain(params);
    const type = params.requiredChoice('transfer_type', ['in', 'out'] as const);
    return { name, direction: type === 'in' ? 'incoming' : 'outgoing' };
  },
  async run(call, input) {
    const { items } = await call.run(getTransferStatus, { name: input.name, direction: input.direction });
    const list = items.map((t) => ({ OrderId: t.orderNumber ?? t.number, TransferStatus: transferStatusWord(t) }));
    return { content: { TransferList: { Transfer: list } }, json: { TransferList: list } };
  },
});

export const setTransferAuthCode = defineCommand<{ readonly name: string; readonly authCode: string; readonly orderNumber?: string }>({
  name: 'set_transfer_auth_code',
  uses: [resubmitTransferAuthCode],
  errors: {
    ...TRANSFER_ERRORS,
    TRANSFER_NOT_PENDING: { message: 'the transfer is not waiting for an auth code' },
  },
  parse(params) {
    const name = oneDomain(params);
    const authCode = params.required('auth_code');
    // The document lists order_id as required; its example leaves it out: without it, the domain's waiting transfer.
    const orderNumber = orderId(params, false);
    return { name, authCode, ...(orderNumber !== undefined ? { orderNumber } : {}) };
  },
  async run(call, input) {
    await call.run(resubmitTransferAuthCode, input);
    return {};
  },
});

export const cancelTransferCommand = defineCommand<{ readonly name: string; readonly orderNumber?: string }>({
  name: 'cancel_transfer',
  uses: [cancelTransfer],
  errors: TRANSFER_ERRORS,
  parse(params) {
    const name = oneDomain(params);
    const orderNumber = orderId(params, false);
    return { name, ...(orderNumber !== undefined ? { orderNumber } : {}) };
  },
  async run(call, input) {
    await call.run(cancelTransfer, input);
    return {};
  },
});

export const getTransferAuthCode = defineCommand<{ readonly name: string; readonly regenerate: boolean; readonly unlock: boolean }>({
  name: 'get_transfer_auth_code',
  uses: [getAuthCode],
  parse: (params) => ({ name: oneDomain(params), regenerate: params.flag('new_code'), unlock: params.flag('unlock_domain_for_transfer') }),
  async run(call, input) {
    const { authCode } = await call.run(getAuthCode, { ...input, requireUnlocked: true });
    return { header: { AuthCode: authCode } };
  },
});

export const authorizeTransferAway = defineCommand<{ readonly name: string; readonly orderNumber: string; readonly approve: boolean }>({
  name: 'authorize_transfer_away',
  uses: [approveTransfer, declineTransfer],
  resellerOnly: true,
  errors: TRANSFER_ERRORS,
  parse(params) {
    const name = oneDomain(params);
    const orderNumber = orderId(params, true)!;
    const raw = params.required('authorize');
    const word = raw.toLowerCase();
    if (word !== 'approve' && word !== 'refuse' && word !== 'deny') throw DynadotError.invalid('authorize', raw);
    return { name, orderNumber, approve: word === 'approve' };
  },
  async run(call, input) {
    const ref = { name: input.name, orderNumber: input.orderNumber };
    if (input.approve) await call.run(approveTransfer, ref);
    else await call.run(declineTransfer, { ...ref, reason: 'refused by the reseller (authorize_transfer_away)' });
    return { header: { Result: input.approve ? 'away_approved' : 'away_refused' } };
  },
});
