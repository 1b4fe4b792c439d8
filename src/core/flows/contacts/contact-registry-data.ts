/**
 * Registry extras kept on a contact (Dynadot): EU citizenship for .eu, the
 * Latvian registration and VAT numbers for .lv, and the CNNIC audit for .cn.
 * The audit is submitted by the account ('processing') and decided later:
 * for now by an operator (completeCnAudit), so a sandbox can move it.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount, requireOperator } from '../../actors.ts';
import { CnAuditStatusProhibits, ConflictingParameters, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { requireString } from '../../validate.ts';
import type { CnAuditStatus, ContactRow } from '../../../store/index.ts';
import { loadAnyContact, loadOwnedContact } from './contact-access.ts';
import { toContactView, type CnAuditData, type CnContactType, type ContactView } from './contact-view.ts';

/** Countries whose citizens may hold a .eu name (Dynadot set_contact_eu_setting). */
export const EU_CITIZENSHIP_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IE', 'IT', 'LV', 'LI', 'LT', 'LU',
  'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
];

/** CNNIC identification document types of an individual. */
export const CN_INDIVIDUAL_ID_TYPES: readonly string[] = ['JGZ', 'SFZ', 'HZ', 'GAJMTX', 'TWJMTX', 'WJLSFZ', 'GAJZZ', 'TWJZZ', 'QT'];

/** CNNIC identification document types of an organization. */
export const CN_ENTERPRISE_ID_TYPES: readonly string[] = [
  'ORG', 'YYZZ', 'TYDM', 'BDDM', 'JDDWFW', 'SYDWFR', 'WGCZJG', 'SHTTFR', 'ZJCS', 'MBFQY', 'JJHFR', 'LSZY', 'WGZHWH', 'WLCZJG',
  'SFJD', 'JWJG', 'SHFWJG', 'MBXXBX', 'YLJGZY', 'GZJGZY', 'BJWSXX', 'QTTYDM', 'QT',
];

const CN_CONTACT_TYPES: readonly CnContactType[] = ['Individual', 'Enterprise'];
const IMAGE_URL_PATH = /\.(jpg|jpeg|gif|png)$/i;
const MAX_REGISTRY_ID = 64;
const MAX_URL = 2048;

// ---- EU ------------------------------------------------------------------

export const setContactEuSettingThrows = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface SetContactEuSettingInput {
  readonly accountId?: number;
  readonly contactId: number;
  readonly countryOfCitizenship: string;
}

export async function setContactEuSetting(ctx: FlowContext, input: SetContactEuSettingInput): Promise<ContactView> {
  const { row } = await loadForChange(ctx, input);
  const country = requireString(input.countryOfCitizenship, 'country_of_citizenship', { max: 2 }).toUpperCase();
  if (!EU_CITIZENSHIP_COUNTRIES.includes(country)) {
    throw new InvalidValue('country_of_citizenship', `one of ${EU_CITIZENSHIP_COUNTRIES.join(', ')} is required`, input.countryOfCitizenship);
  }
  return update(ctx, row, { eu_citizenship: country });
}

// ---- LV ------------------------------------------------------------------

export const setContactLvSettingThrows = setContactEuSettingThrows;

export interface SetContactLvSettingInput {
  readonly accountId?: number;
  readonly contactId: number;
  /** Latvian personal ID (individuals) or Register of Enterprises number (organizations). */
  readonly registrationNumber: string;
  /** EU VAT number; absent clears a previous one (the setting is replaced as a whole). */
  readonly vatNumber?: string;
}

export async function setContactLvSetting(ctx: FlowContext, input: SetContactLvSettingInput): Promise<ContactView> {
  const { row } = await loadForChange(ctx, input);
  const registration = registryId(input.registrationNumber, 'registration_number');
  const vat = input.vatNumber === undefined || input.vatNumber === '' ? null : registryId(input.vatNumber, 'vat_number');
  return update(ctx, row, { lv_registration_number: registration, lv_vat_number: vat });
}

// ---- CN audit ------------------------------------------------------------

export const createCnAuditThrows = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONFLICTING_PARAMETERS',
  'CONTACT_NOT_FOUND', 'CN_AUDIT_STATUS_PROHIBITS',
] as const satisfies readonly ErrorCode[];

