// Settings templates (account defaults, folders), e-mail forwarding, clearing domain settings. One file per use case; add a line per new flow file.
export {
  TEMPLATE_KEYS, SERVICE_SLOT, MAX_TEMPLATE_RECORDS, TEMPLATE_PART_THROWS, validateTemplatePart, readTemplate,
  type SettingsTemplate, type TemplateKey, type TemplatePart, type TemplateContacts, type TemplateService, type TemplateForward,
  type TemplateHosting, type TemplateDns, type TemplatePartOptions,
} from './settings-template.ts';
export { applyTemplate, APPLY_TEMPLATE_THROWS, type AppliedTemplate } from './apply-template.ts';
export { CLEARABLE_SERVICES, type ClearableService } from './template-services.ts';
export {
  EMAIL_FORWARD_TYPES, MAX_MX_HOSTS, MAX_EMAIL_ALIASES, MAX_MX_DISTANCE, CATCH_ALL_ALIAS, validateEmailForward,
} from './email-forward.ts';
export { type DefaultsView } from './account-defaults.ts';
export { setDefaultSetting, type SetDefaultSettingInput } from './set-default-setting.ts';
export { clearDefaultSetting, type ClearDefaultSettingInput } from './clear-default-setting.ts';
export { getDefaults, type GetDefaultsInput } from './get-defaults.ts';
export {
  applyAccountDefaults, registrationTemplateKeys, APPLY_ACCOUNT_DEFAULTS_THROWS, type RegistrationSettings,
} from './apply-account-defaults.ts';
export { setEmailForward, type SetEmailForwardInput } from './set-email-forward.ts';
export {
  clearDomainSetting, DOMAIN_CLEAR_SERVICES, MAX_CLEAR_NAMES,
  type ClearDomainSettingInput, type ClearDomainSettingResult, type DomainClearService,
} from './clear-domain-setting.ts';
