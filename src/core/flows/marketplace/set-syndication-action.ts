/**
 * The seller's answer to a partner marketplace about one listing (Dynadot
 * set_afternic_confirm_action, set_sedo_confirm_action): `confirm_afternic`
 * keeps the listing syndicated to Afternic, `delete_from_afternic` takes it
 * off Afternic (likewise `confirm_sedo` / `delete_from_sedo`). regd talks to
 * neither partner: the answer is stored on the listing and shown with it;
 * the listing itself stays on regd's marketplace either way.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, ListingNotFound, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { queryListings, type ListingView } from './listing-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'LISTING_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export const SYNDICATION_ACTIONS = {
  afternic: ['confirm_afternic', 'delete_from_afternic'],
  sedo: ['confirm_sedo', 'delete_from_sedo'],
} as const;

export type SyndicationPartner = keyof typeof SYNDICATION_ACTIONS;

export interface SetSyndicationActionInput {
  readonly accountId?: number;
  readonly name: string;
  readonly partner: SyndicationPartner;
  readonly action: string;
}

export async function setSyndicationAction(ctx: FlowContext, input: SetSyndicationActionInput): Promise<ListingView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const allowed = SYNDICATION_ACTIONS[input.partner] as readonly string[] | undefined;
  if (allowed === undefined) throw new InvalidValue('partner', 'afternic or sedo is required', input.partner);
  if (input.action === undefined || input.action === '') throw new MissingParameter('action');
  if (!allowed.includes(input.action)) throw new InvalidValue('action', `one of ${allowed.join(', ')} is required`, input.action);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const [listing] = await queryListings(ctx, { name: name.ascii, forUpdate: true });
  if (!listing || listing.sellerAccountId !== accountId) throw new ListingNotFound(name.ascii);
  const column = input.partner === 'afternic' ? 'afternic_action' : 'sedo_action';
  await ctx.db.updateTable('marketplace_listings').set({ [column]: input.action, updated_at: ctx.now }).where('id', '=', listing.id).execute();
  const [updated] = await queryListings(ctx, { name: name.ascii });
  return updated!;
}
