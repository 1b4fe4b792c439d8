/**
 * One contact of the acting account, by public number or by handle, with
 * the live domains that use it. Missing and another account's contacts are
 * ContactNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { ConflictingParameters, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedContact, loadOwnedContactByHandle } from './contact-access.ts';
import { domainUsesOf } from './contact-usage.ts';
import { toContactView, type ContactDetails } from './contact-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONFLICTING_PARAMETERS', 'CONTACT_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export type GetContactInput =
  | { readonly accountId?: number; readonly contactId: number; readonly handle?: undefined }
  | { readonly accountId?: number; readonly handle: string; readonly contactId?: undefined };

export async function getContact(ctx: FlowContext, input: GetContactInput): Promise<ContactDetails> {
  const accountId = actingAccountId(ctx, input.accountId);
  if (input.contactId !== undefined && input.handle !== undefined) throw new ConflictingParameters('contact_id', 'handle');
  if (input.contactId === undefined && input.handle === undefined) throw new MissingParameter('contact_id');
  const row = input.contactId !== undefined
    ? await loadOwnedContact(ctx, accountId, input.contactId)
    : await loadOwnedContactByHandle(ctx, accountId, input.handle);
  const uses = await domainUsesOf(ctx, accountId, [row.id]);
  return { ...toContactView(row), domains: uses.get(row.id) ?? [] };
}
