// Drop-catch requests: KifDom preorders and Dynadot backorders. One file per use case.
export { DROP_KINDS, DROP_CUTOFF_MS, toDropRequestViews, type DropKind, type DropRequestView } from './drop-request-view.ts';
export { createPreorder, type CreatePreorderInput, type CreatePreorderResult } from './create-preorder.ts';
export { createBackorder, MAX_BACKORDER_NAMES, type CreateBackorderInput } from './create-backorder.ts';
export { cancelDropRequest, type CancelDropRequestInput } from './cancel-drop-request.ts';
export { listDropRequests, type ListDropRequestsInput } from './list-drop-requests.ts';
export { listCatchableNames, nextDropRequest, fulfilDropRequest, failDropRequest, type FulfilOutcome } from './catch-dropped-name.ts';
export { auctionBackorderedName, BACKORDER_AUCTION_MS, type BackorderAuctionOutcome } from './auction-backordered-name.ts';
