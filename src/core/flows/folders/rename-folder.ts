/**
 * Rename a folder (Dynadot set_folder_name). The same rules as creation;
 * renaming to its own name changes nothing. Load (account, folder) →
 * validate → verify unique → persist → { id, name }.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { loadOwnedFolder, validateFolderName } from './folder-access.ts';
import { verifyNameFree, type FolderRef } from './create-folder.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'FOLDER_NOT_FOUND',
  'FOLDER_ALREADY_EXISTS',
] as const satisfies readonly ErrorCode[];

export interface RenameFolderInput {
  readonly accountId?: number;
  readonly folderId: number;
  readonly name: string;
}

export async function renameFolder(ctx: FlowContext, input: RenameFolderInput): Promise<FolderRef> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const folder = await loadOwnedFolder(ctx, accountId, input.folderId, { lock: true });
  const name = validateFolderName(input.name);
  if (name === folder.name) return { id: folder.number, name };
  await verifyNameFree(ctx, accountId, name);
  await ctx.db.updateTable('folders').set({ name, updated_at: ctx.now }).where('id', '=', folder.id).execute();
  return { id: folder.number, name };
}
