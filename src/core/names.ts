/**
 * Domain and host names. Storage uses lower-case A-labels (UTS-46,
 * non-transitional, STD3 rules, via the tr46 library); the Unicode form is
 * kept for display. Every failure names a precise reason.
 */
import tr46 from 'tr46';
import { InvalidDomainName, InvalidHostName, UnsupportedTld } from './errors/index.ts';
import type { PolicyBook } from './policy/policy-book.ts';
import { labelScriptProblem } from './idn-scripts.ts';

const UTS46 = {
  checkHyphens: true,
  checkBidi: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  verifyDNSLength: true,
  transitionalProcessing: false,
} as const;

export interface DomainName {
  /** Lower-case A-label form, e.g. "xn--caf-dma.fr". */
  readonly ascii: string;
  /** Display form, e.g. "café.fr". */
  readonly unicode: string;
  /** The offered TLD it falls under, e.g. "fr". */
  readonly tld: string;
  /** The label registered under the TLD, e.g. "xn--caf-dma". */
  readonly label: string;
}

/** Converts any spelling to A-labels, or returns the reason it is not a valid name. */
export function toAscii(input: string): { ascii: string } | { reason: string } {
  const name = input.trim().replace(/\.$/, '');
  if (name === '') return { reason: 'empty name' };
  if (name.length > 253 * 4) return { reason: 'longer than 253 characters' };
  // Plain LDH labels (no hyphens in the 3rd and 4th place, so no A-label) map to their lower case alone: tr46 is skipped (a hot path).
  let plain = name.length <= 253;
  for (const label of name.split('.')) {
    if (label === '') return { reason: 'empty label' };
    if (/^[\x20-\x7e]*$/.test(label)) {
      if (!/^[A-Za-z0-9-]+$/.test(label)) return { reason: `label "${label}" may contain only letters, digits and hyphens` };
      if (label.startsWith('-') || label.endsWith('-')) return { reason: `label "${label}" starts or ends with a hyphen` };
      if (label.length > 63) return { reason: `label "${label.slice(0, 20)}…" is longer than 63 characters` };
      if (label[2] === '-' && label[3] === '-') plain = false;
    } else {
      plain = false;
    }
  }
  if (plain) return { ascii: name.toLowerCase() };
  const ascii = tr46.toASCII(name, UTS46);
  if (ascii === null) return { reason: 'not a valid internationalized name' };
  if (ascii.length > 253) return { reason: 'longer than 253 characters' };
  if (ascii.split('.').some((l) => l.length > 63)) return { reason: 'a label is longer than 63 characters' };
  return { ascii: ascii.toLowerCase() };
}

export function toUnicode(ascii: string): string {
  // Without an A-label ("xn--") the Unicode form is the name itself, lower-cased.
  if (/^[A-Za-z0-9.-]*$/.test(ascii) && !/(^|\.)xn--/i.test(ascii)) return ascii.toLowerCase();
  return tr46.toUnicode(ascii, UTS46).domain;
}

/** A registrable domain: a single label directly under an offered TLD. */
export function parseDomainName(input: string, policy: PolicyBook, param = 'domain'): DomainName {
  if (typeof input !== 'string') throw new InvalidDomainName(String(input), 'a name is required', param);
  const r = toAscii(input);
  if ('reason' in r) throw new InvalidDomainName(input, r.reason, param);
  const tld = policy.findTldOf(r.ascii);
  if (tld === undefined) {
    const last = r.ascii.split('.').at(-1) ?? '';
    if (!r.ascii.includes('.')) throw new InvalidDomainName(input, 'a name with its TLD is required (e.g. example.com)', param);
    throw new UnsupportedTld(last, param);
  }
  const label = r.ascii.slice(0, -(tld.length + 1));
  if (label.includes('.')) throw new InvalidDomainName(input, `only names directly under .${tld} can be registered`, param);
  return { ascii: r.ascii, unicode: toUnicode(r.ascii), tld, label };
}

/**
 * A name to be registered (or checked for registration, or preordered): a
 * registrable domain whose internationalized label keeps to the script
 * rules (idn-scripts.ts) and to the scripts its TLD offers. Names already
 * registered are looked up with parseDomainName, so a rule or a policy that
 * changes later never locks a holder out of its domain.
 */
export function parseNewDomainName(input: string, policy: PolicyBook, param = 'domain'): DomainName {
  const name = parseDomainName(input, policy, param);
  if (name.label.startsWith('xn--')) {
    const problem = labelScriptProblem(toUnicode(name.label), name.tld, policy.get(name.tld).idnScripts);
    if (problem !== undefined) throw new InvalidDomainName(input, problem, param);
  }
  return name;
}

/** A host name (name server): at least two labels, LDH (IDN allowed), stored as A-labels. */
export function parseHostName(input: string, param = 'nameserver'): string {
  if (typeof input !== 'string') throw new InvalidHostName(String(input), 'a host name is required', param);
  const r = toAscii(input);
  if ('reason' in r) throw new InvalidHostName(input, r.reason, param);
  if (!r.ascii.includes('.')) throw new InvalidHostName(input, 'a fully qualified host name is required', param);
  if (/^\d+$/.test(r.ascii.split('.').at(-1)!)) throw new InvalidHostName(input, 'the top-level label cannot be numeric', param);
  return r.ascii;
}

/** True when `host` is `domain` itself or lies under it (in-bailiwick). */
export function isSubdomainOf(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain);
}
