/**
 * The error codes as types, derived from the concrete classes that
 * errors/index.ts exports: a new class there adds its code to `ErrorCode`
 * with nothing else to edit. Abstract categories have no constructor
 * signature, so they drop out.
 */
import type * as errors from './index.ts';

type Exports = typeof errors;

/** What sets an error class apart (checked without naming RegdError, whose `code` is typed by this file). */
interface ErrorShape {
  readonly code: string;
  readonly category: string;
  readonly details: object;
}

/** Every concrete error class's instance type, as one union (narrowed by `code`). */
export type AnyRegdError = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof Exports]: Exports[K] extends new (...args: any[]) => infer E ? (E extends ErrorShape ? E : never) : never;
}[keyof Exports];

/** The stable code of a core error (`'DOMAIN_NOT_AVAILABLE'`, …): a misspelt one fails to compile. */
export type ErrorCode = AnyRegdError['code'];

/**
 * The exported classes whose `code` is not a literal type (written
 * `code = 'X'` without `readonly`): there must be none, or `ErrorCode`
 * widens to `string`. The type test names them.
 */
export type ClassesWithWideCode = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof Exports]: Exports[K] extends new (...args: any[]) => infer E ? (E extends ErrorShape ? (string extends E['code'] ? K : never) : never) : never;
}[keyof Exports];

/** The class of the error that carries code `C`, with its typed details. */
export type ErrorOf<C extends ErrorCode> = Extract<AnyRegdError, { readonly code: C }>;

/** A flow's `throws` list, or a dialect's list of codes. */
export type ErrorCodes = readonly ErrorCode[];
