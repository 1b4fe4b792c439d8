/** Validating the domain list of a push request or answer. */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, MissingParameter } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';

/** Most domains one push or one answer may name. */
export const MAX_PUSH_DOMAINS = 100;

/** A-label names, duplicates removed, in request order. */
export function verifyPushNames(ctx: FlowContext, input: unknown, param = 'domain'): readonly string[] {
  if (input === undefined || input === null) throw new MissingParameter(param);
  if (!Array.isArray(input)) throw new InvalidValue(param, 'a list of domain names is required', input);
  if (input.length === 0) throw new MissingParameter(param);
  if (input.length > MAX_PUSH_DOMAINS) throw new InvalidValue(param, `at most ${MAX_PUSH_DOMAINS} domains at a time`);
  const names = new Set<string>();
  for (const n of input) names.add(parseDomainName(n as string, ctx.policy, param).ascii);
  return [...names];
}
