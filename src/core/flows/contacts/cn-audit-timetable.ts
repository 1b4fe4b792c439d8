/**
 * How a CNNIC audit moves on the engine clock, so that a sandbox user can
 * watch it pass or fail without an operator:
 *
 *   submitted ─ 1 hour ─▶ sent to CNNIC ─ until 24 hours ─▶ decided
 *   'processing' (review)  'waiting' (registry)             'pass' | 'failed'
 *
 * The decision is what CNNIC checks first and what can be checked without
 * the scans: the check character of the identity number. A mainland ID card
 * (SFZ, GB 11643) and a Uniform Social Credit Code (TYDM, GB 32100) carry
 * one; a number whose check character is wrong fails with a reason naming
 * the document. Every other document type passes. Reading the status
 * projects the decision once it is due (as transfers project their
 * auto-approval); the sweeper persists it (decideDueCnAudits).
 */
import type { ContactRow } from '../../../store/index.ts';
import { DAY, HOUR } from '../../clock.ts';
import type { CnAuditData } from './contact-view.ts';

/** regd's own review before the documents go to CNNIC. */
export const CN_AUDIT_REVIEW_MS = HOUR;
/** From submission to CNNIC's decision. */
export const CN_AUDIT_DECISION_MS = DAY;

/** The audit as read at an instant: 'waiting' is a processing audit that CNNIC has (after the review). */
export type CnAuditPhase = 'none' | 'processing' | 'waiting' | 'pass' | 'failed';

export interface CnAuditOutcome {
  readonly outcome: 'pass' | 'failed';
  readonly reason: string;
}

/** The stored audit's submission instant (audits stored before the timetable have none and wait for the operator). */
export function cnAuditSubmittedAt(row: Pick<ContactRow, 'cn_audit'>): Date | null {
  const at = (row.cn_audit as { submittedAt?: unknown } | null)?.submittedAt;
  if (typeof at !== 'string') return null;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The decision's instant, null when the audit is not processing or has no submission instant. */
export function cnAuditDecisionAt(row: Pick<ContactRow, 'cn_audit' | 'cn_audit_status'>): Date | null {
  if (row.cn_audit_status !== 'processing') return null;
  const at = cnAuditSubmittedAt(row);
  return at === null ? null : new Date(at.getTime() + CN_AUDIT_DECISION_MS);
}

/** What CNNIC decides about these documents. */
export function cnAuditOutcome(audit: CnAuditData): CnAuditOutcome {
  if (audit.individualIdType === 'SFZ' && !validIdCardNumber(audit.individualLicenseId)) {
    return { outcome: 'failed', reason: 'the ID card number (SFZ) is not valid: its check character does not match' };
  }
  if (audit.enterpriseIdType === 'TYDM' && !validCreditCode(audit.enterpriseLicenseId ?? '')) {
    return { outcome: 'failed', reason: 'the Uniform Social Credit Code (TYDM) is not valid: its check character does not match' };
  }
  return { outcome: 'pass', reason: '' };
}

/** The audit's phase and failure reason at `now`, the due decision included. */
export function projectCnAudit(row: Pick<ContactRow, 'cn_audit' | 'cn_audit_status' | 'cn_audit_failed_reason'>, now: Date): { phase: CnAuditPhase; failedReason: string } {
  if (row.cn_audit_status !== 'processing') return { phase: row.cn_audit_status, failedReason: row.cn_audit_failed_reason };
  const submitted = cnAuditSubmittedAt(row);
  if (submitted === null || row.cn_audit === null) return { phase: 'processing', failedReason: '' };
  const elapsed = now.getTime() - submitted.getTime();
  if (elapsed >= CN_AUDIT_DECISION_MS) {
    const d = cnAuditOutcome(row.cn_audit as unknown as CnAuditData);
    return { phase: d.outcome, failedReason: d.reason };
  }
  return { phase: elapsed >= CN_AUDIT_REVIEW_MS ? 'waiting' : 'processing', failedReason: '' };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A mainland resident ID card number: 17 digits and a check character (GB 11643, ISO 7064 MOD 11-2). */
export function validIdCardNumber(s: string): boolean {
  const v = s.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(v[i]), 0);
  return ID_CHECK[sum % 11] === v[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A Uniform Social Credit Code: 18 characters of its alphabet, the last a check character (GB 32100). */
export function validCreditCode(s: string): boolean {
  const v = s.toUpperCase();
  if (v.length !== 18 || [...v].some((ch) => !USCC_CHARS.includes(ch))) return false;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(v[i]!), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === v[17];
}
