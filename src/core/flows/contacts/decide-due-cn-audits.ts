/**
 * Sweeper (system or operator): persist the CNNIC decision of every audit
 * whose decision instant has passed (cn-audit-timetable.ts), so stored
 * status and what readers project agree. Each audit is re-read under lock
 * and decided only while still processing.
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { cnAuditDecisionAt, cnAuditOutcome } from './cn-audit-timetable.ts';
import type { CnAuditData } from './contact-view.ts';
import { writeCnAudit } from './contact-registry-access.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export async function decideDueCnAudits(ctx: FlowContext, _input: Record<string, never> = {}): Promise<{ readonly passed: number; readonly failed: number }> {
  requireOperator(ctx);
  // Processing audits are few (one per contact at most, decided within a day): read them all.
  const rows = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('cn_audit_status', '=', 'processing')
    .orderBy('id')
    .forUpdate()
    .execute();
  let passed = 0;
  let failed = 0;
  for (const row of rows) {
    const at = cnAuditDecisionAt(row);
    if (at === null || at.getTime() > ctx.now.getTime() || row.cn_audit === null) continue;
    const d = cnAuditOutcome(row.cn_audit as unknown as CnAuditData);
    await writeCnAudit(ctx, row, { cn_audit_status: d.outcome, cn_audit_failed_reason: d.reason });
    if (d.outcome === 'pass') passed++;
    else failed++;
  }
  return { passed, failed };
}
