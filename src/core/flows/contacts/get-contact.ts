/**
 * One contact of the acting account, by public number or by handle, with
 * the live domains that use it (getContact), or without them (findContact:
 * a contact a request names, for its number or details; one statement, no
 * transaction). Missing and another account's contacts are ContactNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { markReadOnly } from '../../run-flow.ts';
import { actingAccountId } from '../../actors.ts';
import { ConflictingParameters, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedContact, loadOwnedContactByHandle } from './contact-access.ts';
import { domainUsesOf } from './contact-usage.ts';
import { toContactView, type ContactDetails, type ContactView } from './contact-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONFLICTING_PARAMETERS', 'CONTACT_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export type GetContactInput =
  | { readonly accountId?: number; readonly contactId: number; readonly handle?: undefined }
  | { readonly accountId?: number; readonly handle: string; readonly contactId?: undefined };

export async function getContact(ctx: FlowContext, input: GetContactInput): Promise<ContactDetails> {
  const accountId = actingAccountId(ctx, input.accountId);
  const row = await loadContact(ctx, accountId, input);
  const uses = await domainUsesOf(ctx, accountId, [row.id]);
  return { ...toContactView(row), domains: uses.get(row.id) ?? [] };
}

/** The contact alone, without the domains that use it (an account's main contact may be on thousands). */
export const findContact = markReadOnly(async function findContact(ctx: FlowContext, input: GetContactInput): Promise<ContactView> {
  return toContactView(await loadContact(ctx, actingAccountId(ctx, input.accountId), input));
});

function loadContact(ctx: FlowContext, accountId: number, input: GetContactInput) {
  if (input.contactId !== undefined && input.handle !== undefined) throw new ConflictingParameters('contact_id', 'handle');
  if (input.contactId === undefined && input.handle === undefined) throw new MissingParameter('contact_id');
  return input.contactId !== undefined
    ? loadOwnedContact(ctx, accountId, input.contactId)
    : loadOwnedContactByHandle(ctx, accountId, input.handle);
}
