/**
 * First start of a sandbox: an empty database gets a demo account with
 * money in three currencies, so every dialect can be tried at once. One
 * transaction: either the whole demo exists or none of it.
 */
import { OPERATOR, type FlowContext } from '../core/context.ts';
import { newPassword } from '../core/credentials.ts';
import { createAccount, depositFunds, hasAccounts } from '../core/flows/accounts/index.ts';
import type { Engine } from '../core/engine.ts';

export const DEMO_EMAIL = 'demo@regd.test';
export const DEMO_PUSH_USERNAME = 'demo';
export const DEMO_DEPOSITS: readonly { readonly currency: string; readonly amount: string }[] = [
  { currency: 'EUR', amount: '1000.00' },
  { currency: 'USD', amount: '1000.00' },
  { currency: 'CZK', amount: '25000.00' },
];

/** Shown once, on the start that created them. */
export interface DemoCredentials {
  readonly accountId: number;
  readonly email: string;
  readonly password: string;
  readonly apiKey: string;
  readonly wapiPassword: string;
  readonly pushUsername: string;
  readonly deposits: typeof DEMO_DEPOSITS;
}

/** Seeds the demo account when the database holds no account yet; returns undefined otherwise. */
export async function seedDemoIfEmpty(engine: Engine): Promise<DemoCredentials | undefined> {
  return engine.run(seedDemoAccount, {}, { actor: OPERATOR, source: 'seed' });
}

async function seedDemoAccount(ctx: FlowContext, _input: Record<string, never>): Promise<DemoCredentials | undefined> {
  if (await hasAccounts(ctx)) return undefined;
  const password = newPassword();
  const wapiPassword = newPassword();
  const created = await createAccount(ctx, {
    email: DEMO_EMAIL,
    password,
    firstName: 'Demo',
    lastName: 'User',
    organization: 'regd sandbox',
    country: 'CZ',
    currency: 'EUR',
    pushUsername: DEMO_PUSH_USERNAME,
    wapiPassword,
  });
  for (const d of DEMO_DEPOSITS) {
    await depositFunds(ctx, { accountId: created.account.id, amount: d.amount, currency: d.currency, memo: 'demo deposit' });
  }
  return {
    accountId: created.account.id,
    email: DEMO_EMAIL,
    password,
    apiKey: created.apiKey,
    wapiPassword,
    pushUsername: DEMO_PUSH_USERNAME,
    deposits: DEMO_DEPOSITS,
  };
}
