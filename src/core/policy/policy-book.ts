/** Lookup of TLD policies by TLD. Immutable once loaded. */
import { UnsupportedTld } from '../errors/index.ts';
import type { TldPolicy } from './tld-policy.ts';

export class PolicyBook {
  readonly #byTld: ReadonlyMap<string, TldPolicy>;

  constructor(policies: readonly TldPolicy[]) {
    this.#byTld = new Map(policies.map((p) => [p.tld, p]));
  }

  /** The policy of a TLD, or UnsupportedTld. */
  get(tld: string, param = 'domain'): TldPolicy {
    const p = this.#byTld.get(tld);
    if (!p) throw new UnsupportedTld(tld, param);
    return p;
  }

  has(tld: string): boolean {
    return this.#byTld.has(tld);
  }

  list(): readonly TldPolicy[] {
    return [...this.#byTld.values()].sort((a, b) => a.tld.localeCompare(b.tld));
  }

  /** The longest offered TLD that `asciiName` ends with (multi-label TLDs such as co.uk work too). */
  findTldOf(asciiName: string): string | undefined {
    const labels = asciiName.split('.');
    for (let i = 1; i < labels.length; i++) {
      const candidate = labels.slice(i).join('.');
      if (this.#byTld.has(candidate)) return candidate;
    }
    return undefined;
  }
}
