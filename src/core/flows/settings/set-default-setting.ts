/**
 * Set one account default (Dynadot set_default_whois, set_default_ns,
 * set_default_forwarding / stealth / parking / hosting, set_default_dns2,
 * set_default_email_forward, set_default_renew_option). The value is
 * validated by its owner for this account, then stored in the defaults
 * template; a name server, service or DNS default replaces the other two.
 * With `requireHostObjects`, name servers must be host objects of the
 * account (HostNotFound otherwise), as a delegation with that option.
 * Load (account) → validate → lock the defaults → persist → view.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { loadDefaults, saveDefaults, type DefaultsView } from './account-defaults.ts';
import { TEMPLATE_PART_THROWS, validateTemplatePart, withPart, type TemplatePart, type TemplatePartOptions } from './settings-template.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'HOST_NOT_FOUND', ...TEMPLATE_PART_THROWS] as const satisfies readonly ErrorCode[];

export type SetDefaultSettingInput = { readonly accountId?: number } & TemplatePartOptions & TemplatePart;

export async function setDefaultSetting(ctx: FlowContext, input: SetDefaultSettingInput): Promise<DefaultsView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const part = await validateTemplatePart(ctx, accountId, input.key, input.value, { requireHostObjects: input.requireHostObjects === true });
  const current = await loadDefaults(ctx, accountId, { create: true });
  const template = withPart(current, part);
  await saveDefaults(ctx, accountId, template);
  return { template };
}
