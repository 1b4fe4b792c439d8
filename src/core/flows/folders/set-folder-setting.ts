/**
 * Set one setting of a folder's template (Dynadot set_folder_whois,
 * set_folder_ns, set_folder_forwarding / stealth / parking / hosting,
 * set_folder_dns2, set_folder_email_forward, set_folder_renew_option).
 * `enable` turns on (or off) applying the setting to domains moved into
 * the folder later; left out, the flag stays as it was. `sync` applies it
 * now to every current member that can be changed; members in another
 * state (pending create, redemption…) are listed as skipped, and so is a
 * member whose TLD does not take the setting (name servers on an NSSET
 * TLD). A name server, service or DNS setting replaces the other two.
 * With `requireHostObjects`, name servers must be host objects of the
 * account (HostNotFound otherwise).
 * Load (account, folder) → validate → persist → sync → view.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { CHANGEABLE_STATES } from '../domains/domain-statuses.ts';
import { applyTemplate } from '../settings/apply-template.ts';
import { readTemplate, SERVICE_SLOT, TEMPLATE_PART_THROWS, validateTemplatePart, withPart, type SettingsTemplate, type TemplateKey, type TemplatePart, type TemplatePartOptions } from '../settings/settings-template.ts';
import type { FolderRow } from '../../../store/index.ts';
import { loadOwnedFolder, readEnabled, saveFolderSettings, toFolderView, type FolderView } from './folder-access.ts';

/** Applying on sync can throw only what validating a part can (APPLY_TEMPLATE_THROWS is a subset). */
export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'FOLDER_NOT_FOUND', 'HOST_NOT_FOUND', ...TEMPLATE_PART_THROWS] as const satisfies readonly ErrorCode[];

export type SetFolderSettingInput = {
  readonly accountId?: number;
  readonly folderId: number;
  readonly enable?: boolean;
  readonly sync?: boolean;
} & TemplatePartOptions & TemplatePart;

export interface SetFolderSettingResult {
  readonly folder: FolderView;
  /** With sync: the members the setting was applied to, by name. */
  readonly synced: readonly string[];
  /** With sync: the members left as they were, by name. */
  readonly skipped: readonly string[];
}

export async function setFolderSetting(ctx: FlowContext, input: SetFolderSettingInput): Promise<SetFolderSettingResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const enable = optionalBoolean(input.enable, 'enable');
  const sync = optionalBoolean(input.sync, 'sync') ?? false;
  const folder = await loadOwnedFolder(ctx, accountId, input.folderId, { lock: true });
  const part = await validateTemplatePart(ctx, accountId, input.key, input.value, { requireHostObjects: input.requireHostObjects === true });

  const template = withPart(readTemplate(folder.template), part);
  const enabled: Record<string, boolean> = { ...readEnabled(folder.enabled) };
  if (SERVICE_SLOT.includes(part.key)) for (const k of SERVICE_SLOT) if (k !== part.key) delete enabled[k];
  if (enable !== undefined) enabled[part.key] = enable;
  const saved = await saveFolderSettings(ctx, folder, template, enabled);

  const { synced, skipped } = sync ? await syncMembers(ctx, saved, template, part.key) : { synced: [], skipped: [] };
  return { folder: await toFolderView(ctx, saved), synced, skipped };
}

async function syncMembers(ctx: FlowContext, folder: FolderRow, template: SettingsTemplate, key: TemplateKey): Promise<{ synced: string[]; skipped: string[] }> {
  const members = await ctx.db
    .selectFrom('domains')
    .selectAll()
    .where('account_id', '=', folder.account_id)
    .where('folder_id', '=', folder.id)
    .where('released_at', 'is', null)
    .orderBy('name')
    .forUpdate()
    .execute();
  const synced: string[] = [];
  const skipped: string[] = [];
  for (const row of members) {
    const state = projectDomainAt(row, ctx.policy.get(row.tld), ctx.now).state;
    if (state === 'released') continue;
    const changeable = CHANGEABLE_STATES.has(state) && (await applyTemplate(ctx, row, template, [key])).applied.length > 0;
    (changeable ? synced : skipped).push(row.name);
  }
  return { synced, skipped };
}

function optionalBoolean(value: unknown, param: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InvalidValue(param, 'true or false is required', value);
  return value;
}
