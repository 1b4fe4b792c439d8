/**
 * Flow compositions behind the domain object: a domain with what KifDom
 * shows beside it (its published records, its custom name servers, a
 * pending outgoing transfer), read in the request's one transaction.
 */
import { getAccount, listDomains, listRecords, listTransfers, type DomainView, type FlowContext } from '../../core/index.ts';
import { customNameServers, type OwnDns } from './name-servers.ts';
import { summaryOf, type AccountSummary, type DomainDetails } from './render.ts';

/** listDomains pages at most this many per call; KifDom lists every domain at once. */
const PAGE = 1000;

export async function detailsOf(ctx: FlowContext, domains: readonly DomainView[], dns: OwnDns): Promise<DomainDetails[]> {
  const transfers = await listTransfers(ctx, { direction: 'outgoing' });
  const leaving = new Set(transfers.items.filter((t) => t.status === 'pending').map((t) => t.domain));
  const out: DomainDetails[] = [];
  for (const domain of domains) {
    const records = domain.serviceMode === 'regd_dns' ? (await listRecords(ctx, { name: domain.name })).records : [];
    out.push({ domain, transferringOut: leaving.has(domain.name), records, nameServers: customNameServers(domain, dns) });
  }
  return out;
}

export async function listAllDomains(ctx: FlowContext, input: { readonly dns: OwnDns }): Promise<{ details: DomainDetails[]; summary: AccountSummary }> {
  const domains: DomainView[] = [];
  for (;;) {
    const page = await listDomains(ctx, { offset: domains.length, limit: PAGE });
    domains.push(...page.items);
    if (page.items.length === 0 || domains.length >= page.total) break;
  }
  return { details: await detailsOf(ctx, domains, input.dns), summary: summaryOf(await getAccount(ctx, {})) };
}

/** Runs a flow, then reads the account summary after it, in the same transaction. */
export function withSummary<I, O>(flow: (ctx: FlowContext, input: I) => Promise<O>) {
  return async (ctx: FlowContext, input: I): Promise<{ result: O; summary: AccountSummary }> => {
    const result = await flow(ctx, input);
    return { result, summary: summaryOf(await getAccount(ctx, {})) };
  };
}
