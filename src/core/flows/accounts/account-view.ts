/** The public view of an account: never a secret or a hash. */
import type { AccountRow } from '../../../store/index.ts';

export interface AccountView {
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly organization: string;
  readonly address: string;
  readonly postcode: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
  readonly phone: string;
  readonly defaultCurrency: string;
  readonly status: 'active' | 'suspended';
  readonly level: 'regular' | 'bulk' | 'super_bulk' | 'reseller';
  readonly pushUsername: string | null;
  readonly apiKeyHint: string | null;
  readonly hasWapiPassword: boolean;
  readonly createdAt: Date;
}

export function toAccountView(a: AccountRow): AccountView {
  return {
    id: a.id,
    email: a.email,
    firstName: a.first_name,
    lastName: a.last_name,
    organization: a.organization,
    address: a.address,
    postcode: a.postcode,
    city: a.city,
    state: a.state,
    country: a.country,
    phone: a.phone,
    defaultCurrency: a.default_currency,
    status: a.status,
    level: a.level,
    pushUsername: a.push_username,
    apiKeyHint: a.api_key_hint,
    hasWapiPassword: a.wapi_secret !== null,
    createdAt: a.created_at,
  };
}
