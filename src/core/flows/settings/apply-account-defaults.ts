/**
 * Account defaults at registration: after registerDomain inserts the row,
 * every default the registration did not set explicitly is applied through
 * applyTemplate. Rules:
 * - name servers, service and DNS are one slot: when the registration
 *   chose any service (name servers, forwarding, parking, hosting), no
 *   default of the slot applies;
 * - contacts fill only the roles the registration left empty;
 * - a default the new domain's TLD cannot take fails the registration with
 *   the owner's error (e.g. GlueRequired), and nothing is registered.
 */
import type { FlowContext } from '../../context.ts';
import type { DomainRow, RenewOption } from '../../../store/index.ts';
import { domainContactsOf } from '../contacts/index.ts';
import { loadDefaults } from './account-defaults.ts';
import { applyTemplate, APPLY_TEMPLATE_THROWS } from './apply-template.ts';
import { SERVICE_SLOT, TEMPLATE_KEYS, type SettingsTemplate, type TemplateContacts, type TemplateKey } from './settings-template.ts';

export const APPLY_ACCOUNT_DEFAULTS_THROWS = APPLY_TEMPLATE_THROWS;

/** The settings a registration request may carry (the shape of RegisterDomainInput). */
export interface RegistrationSettings {
  readonly nameServers?: readonly string[];
  readonly forward?: unknown;
  readonly parking?: unknown;
  readonly hosting?: unknown;
  readonly autoRenew?: boolean;
  readonly renewOption?: RenewOption;
  readonly emailForward?: unknown;
}

/** The template keys a registration request set explicitly. */
export function registrationTemplateKeys(input: RegistrationSettings): TemplateKey[] {
  const keys: TemplateKey[] = [];
  if (input.nameServers !== undefined || input.forward !== undefined || input.parking !== undefined || input.hosting !== undefined) keys.push(...SERVICE_SLOT);
  if (input.autoRenew !== undefined || input.renewOption !== undefined) keys.push('renewOption');
  if (input.emailForward !== undefined) keys.push('emailForward');
  return keys;
}

/** Applies the account's defaults to a domain just registered; returns the row as it now is. */
export async function applyAccountDefaults(ctx: FlowContext, domain: DomainRow, explicit: readonly TemplateKey[] = []): Promise<DomainRow> {
  const defaults = await loadDefaults(ctx, domain.account_id);
  const skip = new Set<TemplateKey>(explicit);
  if (SERVICE_SLOT.some((k) => skip.has(k))) for (const k of SERVICE_SLOT) skip.add(k);
  const keys = TEMPLATE_KEYS.filter((k) => !skip.has(k));
  const template: SettingsTemplate = { ...defaults, contacts: await emptyRolesOnly(ctx, domain, defaults.contacts) };
  return (await applyTemplate(ctx, domain, template, keys)).row;
}

async function emptyRolesOnly(ctx: FlowContext, domain: DomainRow, contacts: TemplateContacts | undefined): Promise<TemplateContacts | undefined> {
  if (contacts === undefined) return undefined;
  const current = await domainContactsOf(ctx, domain);
  const out: Record<string, number> = {};
  for (const [role, number] of Object.entries(contacts)) if (current[role as keyof TemplateContacts] === null && number !== undefined) out[role] = number;
  return Object.keys(out).length > 0 ? out : undefined;
}
