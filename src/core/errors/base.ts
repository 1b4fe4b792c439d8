/**
 * The error category tree. Every error a flow throws is a concrete subclass
 * of one category, with a stable `code` and a fixed message; dialects map the
 * code (or, failing that, the category) to their own wire error.
 * HTTP statuses and wire texts never live here.
 */
import type { ErrorCode, ErrorOf } from './error-code.ts';

export type ErrorCategory =
  | 'NotFound'
  | 'AlreadyExists'
  | 'StatusProhibits'
  | 'PolicyViolation'
  | 'InvalidParameter'
  | 'NotAuthorized'
  | 'InsufficientFunds'
  | 'LimitExceeded';

/** The untyped view of an error's details, for code that handles every error alike. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** What a class without details passes: nothing. */
type NoDetails = Readonly<Record<never, never>>;

/** The details argument: optional when the class has none, required otherwise. */
type DetailsArg<D> = NoDetails extends D ? [details?: D] : [details: D];

/**
 * `D` is the class's own details type (e.g. `{ name: string }`); a variable
 * typed `RegdError` sees the untyped bag. `code` is typed by the union of
 * every concrete class's code (error-code.ts), so a misspelt comparison
 * (`e.code === 'DOMAIN_NOT_AVAILABL'`) fails to compile.
 */
export abstract class RegdError<D extends ErrorDetails = ErrorDetails> extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly category: ErrorCategory;
  /** Structured facts for the dialects (parameter name, value, price…). */
  readonly details: Readonly<D>;
  constructor(message: string, ...[details]: DetailsArg<D>) {
    super(message);
    this.name = new.target.name;
    this.details = Object.freeze({ ...details }) as Readonly<D>;
  }
}

export abstract class NotFound<D extends ErrorDetails = NoDetails> extends RegdError<D> {
  readonly category = 'NotFound' as const;
}
export abstract class AlreadyExists<D extends ErrorDetails = NoDetails> extends RegdError<D> {
  readonly category = 'AlreadyExists' as const;
}
export abstract class StatusProhibits<D extends ErrorDetails = NoDetails> extends RegdError<D> {
  readonly category = 'StatusProhibits' as const;
}
export abstract class PolicyViolation<D extends ErrorDetails = NoDetails> extends RegdError<D> {
  readonly category = 'PolicyViolation' as const;
}
export abstract class InvalidParameter<D extends ErrorDetails & { readonly param: string } = { readonly param: string }> extends RegdError<D> {
  readonly category = 'InvalidParameter' as const;
  /** The offending parameter, in core's vocabulary (e.g. "name", "period"). */
  get param(): string {
    return String(this.details.param ?? '');
  }
}
export abstract class NotAuthorized<D extends ErrorDetails = NoDetails> extends RegdError<D> {
  readonly category = 'NotAuthorized' as const;
}
export abstract class InsufficientFundsCategory<D extends ErrorDetails = NoDetails> extends RegdError<D> {
  readonly category = 'InsufficientFunds' as const;
}
export abstract class LimitExceeded<D extends ErrorDetails = NoDetails> extends RegdError<D> {
  readonly category = 'LimitExceeded' as const;
}

export function isRegdError(e: unknown): e is RegdError {
  return e instanceof RegdError;
}

/**
 * Whether `e` is a core error with one of `codes`, narrowed to its class (so
 * its details are typed): `if (isError(e, 'DOMAIN_NOT_FOUND')) … e.details.name`.
 */
export function isError<C extends ErrorCode>(e: unknown, ...codes: readonly C[]): e is ErrorOf<C> {
  return e instanceof RegdError && (codes as readonly ErrorCode[]).includes(e.code);
}
