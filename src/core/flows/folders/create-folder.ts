/**
 * Create a folder (Dynadot create_folder). Names are unique per account and
 * case-sensitive; "Default" is reserved for "no folder". The folder starts
 * with an empty template. Load (account) → validate → verify unique →
 * insert → { id, name }.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { FolderAlreadyExists, type ErrorCode } from '../../errors/index.ts';
import { validateFolderName } from './folder-access.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'FOLDER_ALREADY_EXISTS'] as const satisfies readonly ErrorCode[];

export interface CreateFolderInput {
  readonly accountId?: number;
  readonly name: string;
}

export interface FolderRef {
  /** The public folder id. */
  readonly id: number;
  readonly name: string;
}

export async function createFolder(ctx: FlowContext, input: CreateFolderInput): Promise<FolderRef> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const name = validateFolderName(input.name);
  await verifyNameFree(ctx, accountId, name);
  const row = await ctx.db
    .insertInto('folders')
    .values({ account_id: accountId, name, created_at: ctx.now, updated_at: ctx.now })
    .returning(['number', 'name'])
    .executeTakeFirstOrThrow();
  return { id: row.number, name: row.name };
}

/** No other folder of the account has this exact name. */
export async function verifyNameFree(ctx: FlowContext, accountId: number, name: string): Promise<void> {
  const taken = await ctx.db.selectFrom('folders').select('id').where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
  if (taken) throw new FolderAlreadyExists(name);
}
