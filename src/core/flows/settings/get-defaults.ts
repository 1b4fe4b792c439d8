/** Read the account defaults (Dynadot account_info DefaultSettings): the whole template, empty when none is set. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { loadDefaults, type DefaultsView } from './account-defaults.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface GetDefaultsInput {
  readonly accountId?: number;
}

export async function getDefaults(ctx: FlowContext, input: GetDefaultsInput): Promise<DefaultsView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  return { template: await loadDefaults(ctx, accountId) };
}
