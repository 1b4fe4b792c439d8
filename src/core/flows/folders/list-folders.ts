/** List the account's folders (Dynadot folder_list): each with its template, enabled flags and member count, by id. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { folderView, memberCounts, type FolderView } from './folder-access.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface ListFoldersInput {
  readonly accountId?: number;
}

export interface ListFoldersResult {
  readonly folders: readonly FolderView[];
}

export async function listFolders(ctx: FlowContext, input: ListFoldersInput): Promise<ListFoldersResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const rows = await ctx.db.selectFrom('folders').selectAll().where('account_id', '=', accountId).orderBy('number').execute();
  const counts = await memberCounts(ctx, accountId, rows.map((r) => r.id));
  return { folders: rows.map((r) => folderView(r, counts.get(r.id) ?? 0)) };
}
