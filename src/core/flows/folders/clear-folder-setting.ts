/**
 * Clear one setting of a folder's template (Dynadot
 * set_clear_folder_setting), with its enabled flag. The folder's domains
 * keep what was applied to them. Clearing a setting the folder does not
 * hold changes nothing. Load (account, folder) → validate → persist → view.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { readTemplate } from '../settings/settings-template.ts';
import { clearService, parseClearableService, type ClearableService } from '../settings/template-services.ts';
import { loadOwnedFolder, readEnabled, saveFolderSettings, toFolderView, type FolderView } from './folder-access.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'FOLDER_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface ClearFolderSettingInput {
  readonly accountId?: number;
  readonly folderId: number;
  readonly service: ClearableService;
}

export async function clearFolderSetting(ctx: FlowContext, input: ClearFolderSettingInput): Promise<FolderView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const folder = await loadOwnedFolder(ctx, accountId, input.folderId, { lock: true });
  const service = parseClearableService(input.service);
  const { template, removed } = clearService(readTemplate(folder.template), service);
  if (removed.length === 0) return toFolderView(ctx, folder);

  const enabled: Record<string, boolean> = { ...readEnabled(folder.enabled) };
  for (const k of removed) delete enabled[k];
  return toFolderView(ctx, await saveFolderSettings(ctx, folder, template, enabled));
}
