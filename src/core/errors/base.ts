/**
 * The error category tree. Every error a flow throws is a concrete subclass
 * of one category, with a stable `code` and a fixed message; dialects map the
 * code (or, failing that, the category) to their own wire error.
 * HTTP statuses and wire texts never live here.
 */
export type ErrorCategory =
  | 'NotFound'
  | 'AlreadyExists'
  | 'StatusProhibits'
  | 'PolicyViolation'
  | 'InvalidParameter'
  | 'NotAuthorized'
  | 'InsufficientFunds'
  | 'LimitExceeded';

export abstract class RegdError extends Error {
  abstract readonly code: string;
  abstract readonly category: ErrorCategory;
  /** Structured facts for the dialects (parameter name, value, price…). */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = Object.freeze({ ...details });
  }
}

export abstract class NotFound extends RegdError {
  readonly category = 'NotFound' as const;
}
export abstract class AlreadyExists extends RegdError {
  readonly category = 'AlreadyExists' as const;
}
export abstract class StatusProhibits extends RegdError {
  readonly category = 'StatusProhibits' as const;
}
export abstract class PolicyViolation extends RegdError {
  readonly category = 'PolicyViolation' as const;
}
export abstract class InvalidParameter extends RegdError {
  readonly category = 'InvalidParameter' as const;
  /** The offending parameter, in core's vocabulary (e.g. "name", "period"). */
  get param(): string {
    return String(this.details.param ?? '');
  }
}
export abstract class NotAuthorized extends RegdError {
  readonly category = 'NotAuthorized' as const;
}
export abstract class InsufficientFundsCategory extends RegdError {
  readonly category = 'InsufficientFunds' as const;
}
export abstract class LimitExceeded extends RegdError {
  readonly category = 'LimitExceeded' as const;
}

export function isRegdError(e: unknown): e is RegdError {
  return e instanceof RegdError;
}
