/**
 * Flow calls behind the domain object (a domain with what KifDom shows
 * beside it: its published records, its custom name servers, a pending
 * outgoing transfer) and behind the meta block (the account summary).
 */
import { getAccount, listDomains, listRecords, listTransfers, type DomainView } from '../../core/index.ts';
import type { FlowCaller } from '../kit/index.ts';
import { customNameServers, type OwnDns } from './name-servers.ts';
import { summaryOf, type AccountSummary, type DomainDetails } from './render.ts';

/**
 * GET /domains answers at most this many domains (the first by name; the
 * meta block's `total` still counts them all): the document shows no paging,
 * and each domain listed costs a read of its records, so one call stays
 * bounded (issue 16; README "GET /domains").
 */
export const DOMAINS_LIST_CAP = 1000;

/** The flows detailsOf calls. */
export const DETAILS_FLOWS = [listTransfers, listRecords] as const;

export async function detailsOf(call: FlowCaller, domains: readonly DomainView[], dns: OwnDns): Promise<DomainDetails[]> {
  const transfers = await call.run(listTransfers, { direction: 'outgoing' });
  const leaving = new Set(transfers.items.filter((t) => t.status === 'pending').map((t) => t.domain));
  const out: DomainDetails[] = [];
  for (const domain of domains) {
    const records = domain.serviceMode === 'regd_dns' ? (await call.run(listRecords, { name: domain.name })).records : [];
    out.push({ domain, transferringOut: leaving.has(domain.name), records, nameServers: customNameServers(domain, dns) });
  }
  return out;
}

export async function listCappedDomains(call: FlowCaller): Promise<readonly DomainView[]> {
  return (await call.run(listDomains, { offset: 0, limit: DOMAINS_LIST_CAP })).items;
}

/** The account summary of the meta block (a command declaring it uses getAccount). */
export async function accountSummary(call: FlowCaller): Promise<AccountSummary> {
  return summaryOf(await call.run(getAccount, {}));
}
