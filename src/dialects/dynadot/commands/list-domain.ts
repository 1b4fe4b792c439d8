/**
 * list_domain (§15.1, [L1331-1548]): the account's domains with the
 * domain_info fields. XML: every `Domain` inside one
 * `ListDomainInfoContent>DomainInfoList>DomainInfo`; JSON `MainDomains[]`.
 * `customer_id` filters by the reseller's customer (reseller accounts only:
 * others get this command's error envelope). Paging as the newer text of
 * the page has it: `count_per_page` (1–1000) and `page_index` (from 1);
 * without them every domain. `sort`: `name_asc` (default), `name_desc`,
 * `expiration_asc`, `expiration_desc`, `registration_asc`,
 * `registration_desc` (ties by name).
 */
import { listDomainDetails, type DomainDetails } from '../../../core/index.ts';
import { domainTree } from '../domain-data.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';

const SORTS = ['name_asc', 'name_desc', 'expiration_asc', 'expiration_desc', 'registration_asc', 'registration_desc'] as const;
type Sort = (typeof SORTS)[number];

/** The most one core listing call answers. */
const CORE_PAGE = 1000;

interface ListInput {
  readonly customerId: string | undefined;
  readonly page: { readonly size: number; readonly index: number } | undefined;
  readonly sort: Sort;
}

export const listDomain = defineCommand<ListInput>({
  name: 'list_domain',
  uses: [listDomainDetails],
  transaction: 'flow',
  parse(params, env) {
    const customerId = params.one('customer_id');
    if (customerId !== undefined && customerId !== '' && !env.limits.resellerOnly) {
      throw new DynadotError('the customer_id param is only available to reseller accounts');
    }
    const size = params.integer('count_per_page', 1, CORE_PAGE);
    const index = params.integer('page_index', 1);
    return {
      customerId: customerId === '' ? undefined : customerId,
      page: size === undefined && index === undefined ? undefined : { size: size ?? 100, index: index ?? 1 },
      sort: params.choice('sort', SORTS, 'name_asc'),
    };
  },
  async run(call, input, env) {
    const filter = input.customerId !== undefined ? { customerId: input.customerId } : {};
    let items: DomainDetails[];
    if (input.sort === 'name_asc' && input.page !== undefined) {
      // Core pages in name order itself.
      items = [...(await call.run(listDomainDetails, { ...filter, offset: (input.page.index - 1) * input.page.size, limit: input.page.size })).items];
    } else {
      items = [];
      for (let offset = 0; ; offset += CORE_PAGE) {
        const r = await call.run(listDomainDetails, { ...filter, offset, limit: CORE_PAGE });
        items.push(...r.items);
        if (offset + CORE_PAGE >= r.total) break;
      }
      items.sort(order(input.sort));
      if (input.page !== undefined) items = items.slice((input.page.index - 1) * input.page.size, input.page.index * input.page.size);
    }
    const domains = items.map((d) => domainTree(d, env.format));
    return {
      content: { DomainInfoList: { DomainInfo: { Domain: domains } } },
      json: { MainDomains: domains },
    };
  },
});

function order(sort: Sort): (a: DomainDetails, b: DomainDetails) => number {
  const byName = (a: DomainDetails, b: DomainDetails) => (a.domain.name < b.domain.name ? -1 : a.domain.name > b.domain.name ? 1 : 0);
  const by = (key: (d: DomainDetails) => number, dir: 1 | -1) => (a: DomainDetails, b: DomainDetails) => (key(a) - key(b)) * dir || byName(a, b);
  switch (sort) {
    case 'name_asc': return byName;
    case 'name_desc': return (a, b) => byName(b, a);
    case 'expiration_asc': return by((d) => d.domain.expiresAt.getTime(), 1);
    case 'expiration_desc': return by((d) => d.domain.expiresAt.getTime(), -1);
    case 'registration_asc': return by((d) => d.domain.createdAt.getTime(), 1);
    case 'registration_desc': return by((d) => d.domain.createdAt.getTime(), -1);
  }
}
