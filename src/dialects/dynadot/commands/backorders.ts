/**
 * Backorder requests (§13, §15.10, [L4768-4948]) on core's drop-catch
 * requests (flows/drop-requests: the same store as KifDom's preorders).
 * When a backordered name is released the sweeper registers it for the
 * requester and charges the registration (one requester), or opens a
 * `backorder` auction among the requesters (several).
 *
 *   add_backorder_request     legacy   envelope
 *   delete_backorder_request  legacy   envelope
 *   backorder_request_list    mixed A  BackorderRequestListContent>BackorderRequestList>BackorderRequest*{DomainName, CutoffTime, BackorderRequestStatus}
 *                                      JSON BackorderRequestList[]; CSV one line (the example)
 */
import {
  cancelDropRequest, createBackorder, listDropRequests, MAX_BACKORDER_NAMES, type DropRequestView, type RegdError,
} from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { parseRequestDate } from './order-values.ts';

const nameOf = (e: RegdError): string => String((e.details as Record<string, unknown>)['name'] ?? '');

const BACKORDER_ERRORS = {
  DROP_NAME_AVAILABLE: { message: (e: RegdError) => `${nameOf(e)} is available, register it instead` },
  DROP_NAME_OWNED: { message: (e: RegdError) => `${nameOf(e)} is already in your account` },
  DROP_REQUEST_EXISTS: { message: (e: RegdError) => `${nameOf(e)} is already in your backorder request list` },
  DROP_REQUEST_NOT_FOUND: { message: (e: RegdError) => `${nameOf(e)} is not in your backorder request list` },
  DROP_REQUEST_PAST_CUTOFF: { message: (e: RegdError) => `the cutoff time of ${nameOf(e)} has passed, its backorder request can not be deleted` },
} as const;

export const addBackorderRequest = defineCommand<{ readonly names: readonly string[] }>({
  name: 'add_backorder_request',
  uses: [createBackorder],
  errors: BACKORDER_ERRORS,
  parse: (params) => ({ names: params.requiredList('domain', MAX_BACKORDER_NAMES) }),
  async run(call, input) {
    await call.run(createBackorder, { names: input.names });
    return {};
  },
});

export const deleteBackorderRequest = defineCommand<{ readonly names: readonly string[] }>({
  name: 'delete_backorder_request',
  uses: [cancelDropRequest],
  errors: BACKORDER_ERRORS,
  parse: (params) => ({ names: [...new Set(params.requiredList('domain', MAX_BACKORDER_NAMES).map((n) => n.toLowerCase()))] }),
  // All or nothing: one name not in the list refuses the request (the command's one transaction rolls back).
  async run(call, input) {
    for (const name of input.names) await call.run(cancelDropRequest, { kind: 'backorder', name });
    return {};
  },
});

/** `BackorderRequestStatus` ("Active" is the document's; the others name what became of the request); null: not listed. */
function statusWord(r: DropRequestView): string | null {
  switch (r.status) {
    case 'pending':
      return 'Active';
    case 'auctioned':
      return r.auction === 'won' ? 'Won' : r.auction === 'lost' ? 'Lost' : 'In Auction';
    case 'fulfilled':
      return 'Won';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return null; // deleted by the requester
  }
}

export const backorderRequestList = defineCommand<{ readonly from: Date; readonly to: Date }>({
  name: 'backorder_request_list',
  uses: [listDropRequests],
  parse(params) {
    const from = parseRequestDate('startDate', params.required('startDate'));
    const end = parseRequestDate('endDate', params.required('endDate'));
    if (end.getTime() < from.getTime()) throw new DynadotError('invalid endDate: it is before startDate');
    return { from, to: new Date(end.getTime() + 24 * 3600_000 - 1) };
  },
  async run(call, input) {
    const requests = await call.run(listDropRequests, { kind: 'backorder', from: input.from, to: input.to });
    const items = requests.flatMap((r) => {
      const status = statusWord(r);
      if (status === null) return [];
      // The cutoff of a request still waiting: a day before the name's current registration is released; 0 when nobody holds it.
      const cutoff = r.status === 'pending' && r.cutoffAt !== null ? String(r.cutoffAt.getTime()) : '0';
      return [{ DomainName: r.unicodeName, CutoffTime: cutoff, BackorderRequestStatus: status }];
    });
    return {
      content: { BackorderRequestList: items.length > 0 ? { BackorderRequest: items } : '' },
      json: { BackorderRequestList: items },
      csv: [['success', 'Domain', 'CutoffTime', 'BackorderRequestStatus', ...items.flatMap((i) => [i.DomainName, i.CutoffTime, i.BackorderRequestStatus])]],
    };
  },
});
