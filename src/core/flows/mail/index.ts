// The mail outbox, as flows.
export { listOutbox, type ListOutboxInput } from './list-outbox.ts';
