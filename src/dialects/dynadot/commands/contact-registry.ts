/**
 * A contact's registry extras (§9, §15.5) on core's flows:
 *
 *   set_contact_eu_setting  mixed C  SetContactEUSettingContent{ContactId}; JSON keys
 *                                    `"ResponseCode: "` and `"ContactId: "` as printed (§16)
 *   set_contact_lv_setting  new      SetContactLvSettingContent{ContactId}; JSON `"ContactId: "`
 *   create_cn_audit         legacy   envelope only
 *   get_cn_audit_status     mixed B  header CnAuditStatus (+ FailedReason when failed)
 *
 * The CNNIC audit moves on the engine clock (core cn-audit-timetable.ts):
 * `processing` for regd's review, then `waiting for CNNIC`, then `pass` or
 * `failed` with the reason.
 */
import {
  createCnAudit, getCnAuditStatus, setContactEuSetting, setContactLvSetting,
  type CnAuditPhase, type CnContactType, type CreateCnAuditInput,
} from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { contactIdParam } from './contact-values.ts';

/** The examples' JSON content key of these two commands: `"ContactId: "` (§16). */
const JSON_CONTACT_ID = 'ContactId: ';

export const setContactEuSettingCommand = defineCommand<{ readonly contactId: number; readonly country: string }>({
  name: 'set_contact_eu_setting',
  uses: [setContactEuSetting],
  parse: (params) => ({ contactId: contactIdParam(params), country: params.required('country_of_citizenship') }),
  errors: { INVALID_VALUE: { message: (e) => `invalid country_of_citizenship: ${String((e.details as Record<string, unknown>)['reason'] ?? '')}` } },
  async run(call, input) {
    const c = await call.run(setContactEuSetting, { contactId: input.contactId, countryOfCitizenship: input.country });
    return { content: { ContactId: String(c.id) }, json: { SetContactEUSettingContent: { [JSON_CONTACT_ID]: String(c.id) } } };
  },
});

export const setContactLvSettingCommand = defineCommand<{ readonly contactId: number; readonly registrationNumber: string; readonly vatNumber?: string }>({
  name: 'set_contact_lv_setting',
  uses: [setContactLvSetting],
  parse(params) {
    const vat = params.one('vat_number');
    return {
      contactId: contactIdParam(params),
      registrationNumber: params.required('registration_number'),
      ...(vat !== undefined && vat !== '' ? { vatNumber: vat } : {}),
    };
  },
  async run(call, input) {
    const c = await call.run(setContactLvSetting, input);
    return {
      content: { ContactId: String(c.id) },
      json: { SetContactLvSettingContent: { [JSON_CONTACT_ID]: String(c.id) } },
      csv: [['success', String(c.id)]],
    };
  },
});

const CONTACT_TYPES: readonly CnContactType[] = ['Individual', 'Enterprise'];

export const createCnAuditCommand = defineCommand<CreateCnAuditInput>({
  name: 'create_cn_audit',
  uses: [createCnAudit],
  parse(params) {
    const contactId = contactIdParam(params);
    const contactType = params.requiredChoice('contact_type', CONTACT_TYPES);
    // The JSON example sends `license_id` and `url` (undocumented): read as the individual's.
    const individual = {
      individualIdType: params.required('individual_id_type'),
      individualLicenseId: params.oneOf('individual_license_id', 'license_id') ?? params.required('individual_license_id'),
      individualUrl: params.oneOf('individual_url', 'url') ?? params.required('individual_url'),
    };
    if (contactType === 'Individual') {
      for (const p of ['enterprise_id_type', 'enterprise_license_id', 'enterprise_url']) {
        if ((params.one(p) ?? '') !== '') throw new DynadotError(`${p} is only for contact_type Enterprise`);
      }
      return { contactId, contactType, ...individual };
    }
    return {
      contactId, contactType, ...individual,
      enterpriseIdType: params.required('enterprise_id_type'),
      enterpriseLicenseId: params.required('enterprise_license_id'),
      enterpriseUrl: params.required('enterprise_url'),
    };
  },
  errors: {
    CN_AUDIT_STATUS_PROHIBITS: { message: 'the cn audit of this contact is in progress, it can not be submitted again' },
  },
  async run(call, input) {
    await call.run(createCnAudit, input);
    return {};
  },
});

const PHASE_WORDS: Readonly<Record<Exclude<CnAuditPhase, 'none'>, string>> = {
  processing: 'processing',
  waiting: 'waiting for CNNIC',
  pass: 'pass',
  failed: 'failed',
};

export const getCnAuditStatusCommand = defineCommand<{ readonly contactId: number }>({
  name: 'get_cn_audit_status',
  uses: [getCnAuditStatus],
  parse(params) {
    const contactId = contactIdParam(params);
    // gtld=1 asks for the cnnic-gtld audit: regd keeps one audit per contact, which answers both.
    params.flag('gtld');
    return { contactId };
  },
  async run(call, input) {
    const s = await call.run(getCnAuditStatus, { contactId: input.contactId });
    if (s.status === 'none') throw new DynadotError('this contact has no cn audit, submit one with create_cn_audit first');
    return { header: { CnAuditStatus: PHASE_WORDS[s.status], ...(s.status === 'failed' ? { FailedReason: s.failedReason } : {}) } };
  },
});
