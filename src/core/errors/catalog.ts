/**
 * The set of every concrete error code, read from the exported classes
 * (codes are instance fields, so each class is instantiated once with
 * placeholder arguments). Tests use it to check `throws` lists and dialect
 * error tables. The type of the same set is `ErrorCode` (error-code.ts).
 */
import * as errors from './index.ts';
import type { ErrorCode } from './error-code.ts';

let cached: ReadonlySet<ErrorCode> | undefined;

export function knownErrorCodes(): ReadonlySet<ErrorCode> {
  if (cached) return cached;
  const codes = new Set<ErrorCode>();
  for (const value of Object.values(errors)) {
    if (typeof value !== 'function' || !(value.prototype instanceof errors.RegdError)) continue;
    const Cls = value as unknown as new (...args: unknown[]) => errors.RegdError;
    for (const args of [['x', 'y', 'z', 'w'], ['x', ['y'], 'z'], [1, [2], 3]]) {
      try {
        codes.add(new Cls(...args).code);
        break;
      } catch {
        // constructors differ in the arguments they format; try the next shape
      }
    }
  }
  cached = codes;
  return codes;
}