export interface CreateCnAuditInput {
  readonly accountId?: number;
  readonly contactId: number;
  readonly contactType: CnContactType;
  readonly individualIdType: string;
  readonly individualLicenseId: string;
  /** http(s) URL of a jpg, jpeg, gif or png scan. */
  readonly individualUrl: string;
  /** Required for Enterprise, refused for Individual. */
  readonly enterpriseIdType?: string;
  readonly enterpriseLicenseId?: string;
  readonly enterpriseUrl?: string;
}

export interface CnAuditStatusView {
  readonly contactId: number;
  /** 'none' when no audit was ever submitted. */
  readonly status: CnAuditStatus;
  /** Set when status is 'failed', otherwise ''. */
  readonly failedReason: string;
}

/** Submit (or, after a failed or passed audit, resubmit) a contact's documents. A submission in progress cannot be replaced. */
export async function createCnAudit(ctx: FlowContext, input: CreateCnAuditInput): Promise<CnAuditStatusView> {
  const { row } = await loadForChange(ctx, input);
  if (row.cn_audit_status === 'processing') throw new CnAuditStatusProhibits(row.number, row.cn_audit_status, 'a new submission');
  const audit = verifyCnAudit(input);
  const updated = await writeAudit(ctx, row, { cn_audit: JSON.stringify(audit), cn_audit_status: 'processing', cn_audit_failed_reason: '' });
  return cnAuditStatusOf(updated);
}

export const getCnAuditStatusThrows = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface GetCnAuditStatusInput {
  readonly accountId?: number;
  readonly contactId: number;
}

export async function getCnAuditStatus(ctx: FlowContext, input: GetCnAuditStatusInput): Promise<CnAuditStatusView> {
  const accountId = actingAccountId(ctx, input.accountId);
  return cnAuditStatusOf(await loadOwnedContact(ctx, accountId, input.contactId));
}

export const completeCnAuditThrows = [
  'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND', 'CN_AUDIT_STATUS_PROHIBITS',
] as const satisfies readonly ErrorCode[];

export interface CompleteCnAuditInput {
  readonly contactId: number;
  readonly outcome: 'pass' | 'failed';
  /** Required when the outcome is 'failed'. */
  readonly reason?: string;
}

/** Operator: decide a processing audit. */
export async function completeCnAudit(ctx: FlowContext, input: CompleteCnAuditInput): Promise<CnAuditStatusView> {
  requireOperator(ctx);
  const row = await loadAnyContact(ctx, input.contactId);
  if (input.outcome !== 'pass' && input.outcome !== 'failed') throw new InvalidValue('outcome', "'pass' or 'failed' is required", input.outcome);
  if (row.cn_audit_status !== 'processing') throw new CnAuditStatusProhibits(row.number, row.cn_audit_status, 'a decision');
  const reason = input.outcome === 'failed' ? requireString(input.reason, 'reason', { max: 500 }) : '';
  const updated = await writeAudit(ctx, row, { cn_audit_status: input.outcome, cn_audit_failed_reason: reason });
  return cnAuditStatusOf(updated);
}

/** The whole CN audit flow set, for the error-completeness tests. */
export const throws = [...new Set([...createCnAuditThrows, ...getCnAuditStatusThrows, ...completeCnAuditThrows, ...setContactEuSettingThrows])];

// ---- helpers -------------------------------------------------------------

async function loadForChange(ctx: FlowContext, input: { accountId?: number; contactId: number }): Promise<{ row: ContactRow }> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  return { row: await loadOwnedContact(ctx, accountId, input.contactId, { lock: 'update' }) };
}

async function update(
  ctx: FlowContext,
  row: ContactRow,
  patch: { eu_citizenship?: string; lv_registration_number?: string; lv_vat_number?: string | null },
): Promise<ContactView> {
  const updated = await ctx.db.updateTable('contacts').set({ ...patch, updated_at: ctx.now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  return toContactView(updated);
}

async function writeAudit(
  ctx: FlowContext,
  row: ContactRow,
  patch: { cn_audit?: string; cn_audit_status: CnAuditStatus; cn_audit_failed_reason: string },
): Promise<ContactRow> {
  return ctx.db.updateTable('contacts').set({ ...patch, updated_at: ctx.now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
}

function cnAuditStatusOf(row: ContactRow): CnAuditStatusView {
  return { contactId: row.number, status: row.cn_audit_status, failedReason: row.cn_audit_failed_reason };
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

function registryId(input: unknown, param: string): string {
  const s = requireString(input, param, { max: MAX_REGISTRY_ID });
  if (!/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/.test(s)) throw new InvalidValue(param, 'letters, digits, spaces, dots, slashes and hyphens only', input);
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
