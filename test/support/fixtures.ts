/** Small builders for tests: accounts with money, acting as operator. */
import { OPERATOR, accountActor, type Actor } from '../../src/core/context.ts';
import type { Engine } from '../../src/core/engine.ts';
import { createAccount, depositFunds, type CreateAccountInput } from '../../src/core/flows/accounts/index.ts';

let counter = 0;

export interface TestAccount {
  readonly id: number;
  readonly email: string;
  readonly password: string;
  readonly apiKey: string;
  readonly actor: Actor;
}

export async function newAccount(
  engine: Engine,
  options: Partial<CreateAccountInput> & { depositEur?: string; deposits?: Record<string, string> } = {},
): Promise<TestAccount> {
  counter += 1;
  const email = options.email ?? `user${counter}-${process.pid}@example.test`;
  const password = options.password ?? 'correct horse battery';
  const { depositEur, deposits, ...rest } = options;
  const created = await engine.run(createAccount, { ...rest, email, password, firstName: rest.firstName ?? 'Test', lastName: rest.lastName ?? `User${counter}` }, { actor: OPERATOR });
  const all = { ...(deposits ?? {}), ...(depositEur ? { EUR: depositEur } : {}) };
  for (const [currency, amount] of Object.entries(all)) {
    await engine.run(depositFunds, { accountId: created.account.id, amount, currency }, { actor: OPERATOR });
  }
  return { id: created.account.id, email, password, apiKey: created.apiKey, actor: accountActor(created.account.id) };
}
