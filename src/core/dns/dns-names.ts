/**
 * Names inside a hosted zone. Owners are relative to the zone apex ('@' is
 * the apex itself, 'www', '*.dev', '_acme-challenge'); targets of CNAME, NS,
 * MX and SRV records are absolute host names. Both are stored lower-case as
 * A-labels without a trailing dot.
 */
import { InvalidRecordName, InvalidRecordValue } from '../errors/index.ts';
import { toAscii } from '../names.ts';

export const APEX = '@';

/** RFC 1035 limits, in presentation form without the trailing dot. */
export const MAX_DNS_NAME_LENGTH = 253;
export const MAX_DNS_LABEL_LENGTH = 63;

/** Service labels such as _acme-challenge, _dmarc, _domainkey, _sip, _tcp, _443. */
const UNDERSCORE_LABEL = /^_[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/;

export interface OwnerRules {
  /** Labels starting with '_' (TXT, SRV and CNAME owners such as _acme-challenge or selector._domainkey). */
  readonly underscore: boolean;
  /** '*' as the first label. */
  readonly wildcard: boolean;
}

/**
 * An owner name relative to `apex`. '' and '@' are the apex; a name ending
 * with a dot is absolute and must lie inside the zone; anything else is
 * relative, as in a zone file.
 */
export function parseOwnerName(input: unknown, apex: string, rules: OwnerRules, param = 'name'): string {
  if (typeof input !== 'string') throw new InvalidRecordName(input, 'a name is required (use "@" for the zone apex)', param);
  let s = input.trim().toLowerCase();
  if (s === '' || s === APEX) return APEX;
  if (s.endsWith('.')) {
    s = s.slice(0, -1);
    if (s === apex) return APEX;
    if (!s.endsWith('.' + apex)) throw new InvalidRecordName(input, `the name is outside the zone ${apex}`, param);
    s = s.slice(0, -(apex.length + 1));
  }
  const labels = s.split('.').map((label, i) => ownerLabel(input, label, i, rules, param));
  const relative = labels.join('.');
  if (relative.length + 1 + apex.length > MAX_DNS_NAME_LENGTH) {
    throw new InvalidRecordName(input, `the full name is longer than ${MAX_DNS_NAME_LENGTH} characters`, param);
  }
  return relative;
}

function ownerLabel(input: string, label: string, index: number, rules: OwnerRules, param: string): string {
  if (label === '') throw new InvalidRecordName(input, 'empty label', param);
  if (label === '*') {
    if (index !== 0) throw new InvalidRecordName(input, 'a wildcard "*" may only be the first label', param);
    if (!rules.wildcard) throw new InvalidRecordName(input, 'a wildcard is not allowed for this record type', param);
    return label;
  }
  if (label.startsWith('_')) {
    if (!rules.underscore) throw new InvalidRecordName(input, 'labels starting with "_" are only allowed for TXT, SRV and CNAME records', param);
    return underscoreLabel(label, () => new InvalidRecordName(input, `label "${label}" is not a valid service label`, param));
  }
  return ldhLabel(label, (reason) => new InvalidRecordName(input, reason, param));
}

export interface TargetRules {
  readonly type: string;
  readonly param: string;
  /** Labels starting with '_' (a CNAME may point at _acme-challenge.other.example). */
  readonly underscore?: boolean;
  /** The root name '.' ("no service": null MX, RFC 7505; SRV, RFC 2782). */
  readonly root?: boolean;
}

/** An absolute host name, with or without its trailing dot; stored without it. */
export function parseTargetHost(input: unknown, rules: TargetRules): string {
  const invalid = (reason: string) => new InvalidRecordValue(rules.type, input, reason, rules.param);
  if (typeof input !== 'string' || input.trim() === '') throw invalid('a host name is required');
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '.') {
    if (!rules.root) throw invalid('a host name is required');
    return '.';
  }
  const s = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  const labels = s.split('.').map((label) => {
    if (label === '') throw invalid('empty label');
    if (label.startsWith('_') && rules.underscore) return underscoreLabel(label, () => invalid(`label "${label}" is not a valid service label`));
    return ldhLabel(label, (reason) => invalid(reason));
  });
  if (labels.length < 2) throw invalid('a fully qualified host name is required');
  if (/^\d+$/.test(labels.at(-1)!)) throw invalid('a host name is required, not an address');
  const host = labels.join('.');
  if (host.length > MAX_DNS_NAME_LENGTH) throw invalid(`the host name is longer than ${MAX_DNS_NAME_LENGTH} characters`);
  return host;
}

/** The absolute form of an owner, without the trailing dot. */
export function ownerFqdn(owner: string, apex: string): string {
  return owner === APEX ? apex : `${owner}.${apex}`;
}

function underscoreLabel(label: string, error: () => Error): string {
  if (label.length > MAX_DNS_LABEL_LENGTH || !UNDERSCORE_LABEL.test(label)) throw error();
  return label;
}

/** One letter-digit-hyphen label; Unicode labels become A-labels (UTS-46). */
function ldhLabel(label: string, error: (reason: string) => Error): string {
  const r = toAscii(label);
  if ('reason' in r) throw error(r.reason);
  if (r.ascii.includes('.')) throw error(`label "${label}" is not a single label`);
  return r.ascii;
}
