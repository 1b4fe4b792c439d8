// The mail outbox, as flows.
export { listOutbox, type ListOutboxInput } from './list-outbox.ts';
export { claimOutboxMail, recordOutboxDelivery, type ClaimOutboxMailInput, type RecordOutboxDeliveryInput } from './deliver-outbox.ts';
