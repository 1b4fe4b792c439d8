// Name server host objects (glue), NSSETs and delegations. One file per use case; add a line per new flow file.
export { toHostView, type HostView } from './host-view.ts';
export { registryDomainOf } from './bailiwick.ts';
export { canonicalAddresses, canonicalIp, MAX_HOST_ADDRESSES } from './host-addresses.ts';
export { createHost, type CreateHostInput } from './create-host.ts';
export { setHostAddresses, type SetHostAddressesInput } from './set-host-addresses.ts';
export { upsertHost, type UpsertHostInput, type UpsertHostResult } from './upsert-host.ts';
export { deleteHosts, type DeleteHostsInput } from './delete-host.ts';
export {
  listHosts, listDomainHosts, listHostsUnderDomain,
  type ListHostsInput, type DomainHostsInput, type DomainHostsView, type DelegatedNameServer,
} from './list-hosts.ts';
export { setDomainNameServers, verifyNameServerGlue, type SetDomainNameServersInput } from './set-domain-name-servers.ts';
export { createNsset, type CreateNssetInput } from './create-nsset.ts';
export { getNsset, type GetNssetInput } from './get-nsset.ts';
export { getDomainNsset, type GetDomainNssetInput } from './get-domain-nsset.ts';
export { setDomainNsset, type SetDomainNssetInput } from './set-domain-nsset.ts';
export { NSSET_HOSTS, type NssetHostInput } from './nsset-input.ts';
export { type NssetView } from './nsset-access.ts';
