/** Contact builders for tests: the Dynadot document's "Jack Slater" and a helper that creates one. */
import type { Engine } from '../../src/core/engine.ts';
import { createContact, type ContactView, type CreateContactInput } from '../../src/core/flows/contacts/index.ts';
import type { TestAccount } from './fixtures.ts';

export const JACK: CreateContactInput = {
  name: 'Jack Slater',
  address1: '1 Free Way',
  city: 'Los Angeles',
  state: 'CA',
  postcode: '90068',
  country: 'US',
  phone: '+1.5555555233',
  email: 'jack@example.com',
};

/** The view JACK is stored as, before `id`, `handle` and the timestamps are known. */
export const JACK_FIELDS = {
  name: 'Jack Slater', title: '', firstName: 'Jack', middleName: '', lastName: 'Slater', organization: '',
  address1: '1 Free Way', address2: '', address3: '', city: 'Los Angeles', state: 'CA', postcode: '90068', country: 'US',
  phone: '+1.5555555233', fax: '', email: 'jack@example.com', email2: '', notifyEmail: '',
  companyNumber: '', vatNumber: '', identType: '', identValue: '',
  euCitizenship: null, lvRegistrationNumber: null, lvVatNumber: null,
  cnAudit: null, cnAuditStatus: 'none', cnAuditFailedReason: '',
} as const satisfies Omit<ContactView, 'id' | 'handle' | 'createdAt' | 'updatedAt'>;

export async function newContact(engine: Engine, account: TestAccount, overrides: Partial<CreateContactInput> = {}): Promise<ContactView> {
  return engine.run(createContact, { ...JACK, ...overrides }, { actor: account.actor });
}

/** CNNIC audit documents of an individual, as createCnAudit takes them. */
export const CN_INDIVIDUAL_AUDIT = {
  contactType: 'Individual',
  individualIdType: 'SFZ',
  individualLicenseId: '110101199001011234',
  individualUrl: 'https://docs.example.com/id/scan.JPG',
} as const;

/** CNNIC audit documents of an organization (the individual's, and the enterprise's). */
export const CN_ENTERPRISE_AUDIT = {
  ...CN_INDIVIDUAL_AUDIT,
  contactType: 'Enterprise',
  enterpriseIdType: 'yyzz',
  enterpriseLicenseId: '91110000000000000X',
  enterpriseUrl: 'http://docs.example.com/licence.png',
} as const;
