/**
 * Reading command options. They come from commander (strings) or from the
 * operator API (any JSON), so each reader checks the type and throws the
 * core's parameter errors, which both doors report the same way.
 */
import { OPERATOR } from '../core/context.ts';
import { InvalidValue, MissingParameter } from '../core/errors/index.ts';
import { getAccount } from '../core/flows/accounts/index.ts';
import type { Services } from '../runtime/services.ts';
import type { Options } from './command.ts';

/** Flows started by CLI commands (direct or through the operator API) record this as their source. */
export const OPERATOR_SOURCE = 'cli';

export function optionalText(o: Options, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new InvalidValue(key, 'a string is required', v);
  return v;
}

export function requiredText(o: Options, key: string): string {
  const v = optionalText(o, key);
  if (v === undefined || v.trim() === '') throw new MissingParameter(key);
  return v;
}

export function flag(o: Options, key: string): boolean {
  const v = o[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new InvalidValue(key, 'true or false is required', v);
  return v;
}

/** An account given by id ("12") or e-mail ("demo@regd.test"), resolved to its id. */
export async function resolveAccountId(services: Services, o: Options, key = 'account'): Promise<number> {
  const ref = requiredText(o, key).trim();
  if (/^\d+$/.test(ref)) {
    const id = Number(ref);
    if (!Number.isSafeInteger(id)) throw new InvalidValue(key, 'an account id or e-mail is required', ref);
    return id;
  }
  if (!ref.includes('@')) throw new InvalidValue(key, 'an account id or e-mail is required', ref);
  const account = await services.engine.run(getAccount, { email: ref }, { actor: OPERATOR, source: OPERATOR_SOURCE });
  return account.id;
}

export async function optionalAccountId(services: Services, o: Options, key = 'account'): Promise<number | undefined> {
  return optionalText(o, key) === undefined ? undefined : resolveAccountId(services, o, key);
}
