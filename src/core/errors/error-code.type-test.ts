/**
 * Type tests for error codes, checked by `tsc` (npm run typecheck) and never
 * run: each `@ts-expect-error` line must stay an error, so a change that
 * loosened `ErrorCode` to `string` (or untyped the details) fails the
 * typecheck. Dialect tables: test/types/error-tables.type-test.ts.
 */
import { ContactInUse, DomainNotAvailable, isError, type ClassesWithWideCode, type ErrorCode, type ErrorOf, type RegdError } from './index.ts';

/** Fails naming the class whose `code` lacks `readonly` (its type would be `string`). */
export const everyCodeIsALiteral: [ClassesWithWideCode] extends [never] ? true : ClassesWithWideCode = true;

export const known: ErrorCode = 'DOMAIN_NOT_AVAILABLE';
// @ts-expect-error a misspelt code is not an ErrorCode
export const misspelt: ErrorCode = 'DOMAIN_NOT_AVAILABL';

/** A flow's throws list, written as the flows write it. */
export const throws = ['DOMAIN_NOT_FOUND', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];
// @ts-expect-error a misspelt code in a throws list
export const badThrows = ['DOMAIN_NOT_FUOND'] as const satisfies readonly ErrorCode[];

export function comparisons(e: RegdError): number {
  if (e.code === 'DOMAIN_NOT_FOUND') return 1;
  // @ts-expect-error a comparison with a misspelt code
  if (e.code === 'DOMAIN_NOT_FUOND') return 2;
  switch (e.code) {
    case 'INVALID_VALUE':
      return 3;
    // @ts-expect-error a misspelt case
    case 'INVALID_VALEU':
      return 4;
  }
  return 0;
}

export function narrowing(e: unknown): string {
  // @ts-expect-error isError takes only real codes
  if (isError(e, 'DOMAIN_NOT_FUOND')) return '';
  if (isError(e, 'DOMAIN_STATUS_PROHIBITS', 'RESTORE_NOT_ALLOWED')) {
    const status: string = e.details.status;
    // @ts-expect-error RESTORE_NOT_ALLOWED has no operation
    return status + e.details.operation;
  }
  if (isError(e, 'INVALID_PERIOD')) {
    const allowed: readonly number[] = e.details.allowed;
    return `${e.param} ${allowed.join(',')}`;
  }
  return '';
}

export function typedDetails(): string {
  const taken = new DomainNotAvailable('example.com');
  const name: string = taken.details.name;
  // @ts-expect-error DomainNotAvailable carries only its name
  const price: number = taken.details.priceMinor;
  const inUse: ErrorOf<'CONTACT_IN_USE'> = new ContactInUse([1], ['Jack Slater']);
  // @ts-expect-error details are read-only
  inUse.details.names = [];
  return `${name} ${price} ${inUse.details.names.join()}`;
}

// @ts-expect-error ErrorOf takes only real codes
export type Misspelt = ErrorOf<'DOMAIN_NOT_FUOND'>;
