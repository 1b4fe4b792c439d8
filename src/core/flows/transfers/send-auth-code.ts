/**
 * Mail a domain's auth code to its registrant (WEDOS domain-send-auth-info):
 * to the registrant contact's e-mail when the domain has one, otherwise to
 * the holding account's e-mail. The message goes through the outbox; the
 * code itself is not returned.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { enqueueMail } from '../../outbox.ts';
import type { DomainRow } from '../../../store/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
] as const satisfies readonly ErrorCode[];

export interface SendAuthCodeInput {
  readonly accountId?: number;
  readonly name: string;
}

export interface SendAuthCodeResult {
  readonly name: string;
  /** The address the code was sent to. */
  readonly to: string;
}

export async function sendAuthCode(ctx: FlowContext, input: SendAuthCodeInput): Promise<SendAuthCodeResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'sending the authorization code');
  const to = (await registrantEmail(ctx, owned.row)) ?? account.email;
  await enqueueMail(ctx, {
    accountId,
    to,
    kind: 'auth_code',
    subject: `Authorization code for ${owned.row.name}`,
    body: [
      `The authorization code (AUTH-ID) of ${owned.row.name} is: ${owned.row.auth_code}`,
      'Give it only to the account that should receive the domain.',
    ].join('\n'),
  });
  return { name: owned.row.name, to };
}

async function registrantEmail(ctx: FlowContext, row: DomainRow): Promise<string | undefined> {
  if (row.registrant_contact_id === null) return undefined;
  const contact = await ctx.db.selectFrom('contacts').select('email').where('id', '=', row.registrant_contact_id).executeTakeFirst();
  const email = contact?.email.trim() ?? '';
  return email === '' ? undefined : email;
}
