/**
 * contact-info: one of the account's contacts by handle.
 *
 * data: `cname` (WEDOS's name for the handle; `name` accepted too), `tld`
 * (optional: contacts in regd are not per registry, so any TLD regd
 * offers is accepted and changes nothing; another is 2201). `auth_info`
 * is ignored (only the account's own contacts are shown, in full).
 *
 * 1000 with data {contact: {contact_id, status, name, fname, lname,
 * company, addr_street, addr_city, addr_zip, addr_state, addr_country,
 * phone, fax, email, email2, notify_email, ic, dic, ident_type, ident}}:
 * status "linked" when a live domain uses the contact, else "ok". A
 * malformed handle is 2216; an unknown one, or another account's, 3229
 * "Error loading contact" (regd never shows other accounts' contacts).
 */
import { getContact, isRegdError, type ContactDetails } from '../../../../core/index.ts';
import { defineCommand, WapiError, type WireData } from '../../command.ts';
import { requiredText, tldOf } from './params.ts';

const HANDLE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$/;

export const contactInfo = defineCommand<{ readonly handle: string; readonly tld: string | undefined }>({
  name: 'contact-info',
  uses: [getContact],
  transaction: 'flow',
  parse(data) {
    const handle = requiredText(data, ['cname', 'name'], 2216);
    if (!HANDLE.test(handle)) throw new WapiError(2216);
    return { handle, tld: tldOf(data) };
  },
  async run(call, input) {
    if (input.tld !== undefined && !call.policy.has(input.tld)) throw new WapiError(2201);
    let contact: ContactDetails;
    try {
      contact = await call.run(getContact, { handle: input.handle });
    } catch (e) {
      if (isRegdError(e) && e.code === 'CONTACT_NOT_FOUND') throw new WapiError(3229);
      if (isRegdError(e) && (e.code === 'INVALID_VALUE' || e.code === 'MISSING_PARAMETER')) throw new WapiError(2216);
      throw e;
    }
    return { code: 1000, data: { contact: contactData(contact) } };
  },
});

export function contactData(c: ContactDetails): WireData {
  return {
    contact_id: c.handle,
    status: c.domains.length > 0 ? 'linked' : 'ok',
    name: c.name,
    fname: c.firstName,
    lname: c.lastName,
    company: c.organization,
    addr_street: [c.address1, c.address2, c.address3].filter((s) => s !== '').join(', '),
    addr_city: c.city,
    addr_zip: c.postcode,
    addr_state: c.state,
    addr_country: c.country.toLowerCase(),
    phone: c.phone,
    fax: c.fax,
    email: c.email,
    email2: c.email2,
    notify_email: c.notifyEmail,
    ic: c.companyNumber,
    dic: c.vatNumber,
    ident_type: c.identType,
    ident: c.identValue,
  };
}
