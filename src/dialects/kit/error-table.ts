/**
 * One shape for every dialect's error table: core error code → wire error,
 * the concrete code first, then the error's category as the fallback, and a
 * command may override single codes where its document gives its own
 * answer. What a "wire error" is stays the dialect's own type (a WAPI
 * number, a Freenom message template, a KifDom status and message rule).
 */
import type { ErrorCategory, ErrorCode, RegdError } from '../../core/index.ts';

export type { ErrorCode };

export interface ErrorTable<W> {
  /** Concrete codes the dialect answers in its own words. */
  readonly byCode: Readonly<Partial<Record<ErrorCode, W>>>;
  /** Every category, for codes the table does not name. */
  readonly byCategory: Readonly<Record<ErrorCategory, W>>;
  /** The wire error of a core error: the command's override, the code's entry, or the category's. */
  lookup(err: RegdError, overrides?: Readonly<Partial<Record<ErrorCode, W>>>): W;
  /** Whether the table names this code itself (not through its category). */
  maps(code: ErrorCode): boolean;
}

export function defineErrorTable<W>(byCode: Readonly<Partial<Record<ErrorCode, W>>>, byCategory: Readonly<Record<ErrorCategory, W>>): ErrorTable<W> {
  const own = (table: Readonly<Partial<Record<ErrorCode, W>>> | undefined, code: ErrorCode): W | undefined =>
    table !== undefined && Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
  return {
    byCode,
    byCategory,
    lookup: (err, overrides) => own(overrides, err.code) ?? own(byCode, err.code) ?? byCategory[err.category],
    maps: (code) => own(byCode, code) !== undefined,
  };
}
