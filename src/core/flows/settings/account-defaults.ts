/**
 * The account defaults row: one settings template per account, absent
 * until the first default is set. Reads and writes for the defaults flows.
 */
import type { FlowContext } from '../../context.ts';
import { readTemplate, type SettingsTemplate } from './settings-template.ts';

export interface DefaultsView {
  readonly template: SettingsTemplate;
}

/**
 * The account's defaults (empty when none were set). `lock` holds the row
 * for the rest of the transaction; with `create`, a missing row is created
 * empty first so that it can be locked and written.
 */
export async function loadDefaults(
  ctx: FlowContext,
  accountId: number,
  options: { readonly lock?: boolean; readonly create?: boolean } = {},
): Promise<SettingsTemplate> {
  if (options.create) {
    await ctx.db
      .insertInto('account_defaults')
      .values({ account_id: accountId, updated_at: ctx.now })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .execute();
  }
  const q = ctx.db.selectFrom('account_defaults').select('template').where('account_id', '=', accountId);
  const row = await (options.lock || options.create ? q.forUpdate() : q).executeTakeFirst();
  return readTemplate(row?.template);
}

export async function saveDefaults(ctx: FlowContext, accountId: number, template: SettingsTemplate): Promise<void> {
  await ctx.db
    .updateTable('account_defaults')
    .set({ template: JSON.stringify(template), updated_at: ctx.now })
    .where('account_id', '=', accountId)
    .execute();
}
