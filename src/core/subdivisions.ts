/**
 * ISO 3166-2 subdivision codes, from the `iso-3166` data package (the
 * standard's current list; codes the standard has withdrawn, such as FR-75
 * for Paris, now FR-75C, are not in it). A code is `CC-PART`: the
 * ISO 3166-1 alpha-2 country, a hyphen, one to three letters or digits.
 * Every level counts (FR-IDF region, FR-75C, FR-69 departments).
 */
import { iso31662 } from 'iso-3166';

const PARTS_BY_COUNTRY: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const out = new Map<string, Set<string>>();
  for (const { code } of iso31662) {
    const cut = code.indexOf('-');
    const country = code.slice(0, cut);
    const parts = out.get(country) ?? new Set<string>();
    parts.add(code.slice(cut + 1));
    out.set(country, parts);
  }
  return out;
})();

/** Whether `part` ("75C", upper case, without the prefix) is a subdivision code of `country` ("FR"). */
export function isSubdivisionOf(country: string, part: string): boolean {
  return PARTS_BY_COUNTRY.get(country)?.has(part) ?? false;
}

/** Whether ISO 3166-2 lists any subdivision for the country. */
export function hasSubdivisions(country: string): boolean {
  return PARTS_BY_COUNTRY.has(country);
}
