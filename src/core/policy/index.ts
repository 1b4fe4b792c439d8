export { PolicyBook } from './policy-book.ts';
export { loadPolicyBook, buildPolicyBook, PolicyFileError, DEFAULT_TLDS_FILE } from './load-policy.ts';
export type { TldPolicy, Operation, PriceRow, PriceSchedule } from './tld-policy.ts';
export { OPERATIONS } from './tld-policy.ts';
