/**
 * Delete folders (Dynadot delete_folder, a comma list), all or nothing:
 * every id must be a folder of the account. Their domains go back to no
 * folder and keep their settings. Load (account, every folder) → detach
 * members → delete → the deleted ids and the domains that left them.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import type { FolderRow } from '../../../store/index.ts';
import { loadOwnedFolder } from './folder-access.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'FOLDER_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export const MAX_DELETE_FOLDERS = 100;

export interface DeleteFoldersInput {
  readonly accountId?: number;
  readonly folderIds: readonly number[];
}

export interface DeleteFoldersResult {
  /** The deleted public folder ids, ascending. */
  readonly deleted: readonly number[];
  /** Live domains that were in them and are now in no folder, by name. */
  readonly detached: readonly string[];
}

export async function deleteFolders(ctx: FlowContext, input: DeleteFoldersInput): Promise<DeleteFoldersResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  if (!Array.isArray(input.folderIds) || input.folderIds.length === 0) throw new MissingParameter('folder_id');
  if (input.folderIds.length > MAX_DELETE_FOLDERS) throw new InvalidValue('folder_id', `at most ${MAX_DELETE_FOLDERS} folders at once`, input.folderIds.length);
  const folders: FolderRow[] = [];
  for (const id of [...new Set(input.folderIds)].sort((a, b) => a - b)) folders.push(await loadOwnedFolder(ctx, accountId, id, { lock: true }));
  const ids = folders.map((f) => f.id);

  // Every row that points at the folders, released registrations included (the reference must go).
  const members = await ctx.db
    .updateTable('domains')
    .set({ folder_id: null, updated_at: ctx.now })
    .where('folder_id', 'in', ids)
    .returning(['name', 'released_at'])
    .execute();
  await ctx.db.deleteFrom('folders').where('id', 'in', ids).execute();
  return {
    deleted: folders.map((f) => f.number),
    detached: members.filter((m) => m.released_at === null).map((m) => m.name).sort(),
  };
}
