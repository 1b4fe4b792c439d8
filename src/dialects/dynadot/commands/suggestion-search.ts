/**
 * suggestion_search (listed, undocumented: §15.14). What the real service
 * most plausibly answers: registrable names close to the one asked. From
 * `domain` (a name such as `coffee.com`, or a keyword `coffee`) it builds
 * the same label under every other TLD regd prices in the currency, then
 * the label with common prefixes and suffixes under the asked TLD (`.com`
 * for a keyword), checks them all in core and answers the available ones
 * (at most 20), in that order; `show_price=1` adds each price as search
 * does ("10.99 in USD"), in `currency` (default the account's).
 * Envelope of its neighbours (legacy): XML `SuggestionSearchResponse`
 * with `SuggestionSearchHeader` and `SuggestionSearchContent>Suggestion*`
 * {DomainName, Available, Price}; JSON `Suggestions[]`.
 */
import { checkAvailability, listTldPrices } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { DynadotError } from '../errors.ts';
import { moneyIn } from '../values.ts';
import { defineCommand } from './command.ts';
import { readCurrency } from './domain-params.ts';

const PREFIXES = ['get', 'my', 'the', 'try'] as const;
const SUFFIXES = ['online', 'hq', 'app', 'shop'] as const;
const MAX_SUGGESTIONS = 20;

interface SuggestionInput {
  readonly label: string;
  readonly tld: string;
  readonly asked: string | undefined;
  readonly showPrice: boolean;
  readonly currency: string | undefined;
}

export const suggestionSearch = defineCommand<SuggestionInput>({
  name: 'suggestion_search',
  uses: [listTldPrices, checkAvailability],
  transaction: 'flow',
  parse(params) {
    const raw = params.required('domain').toLowerCase();
    const dot = raw.indexOf('.');
    const label = (dot < 0 ? raw : raw.slice(0, dot)).replace(/\s+/g, '');
    const tld = dot < 0 ? 'com' : raw.slice(dot + 1).replace(/\.$/, '');
    if (label === '' || label.length > 63 || tld === '' || /[^\p{L}\p{N}-]/u.test(label)) throw DynadotError.invalid('domain', raw);
    return { label, tld, asked: dot < 0 ? undefined : `${label}.${tld}`, showPrice: params.flag('show_price'), currency: readCurrency(params) };
  },
  async run(call, input, env) {
    const currency = input.currency ?? env.account.defaultCurrency;
    const tlds = (await call.run(listTldPrices, { currency })).filter((p) => p.kind === 'paid').map((p) => p.tld);
    const candidates = [
      ...tlds.filter((t) => t !== input.tld).map((t) => `${input.label}.${t}`),
      ...PREFIXES.map((p) => `${p}${input.label}.${input.tld}`),
      ...SUFFIXES.map((s) => `${input.label}${s}.${input.tld}`),
    ].filter((n) => n !== input.asked);
    const results = await call.run(checkAvailability, { names: candidates, currency });
    const suggestions: WireTree[] = [];
    for (const r of results) {
      if (suggestions.length >= MAX_SUGGESTIONS) break;
      if (!r.ok || r.availability !== 'available') continue;
      suggestions.push({
        DomainName: /[^ -~]/.test(r.input) ? r.name.unicode : r.name.ascii,
        Available: 'yes',
        ...(input.showPrice && r.price !== undefined ? { Price: moneyIn(r.price.totalMinor, r.price.currency) } : {}),
      });
    }
    return { content: { Suggestion: suggestions }, json: { Suggestions: suggestions } };
  },
});
