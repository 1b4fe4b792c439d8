// Transfers between accounts. One file per use case; add a line per new flow file.
export * from './transfer-view.ts';
export { quoteTransfer, type QuoteTransferInput, type QuoteTransferResult } from './quote-transfer.ts';
export { requestTransfer, type RequestTransferInput, type RequestTransferResult } from './request-transfer.ts';
export { approveTransfer, declineTransfer, cancelTransfer, type DecideTransferInput, type DeclineTransferInput, type DecideTransferResult } from './decide-transfer.ts';
export { completeDueTransfers, type CompleteDueTransfersResult } from './complete-due-transfers.ts';
export { listTransfers, getTransferStatus, DECIDED_TRANSFER_VISIBLE_MS, type ListTransfersInput, type GetTransferStatusInput, type TransferStatusItem } from './list-transfers.ts';
export { resubmitTransferAuthCode, type ResubmitTransferAuthCodeInput } from './resubmit-transfer-auth-code.ts';
export { sendAuthCode, type SendAuthCodeInput, type SendAuthCodeResult } from './send-auth-code.ts';
export type { TransferContacts } from './transfer-contacts.ts';
