/** Set a contact's Latvian registration number and EU VAT number, which .lv needs (Dynadot set_contact_lv_setting). */
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { loadContactForChange, registryId, writeRegistrySetting } from './contact-registry-access.ts';
import type { ContactView } from './contact-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CONTACT_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface SetContactLvSettingInput {
  readonly accountId?: number;
  readonly contactId: number;
  /** Latvian personal ID (individuals) or Register of Enterprises number (organizations). */
  readonly registrationNumber: string;
  /** EU VAT number; absent clears a previous one (the setting is replaced as a whole). */
  readonly vatNumber?: string;
}

export async function setContactLvSetting(ctx: FlowContext, input: SetContactLvSettingInput): Promise<ContactView> {
  const { row } = await loadContactForChange(ctx, input);
  const registration = registryId(input.registrationNumber, 'registration_number');
  const vat = input.vatNumber === undefined || input.vatNumber === '' ? null : registryId(input.vatNumber, 'vat_number');
  return writeRegistrySetting(ctx, row, { lv_registration_number: registration, lv_vat_number: vat });
}
