/** The CNNIC audit status of one of the account's contacts (Dynadot get_cn_audit_status). */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { loadOwnedContact } from './contact-access.ts';
import { cnAuditStatusOf, type CnAuditStatusView } from './contact-registry-access.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface GetCnAuditStatusInput {
  readonly accountId?: number;
  readonly contactId: number;
}

export async function getCnAuditStatus(ctx: FlowContext, input: GetCnAuditStatusInput): Promise<CnAuditStatusView> {
  const accountId = actingAccountId(ctx, input.accountId);
  return cnAuditStatusOf(await loadOwnedContact(ctx, accountId, input.contactId), ctx.now);
}
