// Contact flows. One file per use case; add a line per new flow file.
export * from './contact-view.ts';
export { IDENT_TYPES, type ContactFieldsInput } from './contact-input.ts';
export { type TemplateContacts } from './contact-usage.ts';
export { createContact, contactHandle, contactNumberOfHandle, HANDLE_PREFIX, type CreateContactInput } from './create-contact.ts';
export { editContact, type EditContactInput } from './edit-contact.ts';
export { getContact, findContact, type GetContactInput } from './get-contact.ts';
export { listContacts, type ListContactsInput, type ListContactsResult } from './list-contacts.ts';
export { deleteContact, MAX_DELETE_BATCH, type DeleteContactInput, type DeleteContactResult } from './delete-contact.ts';
export { type CnAuditStatusView } from './contact-registry-access.ts';
export { setContactEuSetting, EU_CITIZENSHIP_COUNTRIES, type SetContactEuSettingInput } from './set-contact-eu-setting.ts';
export { setContactLvSetting, type SetContactLvSettingInput } from './set-contact-lv-setting.ts';
export { createCnAudit, CN_INDIVIDUAL_ID_TYPES, CN_ENTERPRISE_ID_TYPES, type CreateCnAuditInput } from './create-cn-audit.ts';
export { getCnAuditStatus, type GetCnAuditStatusInput } from './get-cn-audit-status.ts';
export { completeCnAudit, type CompleteCnAuditInput } from './complete-cn-audit.ts';
export { decideDueCnAudits } from './decide-due-cn-audits.ts';
export { CN_AUDIT_REVIEW_MS, CN_AUDIT_DECISION_MS, type CnAuditPhase } from './cn-audit-timetable.ts';
export {
  setDomainContacts, resolveContactIds, domainContactsOf,
  type ContactAssignment, type ContactColumnsPatch, type SetDomainContactsInput, type DomainContactsView,
} from './set-domain-contacts.ts';
