/**
 * Loading folders and their read model. A folder is named by its public
 * number (Dynadot FolderId) or, for set_folder, by its case-sensitive name;
 * a missing folder and another account's are both FolderNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { FolderNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import type { FolderRow } from '../../../store/index.ts';
import { requireString } from '../../validate.ts';
import { readTemplate, TEMPLATE_KEYS, type SettingsTemplate, type TemplateKey } from '../settings/settings-template.ts';

/** Dynadot's name for "no folder" in set_folder; no folder may take it. */
export const NO_FOLDER_NAME = 'Default';
export const MAX_FOLDER_NAME_LENGTH = 64;

/** Per template key: apply it to domains moved into the folder later. */
export type EnabledKeys = Readonly<Partial<Record<TemplateKey, boolean>>>;

export interface FolderView {
  /** The public folder id. */
  readonly id: number;
  readonly name: string;
  readonly template: SettingsTemplate;
  readonly enabled: EnabledKeys;
  /** Live domains of the account in the folder. */
  readonly domainCount: number;
}

/** 1–64 characters after trimming, no control characters, not the reserved "Default" (in any case). */
export function validateFolderName(input: unknown, param = 'folder_name'): string {
  const name = requireString(input, param, { max: MAX_FOLDER_NAME_LENGTH });
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new InvalidValue(param, 'control characters are not allowed', input);
  if (name.toLowerCase() === NO_FOLDER_NAME.toLowerCase()) throw new InvalidValue(param, `"${NO_FOLDER_NAME}" is reserved for "no folder"`, input);
  return name;
}

/** A public folder id; a number that cannot be one is simply not found. */
export function verifyFolderId(input: unknown, param = 'folder_id'): number {
  if (input === undefined || input === null) throw new MissingParameter(param);
  if (typeof input !== 'number' || !Number.isFinite(input)) throw new InvalidValue(param, 'a folder id (positive integer) is required', input);
  if (!Number.isSafeInteger(input) || input < 1) throw new FolderNotFound(input, param);
  return input;
}

export async function loadOwnedFolder(
  ctx: FlowContext,
  accountId: number,
  folderId: unknown,
  options: { readonly lock?: boolean; readonly param?: string } = {},
): Promise<FolderRow> {
  const number = verifyFolderId(folderId, options.param);
  const q = ctx.db.selectFrom('folders').selectAll().where('number', '=', number).where('account_id', '=', accountId);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new FolderNotFound(number, options.param);
  return row;
}

/** By exact (case-sensitive) name, as Dynadot set_folder matches it. */
export async function loadOwnedFolderByName(ctx: FlowContext, accountId: number, name: unknown, param = 'folder'): Promise<FolderRow> {
  if (typeof name !== 'string' || name === '') throw new MissingParameter(param);
  const row = await ctx.db.selectFrom('folders').selectAll().where('name', '=', name).where('account_id', '=', accountId).forUpdate().executeTakeFirst();
  if (!row) throw new FolderNotFound(name, param);
  return row;
}

/** The enabled flags as stored, for known keys only. */
export function readEnabled(stored: Readonly<Record<string, boolean>> | null | undefined): EnabledKeys {
  const out: Partial<Record<TemplateKey, boolean>> = {};
  for (const k of TEMPLATE_KEYS) if (typeof stored?.[k] === 'boolean') out[k] = stored[k];
  return out;
}

/** The keys applied to a domain moved into the folder: enabled and present in the template. */
export function enabledKeys(row: FolderRow): TemplateKey[] {
  const template = readTemplate(row.template);
  const enabled = readEnabled(row.enabled);
  return TEMPLATE_KEYS.filter((k) => enabled[k] === true && template[k] !== undefined);
}

export async function toFolderView(ctx: FlowContext, row: FolderRow): Promise<FolderView> {
  const counts = await memberCounts(ctx, row.account_id, [row.id]);
  return folderView(row, counts.get(row.id) ?? 0);
}

export function folderView(row: FolderRow, domainCount: number): FolderView {
  return { id: row.number, name: row.name, template: readTemplate(row.template), enabled: readEnabled(row.enabled), domainCount };
}

/** Live domains of the account per folder (internal ids). */
export async function memberCounts(ctx: FlowContext, accountId: number, folderIds: readonly number[]): Promise<Map<number, number>> {
  if (folderIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('domains')
    .select(['folder_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('account_id', '=', accountId)
    .where('released_at', 'is', null)
    .where('folder_id', 'in', [...folderIds])
    .groupBy('folder_id')
    .execute();
  return new Map(rows.map((r) => [r.folder_id!, Number(r.count)]));
}

export async function saveFolderSettings(ctx: FlowContext, folder: FolderRow, template: SettingsTemplate, enabled: EnabledKeys): Promise<FolderRow> {
  return ctx.db
    .updateTable('folders')
    .set({ template: JSON.stringify(template), enabled: JSON.stringify(enabled), updated_at: ctx.now })
    .where('id', '=', folder.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
