// Idempotent requests. One file per use case; add a line per new flow file.
export { claimRequest, type ClaimRequestInput, type ClaimRequestResult, type RequestKey } from './claim-request.ts';
export { storeResponse } from './store-response.ts';
