/**
 * Submit a contact's documents for the CNNIC audit .cn needs (Dynadot
 * create_cn_audit). The audit is then 'processing' until it is decided:
 * on the engine clock (cn-audit-timetable.ts, the sweeper's
 * decideDueCnAudits) or by the operator (completeCnAudit); after a failed or passed audit the account may submit
 * again, but a submission in progress cannot be replaced.
 */
import type { FlowContext } from '../../context.ts';
import { CnAuditStatusProhibits, ConflictingParameters, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { requireString } from '../../validate.ts';
import { cnAuditStatusOf, loadContactForChange, registryId, writeCnAudit, type CnAuditStatusView } from './contact-registry-access.ts';
import type { CnAuditData, CnContactType } from './contact-view.ts';
import { projectCnAudit } from './cn-audit-timetable.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONFLICTING_PARAMETERS',
  'CONTACT_NOT_FOUND', 'CN_AUDIT_STATUS_PROHIBITS',
] as const satisfies readonly ErrorCode[];

/** CNNIC identification document types of an individual. */
export const CN_INDIVIDUAL_ID_TYPES: readonly string[] = ['JGZ', 'SFZ', 'HZ', 'GAJMTX', 'TWJMTX', 'WJLSFZ', 'GAJZZ', 'TWJZZ', 'QT'];

/** CNNIC identification document types of an organization. */
export const CN_ENTERPRISE_ID_TYPES: readonly string[] = [
  'ORG', 'YYZZ', 'TYDM', 'BDDM', 'JDDWFW', 'SYDWFR', 'WGCZJG', 'SHTTFR', 'ZJCS', 'MBFQY', 'JJHFR', 'LSZY', 'WGZHWH', 'WLCZJG',
  'SFJD', 'JWJG', 'SHFWJG', 'MBXXBX', 'YLJGZY', 'GZJGZY', 'BJWSXX', 'QTTYDM', 'QT',
];

const CN_CONTACT_TYPES: readonly CnContactType[] = ['Individual', 'Enterprise'];
const IMAGE_URL_PATH = /\.(jpg|jpeg|gif|png)$/i;
const MAX_URL = 2048;

/** The documents (scans: http(s) URLs of jpg, jpeg, gif or png files; the enterprise fields required for Enterprise, refused for Individual). */
export interface CreateCnAuditInput extends CnAuditData {
  readonly accountId?: number;
  readonly contactId: number;
}

/** Submit (or, after a failed or passed audit, resubmit) a contact's documents. A submission in progress cannot be replaced. */
export async function createCnAudit(ctx: FlowContext, input: CreateCnAuditInput): Promise<CnAuditStatusView> {
  const { row } = await loadContactForChange(ctx, input);
  const phase = projectCnAudit(row, ctx.now).phase;
  if (phase === 'processing' || phase === 'waiting') throw new CnAuditStatusProhibits(row.number, phase, 'a new submission');
  const audit = verifyCnAudit(input);
  const updated = await writeCnAudit(ctx, row, { cn_audit: JSON.stringify({ ...audit, submittedAt: ctx.now.toISOString() }), cn_audit_status: 'processing', cn_audit_failed_reason: '' });
  return cnAuditStatusOf(updated, ctx.now);
}

function verifyCnAudit(input: CreateCnAuditInput): CnAuditData {
  const contactType = input.contactType;
  if (contactType === undefined || (contactType as string) === '') throw new MissingParameter('contact_type');
  if (!CN_CONTACT_TYPES.includes(contactType)) throw new InvalidValue('contact_type', "'Individual' or 'Enterprise' is required", contactType);
  const individual = {
    individualIdType: oneOf(input.individualIdType, CN_INDIVIDUAL_ID_TYPES, 'individual_id_type'),
    individualLicenseId: registryId(input.individualLicenseId, 'individual_license_id'),
    individualUrl: imageUrl(input.individualUrl, 'individual_url'),
  };
  const enterpriseGiven = (['enterpriseIdType', 'enterpriseLicenseId', 'enterpriseUrl'] as const).find((k) => input[k] !== undefined && input[k] !== '');
  if (contactType === 'Individual') {
    if (enterpriseGiven !== undefined) throw new ConflictingParameters(snake(enterpriseGiven), 'contact_type');
    return { contactType, ...individual };
  }
  return {
    contactType,
    ...individual,
    enterpriseIdType: oneOf(input.enterpriseIdType, CN_ENTERPRISE_ID_TYPES, 'enterprise_id_type'),
    enterpriseLicenseId: registryId(input.enterpriseLicenseId, 'enterprise_license_id'),
    enterpriseUrl: imageUrl(input.enterpriseUrl, 'enterprise_url'),
  };
}

function oneOf(input: unknown, allowed: readonly string[], param: string): string {
  const s = requireString(input, param, { max: 16 }).toUpperCase();
  if (!allowed.includes(s)) throw new InvalidValue(param, `one of ${allowed.join(', ')} is required`, input);
  return s;
}

/** An absolute http(s) URL whose path ends in .jpg, .jpeg, .gif or .png. */
function imageUrl(input: unknown, param: string): string {
  const s = requireString(input, param, { max: MAX_URL });
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new InvalidValue(param, 'an absolute http(s) URL is required', input);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidValue(param, 'an http or https URL is required', input);
  if (!IMAGE_URL_PATH.test(url.pathname)) throw new InvalidValue(param, 'the URL must point to a jpg, jpeg, gif or png file', input);
  return url.href;
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
