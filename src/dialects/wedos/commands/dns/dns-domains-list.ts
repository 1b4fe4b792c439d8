/**
 * dns-domains-list: the account's zones in regd DNS — every domain it holds
 * that uses regd's name servers — as {name, type, status} keyed "0", "1", …
 * (like domains-list; in XML repeated `<domain>` elements, none when there
 * is no zone), ordered by name. Every zone is a "primary" and
 * "active": regd has no secondary zones and no disabled ones. No parameters.
 */
import { listDomains } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { indexedList } from '../../render.ts';

/** listDomains' largest page. */
const PAGE = 1000;

export const dnsDomainsList = defineCommand<Record<string, never>>({
  name: 'dns-domains-list',
  uses: [listDomains],
  transaction: 'flow',
  parse() {
    return {};
  },
  async run(call) {
    const names: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await call.run(listDomains, { offset, limit: PAGE });
      for (const d of page.items) if (d.serviceMode === 'regd_dns') names.push(d.name);
      if (offset + PAGE >= page.total) break;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const domain = indexedList(names.map((name) => ({ name, type: 'primary', status: 'active' })));
    return { code: 1000, data: { domain } };
  },
});
