/**
 * Clear one account default (Dynadot set_clear_default_setting). Clearing
 * a default that is not set changes nothing. Load (account) → validate the
 * service name → lock the defaults → persist → view.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { loadDefaults, saveDefaults, type DefaultsView } from './account-defaults.ts';
import { clearService, parseClearableService, type ClearableService } from './template-services.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface ClearDefaultSettingInput {
  readonly accountId?: number;
  readonly service: ClearableService;
}

export async function clearDefaultSetting(ctx: FlowContext, input: ClearDefaultSettingInput): Promise<DefaultsView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const service = parseClearableService(input.service);
  const current = await loadDefaults(ctx, accountId, { lock: true });
  const { template, removed } = clearService(current, service);
  if (removed.length > 0) await saveDefaults(ctx, accountId, template);
  return { template };
}
