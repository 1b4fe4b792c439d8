/**
 * contact-create: a new contact of the account, for owner_c / admin_c of
 * domain-create and domain-transfer (WEDOS's "WAPI – command
 * contact-create" page and its "Domain Contacts" article).
 *
 * data: `tld` (optional here: contacts in regd are not per registry, so any
 * TLD regd offers is accepted and changes nothing; another is 2201), and
 * `contact` {cname, fname, lname, company, addr_street, addr_city,
 * addr_zip, addr_state, addr_country (two-letter ISO code, any case),
 * phone, fax, email, email2, notify_email, ic, dic, ident_type, ident}.
 * The handle is always generated (`REGD-C<n>`, returned as `cname`): a
 * non-empty `cname` is 2218 "contact name is automatically created", the
 * page's answer for registries whose names are generated.
 *
 * 1000 with data {cname}. The page's codes for each item: fname 2220,
 * lname 2221, email missing 2222 / malformed 2223, email2 malformed 2225,
 * phone missing 2226 / malformed 2227, fax malformed 2229, ic 2231, dic
 * 2233, addr_street 2234, addr_city 2235, addr_zip 2236, addr_country
 * missing 2237 / not an ISO code 2238. Anything else the engine refuses
 * (an addr_state that is not an ISO 3166-2 subdivision of the country, a
 * malformed ZIP, notify_email, ident) is 2101 naming the WAPI item.
 */
import { createContact, isRegdError, type CreateContactInput, type ErrorCode } from '../../../../core/index.ts';
import { defineCommand, WapiError, type WapiData } from '../../command.ts';
import { resultText } from '../../codes.ts';
import { optionalText, tldOf } from './params.ts';

/** WAPI item → core contact field. */
const ITEMS = {
  fname: 'firstName', lname: 'lastName', company: 'organization', addr_street: 'address1', addr_city: 'city', addr_zip: 'postcode',
  addr_state: 'state', addr_country: 'country', phone: 'phone', fax: 'fax', email: 'email', email2: 'email2', notify_email: 'notifyEmail',
  ic: 'companyNumber', dic: 'vatNumber', ident_type: 'identType', ident: 'identValue',
} as const satisfies Record<string, keyof CreateContactInput>;

type Item = keyof typeof ITEMS;

/** Core parameter name → the WAPI item and its codes (missing, invalid). */
const BY_PARAM: Readonly<Record<string, readonly [Item, number, number]>> = {
  first_name: ['fname', 2220, 2101],
  last_name: ['lname', 2221, 2101],
  organization: ['company', 2101, 2101],
  address1: ['addr_street', 2234, 2101],
  city: ['addr_city', 2235, 2101],
  postcode: ['addr_zip', 2236, 2101],
  state: ['addr_state', 2101, 2101],
  country: ['addr_country', 2237, 2238],
  phone: ['phone', 2226, 2227],
  fax: ['fax', 2101, 2229],
  email: ['email', 2222, 2223],
  email2: ['email2', 2101, 2225],
  notify_email: ['notify_email', 2101, 2101],
  company_number: ['ic', 2101, 2231],
  vat_number: ['dic', 2101, 2233],
  ident_type: ['ident_type', 2101, 2101],
  ident_value: ['ident', 2101, 2101],
};

const PARAM_CODES: readonly ErrorCode[] = ['MISSING_PARAMETER', 'INVALID_VALUE', 'CONFLICTING_PARAMETERS'];

interface Input {
  readonly tld: string | undefined;
  readonly fields: CreateContactInput;
}

export const contactCreate = defineCommand<Input>({
  name: 'contact-create',
  uses: [createContact],
  recovers: PARAM_CODES,
  parse(data) {
    const tld = tldOf(data);
    const contact = data.contact;
    if (contact === undefined || contact === null || contact === '') throw new WapiError(2100, `${resultText(2100)}: contact`);
    if (typeof contact !== 'object' || Array.isArray(contact)) throw new WapiError(2101, `${resultText(2101)}: contact`);
    const c = contact as WapiData;
    if (optionalText(c, ['cname'], 2216) !== undefined) throw new WapiError(2218);
    const fields: Record<string, string> = {};
    for (const [item, field] of Object.entries(ITEMS) as [Item, keyof CreateContactInput][]) {
      const v = optionalText(c, [item]);
      if (v !== undefined) fields[field] = v;
    }
    return { tld, fields: fields as CreateContactInput };
  },
  async run(call, input) {
    if (input.tld !== undefined && !call.policy.has(input.tld)) throw new WapiError(2201);
    try {
      const created = await call.run(createContact, input.fields);
      return { code: 1000, data: { cname: created.handle } };
    } catch (e) {
      if (isRegdError(e) && (PARAM_CODES as readonly string[]).includes(e.code)) throw itemRefusal(e.code, typeof e.details.param === 'string' ? e.details.param : '');
      throw e;
    }
  },
});

/** The page's code for a core refusal of one field; 2101 naming the WAPI item otherwise. */
function itemRefusal(code: string, param: string): WapiError {
  const known = BY_PARAM[param];
  if (known === undefined) return new WapiError(2101, `${resultText(2101)}${param !== '' ? `: ${param}` : ''}`);
  const [item, missing, invalid] = known;
  const wapi = code === 'MISSING_PARAMETER' ? missing : invalid;
  return wapi === 2101 ? new WapiError(2101, `${resultText(2101)}: ${item}`) : new WapiError(wapi);
}
