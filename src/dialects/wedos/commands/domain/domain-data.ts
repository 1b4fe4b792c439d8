/**
 * The `data.domain` object of domain-info, in the order of the document's
 * example (with its braces repaired: the own_* fields belong to `domain`).
 *
 * - owner_c / admin_c: handles of the registrant and admin contacts, or "".
 * - nsset: the NSSET handle of a .cz domain, "WEDOS" for a .cz domain on
 *   regd's own name servers, "" for other TLDs.
 * - dns: server1… {name, addr_ip4?, addr_ip6?}: the delegation (glue
 *   addresses where the host object has them), or regd's own name servers;
 *   in XML repeated `<server>` elements (render.ts numberedList).
 * - own_*: the registrant contact. Under privacy, `full` hides every value
 *   but the country, `partial` hides the street, postcode, e-mails, phone,
 *   fax and identification; a hidden value is "HIDDEN" (WEDOS's word).
 * - reg_owner / reg_creator: "REGD" (regd is the registrar of every
 *   domain it holds); reg_update / updated_date: "REGD" and the date of the
 *   last change once the domain changed after its creation, else "".
 */
import type { ContactView, DelegatedNameServer, DomainExtras, DomainExtrasInclude, DomainView } from '../../../../core/index.ts';
import type { WireData, WapiCall } from '../../command.ts';
import { DEFAULT_NSSET, nssetTld } from './dns-servers.ts';
import { wedosStatus } from './statuses.ts';
import { wireDate } from './render.ts';
import { numberedList } from '../../render.ts';

export const HIDDEN = 'HIDDEN';
export const REGISTRAR_ID = 'REGD';

/** The domain with its registrant contact (shown whole), its admin contact's handle, NSSET and delegation, read in one statement (getDomainExtras). */
export const DOMAIN_INFO_EXTRAS = { contacts: ['registrant'], contactHandles: ['admin'], nsset: true, nameServers: true } as const satisfies DomainExtrasInclude;

export function domainInfoData(call: WapiCall, x: DomainExtras, ownNameServers: readonly string[]): WireData {
  const d = x.domain;
  const contacts = x.contacts!;
  const owner = contacts.registrant ?? null;
  const changed = d.updatedAt.getTime() > d.createdAt.getTime();
  const own = ownFields(owner, d.privacy);
  return {
    name: d.name,
    status: wedosStatus(d, call.policy.get(d.tld), call.now),
    owner_c: owner?.handle ?? '',
    nsset: nssetOf(call, d, x.nssetHandle ?? null),
    reg_owner: REGISTRAR_ID,
    reg_creator: REGISTRAR_ID,
    setup_date: wireDate(d.createdAt),
    expiration: wireDate(d.expiresAt),
    reg_update: changed ? REGISTRAR_ID : '',
    updated_date: changed ? wireDate(d.updatedAt) : '',
    transfer_date: d.transferredAt ? wireDate(d.transferredAt) : '',
    dns: dnsOf(d, x.nameServers!, ownNameServers),
    ...own.fields,
    admin_c: x.contactHandles!.admin ?? '',
    own_other: own.other,
  };
}

function nssetOf(call: WapiCall, d: DomainView, handle: string | null): string {
  if (!nssetTld(call, d.tld)) return '';
  if (handle !== null) return handle;
  return d.serviceMode === 'custom_ns' ? '' : DEFAULT_NSSET;
}

function dnsOf(d: DomainView, delegation: readonly DelegatedNameServer[], ownNameServers: readonly string[]): WireData {
  const servers = d.serviceMode === 'custom_ns'
    ? delegation
    : ownNameServers.map((name) => ({ name, addresses: [] as readonly string[] }));
  return numberedList('server', servers.map((s) => {
    const v4 = s.addresses.find((a) => !a.includes(':'));
    const v6 = s.addresses.find((a) => a.includes(':'));
    return { name: s.name, ...(v4 ? { addr_ip4: v4 } : {}), ...(v6 ? { addr_ip6: v6 } : {}) };
  }));
}

/** Values hidden under `partial` privacy; `full` hides every own_* value but the country. */
const PARTIAL_HIDDEN: ReadonlySet<string> = new Set([
  'own_email', 'own_email2', 'own_phone', 'own_fax', 'own_ic', 'own_dic', 'own_addr_street', 'own_addr_zip', 'notify_email', 'ident_type', 'ident',
]);

function ownFields(c: ContactView | null, privacy: DomainView['privacy']): { fields: WireData; other: WireData } {
  const value = (key: string, v: string): string => {
    if (c === null) return '';
    if (privacy === 'full' && key !== 'own_addr_country') return HIDDEN;
    if (privacy === 'partial' && PARTIAL_HIDDEN.has(key)) return HIDDEN;
    return v;
  };
  const person = c ? [c.firstName, c.middleName, c.lastName].filter((s) => s !== '').join(' ') : '';
  const street = c ? [c.address1, c.address2, c.address3].filter((s) => s !== '').join(', ') : '';
  const fields: WireData = {
    own_company: value('own_company', c?.organization ?? ''),
    own_name: value('own_name', person),
    own_lname: value('own_lname', c?.lastName ?? ''),
    own_fname: value('own_fname', c?.firstName ?? ''),
    own_email: value('own_email', c?.email ?? ''),
    own_email2: value('own_email2', c?.email2 ?? ''),
    own_phone: value('own_phone', c?.phone ?? ''),
    own_fax: value('own_fax', c?.fax ?? ''),
    own_ic: value('own_ic', c?.companyNumber ?? ''),
    own_dic: value('own_dic', c?.vatNumber ?? ''),
    own_taxpayer: value('own_taxpayer', c ? (c.vatNumber !== '' ? '1' : '0') : ''),
    own_addr_street: value('own_addr_street', street),
    own_addr_city: value('own_addr_city', c?.city ?? ''),
    own_addr_zip: value('own_addr_zip', c?.postcode ?? ''),
    own_addr_country: value('own_addr_country', c?.country ?? ''),
    own_addr_state: value('own_addr_state', c?.state ?? ''),
  };
  const other: WireData = {
    notify_email: value('notify_email', c?.notifyEmail ?? ''),
    ident_type: value('ident_type', c?.identType ?? ''),
    ident: value('ident', c?.identValue ?? ''),
  };
  return { fields, other };
}
