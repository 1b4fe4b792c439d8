/**
 * Flow calls behind the domain object (a domain with what KifDom shows
 * beside it: its published records, its custom name servers, a pending
 * outgoing transfer) and behind the meta block (the account summary).
 */
import { getAccount, listDomains, listRecords, listTransfers, type DomainView } from '../../core/index.ts';
import type { FlowCaller } from '../kit/index.ts';
import { customNameServers, type OwnDns } from './name-servers.ts';
import { summaryOf, type AccountSummary, type DomainDetails } from './render.ts';

/** listDomains pages at most this many per call; KifDom lists every domain at once. */
const PAGE = 1000;

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

export async function listAllDomains(call: FlowCaller): Promise<DomainView[]> {
  const domains: DomainView[] = [];
  for (;;) {
    const page = await call.run(listDomains, { offset: domains.length, limit: PAGE });
    domains.push(...page.items);
    if (page.items.length === 0 || domains.length >= page.total) break;
  }
  return domains;
}

/** The account summary of the meta block (a command declaring it uses getAccount). */
export async function accountSummary(call: FlowCaller): Promise<AccountSummary> {
  return summaryOf(await call.run(getAccount, {}));
}
