/**
 * One domain as domain_info and list_domain show it (seed [L507-598],
 * [L1383-1546]): the `Domain` element, in the same key order in XML and
 * JSON. Built from core's DomainDetails (contacts by public number, folder
 * by public number and name).
 *
 * | field | from |
 * |---|---|
 * | NameServerSettings.Type | the service mode: `Dynadot Parking` (+ WithAds), `Dynadot DNS`, `Name Servers` (+ NameServers), `URL Forwarding`, `Stealth Forwarding`, `Dynadot Hosting` |
 * | Whois.*.ContactId | the contact's public number, `0` for none |
 * | Locked | the transfer lock |
 * | Disabled | `yes` once the registration is past its grace (redemption, pending delete): it no longer resolves |
 * | Hold | the reseller's hold (set_reseller_hold_status) |
 * | UdrpLocked, RegistrantUnverified | `no`: regd has no UDRP locks nor registrant verification |
 * | isForSale | `yes` while the holder lists the domain on the marketplace (set_for_sale) |
 * | Privacy | `none`, `partial`, `full` |
 * | RenewOption | `auto-renew`, `do not renew`, `no renew option` |
 * | Folder | `-1` / `(no folder)` when in none |
 */
import type { DomainDetails, Privacy, RenewOption, ServiceMode } from '../../core/index.ts';
import type { WireTree } from '../kit/index.ts';
import type { Format } from './render.ts';
import { unixMs, yesNo, YesNo } from './values.ts';

export const SERVICE_TYPES: Readonly<Record<ServiceMode, string>> = {
  parking: 'Dynadot Parking',
  regd_dns: 'Dynadot DNS',
  custom_ns: 'Name Servers',
  forward: 'URL Forwarding',
  stealth: 'Stealth Forwarding',
  hosting: 'Dynadot Hosting',
};

export const PRIVACY_NAMES: Readonly<Record<Privacy, string>> = { off: 'none', partial: 'partial', full: 'full' };

export const RENEW_OPTION_NAMES: Readonly<Record<RenewOption, string>> = {
  auto: 'auto-renew',
  donot: 'do not renew',
  reset: 'no renew option',
};

const NO_FOLDER = { FolderId: '-1', FolderName: '(no folder)' } as const;

/** The `Domain` element (XML) / `DomainInfo` object and `MainDomains` item (JSON). */
export function domainTree(d: DomainDetails, format: Format): WireTree {
  const v = d.domain;
  const contact = (n: number | null): WireTree => ({ ContactId: String(n ?? 0) });
  return {
    Name: v.name,
    Expiration: unixMs(v.expiresAt),
    Registration: unixMs(v.createdAt),
    NameServerSettings: nameServerSettings(d, format),
    Whois: {
      Registrant: contact(d.contacts.registrant),
      Admin: contact(d.contacts.admin),
      Technical: contact(d.contacts.tech),
      Billing: contact(d.contacts.billing),
    },
    Locked: yesNo(v.locked),
    Disabled: yesNo(v.state === 'redemption' || v.state === 'pending_delete'),
    UdrpLocked: 'no',
    RegistrantUnverified: 'no',
    Hold: yesNo(d.resellerHold),
    Privacy: PRIVACY_NAMES[v.privacy],
    isForSale: yesNo(d.forSale),
    RenewOption: RENEW_OPTION_NAMES[v.renewOption],
    Note: v.note,
    Folder: d.folder === null ? NO_FOLDER : { FolderId: String(d.folder.id), FolderName: d.folder.name },
  };
}

function nameServerSettings(d: DomainDetails, format: Format): WireTree {
  const v = d.domain;
  const type = SERVICE_TYPES[v.serviceMode];
  if (v.serviceMode === 'parking') return { Type: type, WithAds: YesNo(v.parkingWithAds ?? true) };
  if (v.serviceMode === 'custom_ns') {
    return {
      Type: type,
      NameServers: format === 'json' ? v.nameServers.map((ns) => ({ ServerName: ns })) : { ServerName: [...v.nameServers] },
    };
  }
  return { Type: type };
}
