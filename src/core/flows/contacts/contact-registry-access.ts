/**
 * Shared by the flows of a contact's registry extras (Dynadot): EU
 * citizenship for .eu, the Latvian numbers for .lv, and the CNNIC audit for
 * .cn. Loading a contact to change it, writing the extras, and the audit's
 * status view.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue } from '../../errors/index.ts';
import { requireString } from '../../validate.ts';
import type { CnAuditStatus, ContactRow } from '../../../store/index.ts';
import { projectCnAudit, type CnAuditPhase } from './cn-audit-timetable.ts';
import { loadOwnedContact } from './contact-access.ts';
import { toContactView, type ContactView } from './contact-view.ts';

const MAX_REGISTRY_ID = 64;

export interface CnAuditStatusView {
  readonly contactId: number;
  /**
   * 'none' when no audit was ever submitted; 'waiting' while CNNIC has a
   * processing audit (after regd's review); a due decision is reported at
   * once (cn-audit-timetable.ts).
   */
  readonly status: CnAuditPhase;
  /** Set when status is 'failed', otherwise ''. */
  readonly failedReason: string;
}

/** The acting account's contact, locked for update; the account must be active. */
export async function loadContactForChange(ctx: FlowContext, input: { accountId?: number; contactId: number }): Promise<{ row: ContactRow }> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  return { row: await loadOwnedContact(ctx, accountId, input.contactId, { lock: 'update' }) };
}

export async function writeRegistrySetting(
  ctx: FlowContext,
  row: ContactRow,
  patch: { eu_citizenship?: string; lv_registration_number?: string; lv_vat_number?: string | null },
): Promise<ContactView> {
  const updated = await ctx.db.updateTable('contacts').set({ ...patch, updated_at: ctx.now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  return toContactView(updated);
}

export async function writeCnAudit(
  ctx: FlowContext,
  row: ContactRow,
  patch: { cn_audit?: string; cn_audit_status: CnAuditStatus; cn_audit_failed_reason: string },
): Promise<ContactRow> {
  return ctx.db.updateTable('contacts').set({ ...patch, updated_at: ctx.now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
}

export function cnAuditStatusOf(row: ContactRow, now: Date): CnAuditStatusView {
  const p = projectCnAudit(row, now);
  return { contactId: row.number, status: p.phase, failedReason: p.failedReason };
}

/** A registry identifier (registration, VAT or licence number): letters, digits, spaces, dots, slashes and hyphens. */
export function registryId(input: unknown, param: string): string {
  const s = requireString(input, param, { max: MAX_REGISTRY_ID });
  if (!/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/.test(s)) throw new InvalidValue(param, 'letters, digits, spaces, dots, slashes and hyphens only', input);
  return s;
}
