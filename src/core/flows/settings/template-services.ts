/**
 * Clearing settings by service name (Dynadot set_clear_default_setting and
 * set_clear_folder_setting `service`): which template keys a service names.
 * forward, stealth, parking and hosting share the `service` key, so each
 * clears it only when the template holds that kind of service.
 */
import { InvalidValue } from '../../errors/index.ts';
import { withoutKeys, type SettingsTemplate, type TemplateKey, type TemplateService } from './settings-template.ts';

export const CLEARABLE_SERVICES = [
  'forward', 'stealth', 'email_forwarding', 'dns', 'nameservers', 'parking', 'hosting', 'whois', 'renew_option',
] as const;
export type ClearableService = (typeof CLEARABLE_SERVICES)[number];

export function parseClearableService(input: unknown): ClearableService {
  if (typeof input !== 'string' || !(CLEARABLE_SERVICES as readonly string[]).includes(input)) {
    throw new InvalidValue('service', `one of ${CLEARABLE_SERVICES.join(', ')} is required`, input);
  }
  return input as ClearableService;
}

/** The template without what `service` names, and the keys that were removed (none when it held no such setting). */
export function clearService(template: SettingsTemplate, service: ClearableService): { template: SettingsTemplate; removed: TemplateKey[] } {
  const key = keyOf(service, template.service);
  if (key === undefined || template[key] === undefined) return { template, removed: [] };
  return { template: withoutKeys(template, [key]), removed: [key] };
}

function keyOf(service: ClearableService, current: TemplateService | undefined): TemplateKey | undefined {
  switch (service) {
    case 'whois':
      return 'contacts';
    case 'nameservers':
      return 'nameServers';
    case 'dns':
      return 'dns';
    case 'email_forwarding':
      return 'emailForward';
    case 'renew_option':
      return 'renewOption';
    case 'forward':
      return current !== undefined && 'forward' in current && current.forward.kind !== 'cloak' ? 'service' : undefined;
    case 'stealth':
      return current !== undefined && 'forward' in current && current.forward.kind === 'cloak' ? 'service' : undefined;
    case 'parking':
      return current !== undefined && 'parking' in current ? 'service' : undefined;
    case 'hosting':
      return current !== undefined && 'hosting' in current ? 'service' : undefined;
  }
}
