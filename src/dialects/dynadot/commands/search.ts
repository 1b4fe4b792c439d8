/**
 * search (§15.1, [L55-124]): availability, and with `show_price=1` the
 * registration price, of `domain0`…`domain99`. A regular account may send
 * one name, bulk, super bulk and reseller accounts up to 100 (core
 * `limitsFor`). XML: root `Results`, one `SearchResponse>SearchHeader` per
 * name, no Status; JSON: `SearchResults[]`. A name that cannot be checked
 * (bad syntax, a TLD regd does not offer) answers `SuccessCode -1`,
 * `Status error` and the text in its own entry; the others still answer.
 */
import { checkAvailability, type CheckResult } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { DynadotError, wireErrorOf } from '../errors.ts';
import { moneyIn } from '../values.ts';
import { defineCommand } from './command.ts';
import { readCurrency, readLanguage } from './domain-params.ts';

interface SearchInput {
  readonly names: readonly { readonly name: string; readonly language: string | undefined }[];
  readonly showPrice: boolean;
  readonly currency: string | undefined;
}

export const search = defineCommand<SearchInput>({
  name: 'search',
  uses: [checkAvailability],
  transaction: 'flow',
  parse(params, env) {
    const family = params.family('domain', 100);
    if (family.size === 0) throw DynadotError.missing('domain0');
    const max = env.limits.maxNamesPerSearch;
    if (family.size > max) {
      throw new DynadotError(max === 1 ? 'your account can only search 1 domain per request' : `your account can only search ${max} domains per request`);
    }
    for (const name of params.names()) {
      const m = /^language(\d+)$/.exec(name);
      if (m !== null && !family.has(Number(m[1]))) throw new DynadotError(`${name} has no matching domain${m[1]} param`);
    }
    return {
      names: [...family].map(([i, name]) => ({ name, language: readLanguage(params, `language${i}`) })),
      showPrice: params.flag('show_price'),
      currency: readCurrency(params),
    };
  },
  async run(call, input) {
    const results = await call.run(checkAvailability, { names: input.names.map((n) => n.name), ...(input.currency !== undefined ? { currency: input.currency } : {}) });
    const entries = results.map((r, i) => entry(r, input.names[i]!.language, input.showPrice));
    return {
      status: null,
      xmlRoot: { name: 'Results', tree: { SearchResponse: entries.map((e) => ({ SearchHeader: e.xml })) } },
      json: { SearchResults: entries.map((e) => e.json) },
    };
  },
});

function entry(r: CheckResult, language: string | undefined, showPrice: boolean): { xml: WireTree; json: WireTree } {
  const lang = language !== undefined ? { Language: language } : {};
  if (!r.ok) {
    // A per-name refusal in the words of the error table.
    const text = wireErrorOf(r.error).message;
    return {
      xml: { SuccessCode: '-1', DomainName: r.input, Status: 'error', Error: text, ...lang },
      json: { DomainName: r.input, Status: 'error', Error: text, ...lang },
    };
  }
  const available = r.availability === 'available';
  const price = available && showPrice && r.price !== undefined ? { Price: moneyIn(r.price.totalMinor, r.price.currency) } : {};
  const fields = { DomainName: /[^ -~]/.test(r.input) ? r.name.unicode : r.name.ascii, Available: available ? 'yes' : 'no', ...price, ...lang };
  return { xml: { SuccessCode: '0', ...fields }, json: fields };
}

