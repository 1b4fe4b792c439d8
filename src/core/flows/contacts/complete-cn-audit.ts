/** Operator: decide a processing CNNIC audit, passed or failed with a reason (so a sandbox can move it). */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { CnAuditStatusProhibits, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { requireString } from '../../validate.ts';
import { loadAnyContact } from './contact-access.ts';
import { cnAuditStatusOf, writeCnAudit, type CnAuditStatusView } from './contact-registry-access.ts';

export const throws = [
  'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND', 'CN_AUDIT_STATUS_PROHIBITS',
] as const satisfies readonly ErrorCode[];

export interface CompleteCnAuditInput {
  readonly contactId: number;
  readonly outcome: 'pass' | 'failed';
  /** Required when the outcome is 'failed'. */
  readonly reason?: string;
}

export async function completeCnAudit(ctx: FlowContext, input: CompleteCnAuditInput): Promise<CnAuditStatusView> {
  requireOperator(ctx);
  const row = await loadAnyContact(ctx, input.contactId);
  if (input.outcome !== 'pass' && input.outcome !== 'failed') throw new InvalidValue('outcome', "'pass' or 'failed' is required", input.outcome);
  if (row.cn_audit_status !== 'processing') throw new CnAuditStatusProhibits(row.number, row.cn_audit_status, 'a decision');
  const reason = input.outcome === 'failed' ? requireString(input.reason, 'reason', { max: 500 }) : '';
  const updated = await writeCnAudit(ctx, row, { cn_audit_status: input.outcome, cn_audit_failed_reason: reason });
  return cnAuditStatusOf(updated, ctx.now);
}
