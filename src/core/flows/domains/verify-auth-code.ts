/**
 * Checks a code against the live registration of a name, whoever holds it
 * (the caller is typically the gaining registrant of a transfer). A missing
 * or released name is DomainNotFound; a wrong code is AuthCodeMismatch.
 */
import type { FlowContext } from '../../context.ts';
import { AuthCodeMismatch, DomainNotFound, type ErrorCode } from '../../errors/index.ts';
import { constantTimeEqual } from '../../credentials.ts';
import { parseDomainName } from '../../names.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { loadLiveRow } from './domain-access.ts';

export const throws = ['INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'AUTH_CODE_MISMATCH'] as const satisfies readonly ErrorCode[];

export async function verifyAuthCode(ctx: FlowContext, input: { name: string; authCode: string }): Promise<{ name: string; holderAccountId: number }> {
  const name = parseDomainName(input.name, ctx.policy);
  const row = await loadLiveRow(ctx, name.ascii);
  if (!row || projectDomainAt(row, ctx.policy.get(row.tld), ctx.now).state === 'released') throw new DomainNotFound(name.ascii);
  if (typeof input.authCode !== 'string' || !constantTimeEqual(input.authCode, row.auth_code)) throw new AuthCodeMismatch(name.ascii);
  return { name: name.ascii, holderAccountId: row.account_id };
}
