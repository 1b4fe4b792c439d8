/** Set a contact's EU citizenship, which a .eu registrant needs (Dynadot set_contact_eu_setting). */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { requireString } from '../../validate.ts';
import { loadContactForChange, writeRegistrySetting } from './contact-registry-access.ts';
import type { ContactView } from './contact-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

/** Countries whose citizens may hold a .eu name (Dynadot set_contact_eu_setting). */
export const EU_CITIZENSHIP_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IE', 'IT', 'LV', 'LI', 'LT', 'LU',
  'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
];

export interface SetContactEuSettingInput {
  readonly accountId?: number;
  readonly contactId: number;
  readonly countryOfCitizenship: string;
}

export async function setContactEuSetting(ctx: FlowContext, input: SetContactEuSettingInput): Promise<ContactView> {
  const { row } = await loadContactForChange(ctx, input);
  const country = requireString(input.countryOfCitizenship, 'country_of_citizenship', { max: 2 }).toUpperCase();
  if (!EU_CITIZENSHIP_COUNTRIES.includes(country)) {
    throw new InvalidValue('country_of_citizenship', `one of ${EU_CITIZENSHIP_COUNTRIES.join(', ')} is required`, input.countryOfCitizenship);
  }
  return writeRegistrySetting(ctx, row, { eu_citizenship: country });
}
