/**
 * Operator creates an account. Returns the API key once (only its hash is
 * stored). Optionally sets a WAPI password and a push username.
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { hashApiKey, hashPassword, newApiKey, sha1Hex } from '../../credentials.ts';
import { normalizeCurrency } from '../../money.ts';
import { normalizeEmail } from '../../validate.ts';
import { toAccountView, type AccountView } from './account-view.ts';
import { normalizeLevel, normalizePushUsername, profileColumns, type AccountLevel, type ProfileInput } from './profile-input.ts';

export const throws = ['MISSING_PARAMETER', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED', 'EMAIL_ALREADY_USED', 'PUSH_USERNAME_TAKEN', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface CreateAccountInput extends ProfileInput {
  readonly email: string;
  readonly password: string;
  readonly currency?: string;
  readonly level?: AccountLevel;
  readonly pushUsername?: string;
  readonly wapiPassword?: string;
}

export interface CreateAccountResult {
  readonly account: AccountView;
  /** Shown once; only its hash is stored. */
  readonly apiKey: string;
}

export const MIN_PASSWORD_LENGTH = 8;

export async function createAccount(ctx: FlowContext, input: CreateAccountInput): Promise<CreateAccountResult> {
  requireOperator(ctx);
  const email = normalizeEmail(input.email);
  const password = validatePassword(input.password, 'password');
  const currency = normalizeCurrency(input.currency ?? 'EUR');
  const level = normalizeLevel(input.level ?? 'regular');
  const pushUsername = input.pushUsername !== undefined ? normalizePushUsername(input.pushUsername) : null;
  const wapiSecret = input.wapiPassword !== undefined ? sha1Hex(validatePassword(input.wapiPassword, 'wapi_password')) : null;
  const apiKey = newApiKey();
  const row = await ctx.db
    .insertInto('accounts')
    .values({
      email,
      password_hash: await hashPassword(password),
      ...profileColumns(input),
      default_currency: currency,
      level,
      push_username: pushUsername,
      api_key_hash: hashApiKey(apiKey),
      api_key_hint: apiKey.slice(0, 4),
      wapi_secret: wapiSecret,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { account: toAccountView(row), apiKey };
}

export function validatePassword(input: unknown, param: string): string {
  if (typeof input !== 'string' || input.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidValue(param, `at least ${MIN_PASSWORD_LENGTH} characters are required`);
  }
  if (input.length > 256) throw new InvalidValue(param, 'at most 256 characters');
  return input;
}
