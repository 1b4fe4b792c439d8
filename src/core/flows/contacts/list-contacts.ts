/**
 * Every contact of the acting account, ordered by public number, each with
 * the live domains that use it and the role (Freenom contact/list with
 * contact_domain, Dynadot contact_list). No paging: an account's contacts
 * are few, and neither API pages them.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { domainUsesOf } from './contact-usage.ts';
import { toContactView, type ContactDetails } from './contact-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface ListContactsInput {
  readonly accountId?: number;
}

export interface ListContactsResult {
  readonly items: readonly ContactDetails[];
}

export async function listContacts(ctx: FlowContext, input: ListContactsInput = {}): Promise<ListContactsResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const rows = await ctx.db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).orderBy('number').execute();
  const uses = await domainUsesOf(ctx, accountId, rows.map((r) => r.id));
  return { items: rows.map((row) => ({ ...toContactView(row), domains: uses.get(row.id) ?? [] })) };
}
