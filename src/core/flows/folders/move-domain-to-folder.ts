/**
 * Move a domain into a folder, or out of every folder (Dynadot set_folder):
 * the folder is named by its case-sensitive name ("Default" = no folder)
 * or by its id. Entering a folder applies the folder's enabled settings to
 * the domain; a domain already in the folder is left as it is.
 * Load (account, domain, state, folder) → apply enabled settings → persist.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { ConflictingParameters, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import type { FolderRow } from '../../../store/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import { toDomainView, type DomainView } from '../domains/domain-view.ts';
import { applyTemplate } from '../settings/apply-template.ts';
import { readTemplate, TEMPLATE_PART_THROWS, type TemplateKey } from '../settings/settings-template.ts';
import { enabledKeys, loadOwnedFolder, loadOwnedFolderByName, NO_FOLDER_NAME } from './folder-access.ts';
import type { FolderRef } from './create-folder.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'FOLDER_NOT_FOUND', ...TEMPLATE_PART_THROWS,
] as const satisfies readonly ErrorCode[];

export interface MoveDomainToFolderInput {
  readonly accountId?: number;
  readonly name: string;
  /** Case-sensitive folder name; "Default" means no folder. */
  readonly folder?: string;
  readonly folderId?: number;
}

export interface MoveDomainToFolderResult {
  readonly domain: DomainView;
  /** The folder the domain is now in; null for no folder. */
  readonly folder: FolderRef | null;
  /** The folder settings applied to the domain. */
  readonly applied: readonly TemplateKey[];
}

export async function moveDomainToFolder(ctx: FlowContext, input: MoveDomainToFolderInput): Promise<MoveDomainToFolderResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'move to a folder');
  const folder = await loadTarget(ctx, accountId, input);
  const ref = folder ? { id: folder.number, name: folder.name } : null;
  if (owned.row.folder_id === (folder?.id ?? null)) return { domain: toDomainView(owned.row, ctx.policy, ctx.now), folder: ref, applied: [] };

  const { row, applied } = folder
    ? await applyTemplate(ctx, owned.row, readTemplate(folder.template), enabledKeys(folder))
    : { row: owned.row, applied: [] };
  const moved = await ctx.db
    .updateTable('domains')
    .set({ folder_id: folder?.id ?? null, updated_at: ctx.now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { domain: toDomainView(moved, ctx.policy, ctx.now), folder: ref, applied };
}

/** The named folder, or null for "Default" (no folder). */
async function loadTarget(ctx: FlowContext, accountId: number, input: MoveDomainToFolderInput): Promise<FolderRow | null> {
  if (input.folder !== undefined && input.folderId !== undefined) throw new ConflictingParameters('folder', 'folder_id');
  if (input.folderId !== undefined) return loadOwnedFolder(ctx, accountId, input.folderId, { lock: true });
  if (input.folder === undefined) throw new MissingParameter('folder');
  if (input.folder === NO_FOLDER_NAME) return null;
  return loadOwnedFolderByName(ctx, accountId, input.folder);
}
