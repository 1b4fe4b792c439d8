/**
 * get_dns (§15.3, §17, [L2437-2491]): a domain's name server settings. On
 * Dynadot DNS (regd's own name servers with hosted records) the shape ACME
 * scripts parse: `Type` `Dynadot DNS`, `MainDomains` (records at the
 * domain itself, then its e-mail forwarding as EMAIL/MX records),
 * `SubDomains` (with `Subhost`), `TTL` (a string: the records' TTL, the
 * zone default when there are none). Otherwise the type as domain_info
 * shows it: `Dynadot Parking` with `WithAds` (the example), `Name Servers`
 * with the list, `URL Forwarding`, `Stealth Forwarding`, `Dynadot Hosting`.
 * XML wraps each list item: `MainDomains>MainDomain*`, `SubDomains>SubDomain*`.
 */
import { DNS_DEFAULT_TTL, getDomain, listRecords, type ServiceMode } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { YesNo } from '../values.ts';
import { defineCommand } from './command.ts';
import { emailItems, recordItem } from './dns2-records.ts';

const TYPES: Readonly<Record<ServiceMode, string>> = {
  parking: 'Dynadot Parking',
  regd_dns: 'Dynadot DNS',
  custom_ns: 'Name Servers',
  forward: 'URL Forwarding',
  stealth: 'Stealth Forwarding',
  hosting: 'Dynadot Hosting',
};

export const getDns = defineCommand<{ readonly domain: string }>({
  name: 'get_dns',
  uses: [getDomain, listRecords],
  transaction: 'flow',
  parse: (params) => ({ domain: params.required('domain') }),
  async run(call, input) {
    const d = await call.run(getDomain, { name: input.domain });
    const type = TYPES[d.serviceMode];
    let xml: WireTree;
    let json: WireTree;
    if (d.serviceMode === 'regd_dns') {
      const { records } = await call.run(listRecords, { name: d.name });
      const ownMx = records.some((r) => r.type === 'MX' && r.name === '@');
      const main = [...records.filter((r) => r.name === '@').map((r) => recordItem(r, false)), ...emailItems(d.emailForward, ownMx)];
      const sub = records.filter((r) => r.name !== '@').map((r) => recordItem(r, true));
      const ttl = String(records[0]?.ttl ?? DNS_DEFAULT_TTL);
      xml = { Type: type, MainDomains: { MainDomain: main }, SubDomains: { SubDomain: sub }, TTL: ttl };
      json = { Type: type, MainDomains: main, SubDomains: sub, TTL: ttl };
    } else if (d.serviceMode === 'parking') {
      xml = json = { Type: type, WithAds: YesNo(d.parkingWithAds ?? true) };
    } else if (d.serviceMode === 'custom_ns') {
      xml = { Type: type, NameServers: { ServerName: [...d.nameServers] } };
      json = { Type: type, NameServers: d.nameServers.map((ns) => ({ ServerName: ns })) };
    } else {
      xml = json = { Type: type };
    }
    return { content: { NameServerSettings: xml }, json: { GetDns: { NameServerSettings: json } } };
  },
});
