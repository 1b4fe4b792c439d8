/**
 * Set a domain's e-mail forwarding (Dynadot set_email_forward): none
 * ('donot'), delivery to 1–3 other mail hosts ('mx'), or 1–10 aliases of
 * the domain forwarded to existing addresses ('forward', '*' catches every
 * other address). Load (account, domain, state) → validate → persist → view.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import type { EmailForward } from '../../../store/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import { toDomainView, type DomainView } from '../domains/domain-view.ts';
import { validateEmailForward } from './email-forward.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'MISSING_PARAMETER', 'INVALID_VALUE', 'INVALID_HOST_NAME',
] as const satisfies readonly ErrorCode[];

export interface SetEmailForwardInput {
  readonly accountId?: number;
  readonly name: string;
  readonly forward: EmailForward;
}

export async function setEmailForward(ctx: FlowContext, input: SetEmailForwardInput): Promise<DomainView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'set e-mail forwarding');
  const forward = validateEmailForward(input.forward);

  const row = await ctx.db
    .updateTable('domains')
    .set({ email_forward: JSON.stringify(forward), updated_at: ctx.now })
    .where('id', '=', owned.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDomainView(row, ctx.policy, ctx.now);
}
