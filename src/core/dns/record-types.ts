/**
 * The record types regd hosts, and the one validation every door uses:
 * a client's record in, a canonical record out (or a typed error naming the
 * field). Fields a type does not use are ignored and stored as null, so a
 * dialect may pass e.g. a priority with every record.
 *
 * Dynadot's pseudo-types (forward, stealth, email) are not DNS records and
 * are refused here; the Dynadot dialect turns them into domain settings.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { InvalidRecordType, InvalidRecordValue, InvalidValue } from '../errors/index.ts';
import { APEX, ownerFqdn, parseOwnerName, parseTargetHost, type OwnerRules } from './dns-names.ts';
import { DNS_DEFAULT_TTL, validateTtl } from './ttl.ts';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'NS', 'MX', 'TXT', 'SRV', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** TXT data is stored as given, up to this many characters. */
export const MAX_TXT_LENGTH = 4000;
/** A CAA value (issuer domain and parameters, iodef URL…). */
export const MAX_CAA_VALUE_LENGTH = 255;

/** A record as a client sends it. `name` is relative to the apex ('@' for the apex). */
export interface DnsRecordInput {
  readonly type: string;
  readonly name: string;
  /** Address, target host, text or CAA value. */
  readonly value: string;
  readonly ttl?: number;
  /** MX preference; SRV priority. */
  readonly priority?: number;
  readonly weight?: number;
  readonly port?: number;
  /** CAA flags (0 when omitted). */
  readonly flags?: number;
  /** CAA property tag. */
  readonly tag?: string;
}

/** A validated, canonical record. Unused fields are null. */
export interface DnsRecordData {
  readonly name: string;
  readonly type: DnsRecordType;
  readonly ttl: number;
  readonly value: string;
  readonly priority: number | null;
  readonly weight: number | null;
  readonly port: number | null;
  readonly flags: number | null;
  readonly tag: string | null;
}

export interface ValidateRecordOptions {
  /** The zone apex, lower-case A-labels (e.g. "example.com"). */
  readonly apex: string;
  /** TTL for a record that gives none. */
  readonly defaultTtl?: number;
  /** Prefix for parameter names in errors, e.g. "records[3]". */
  readonly param?: string;
}

type Fields = Pick<DnsRecordData, 'value' | 'priority' | 'weight' | 'port' | 'flags' | 'tag'>;
type FieldParser = (input: DnsRecordInput, param: (field: string) => string, owner: string, apex: string) => Partial<Fields> & { value: string };

interface TypeSpec {
  readonly owner: OwnerRules;
  readonly parse: FieldParser;
}

const HOST_OWNER: OwnerRules = { underscore: false, wildcard: true };

const TYPE_SPECS: Readonly<Record<DnsRecordType, TypeSpec>> = {
  A: { owner: HOST_OWNER, parse: (r, p) => ({ value: ipv4(r.value, p('value')) }) },
  AAAA: { owner: HOST_OWNER, parse: (r, p) => ({ value: ipv6(r.value, p('value')) }) },
  CNAME: {
    owner: { underscore: true, wildcard: true },
    parse: (r, p, owner, apex) => {
      const value = parseTargetHost(r.value, { type: 'CNAME', param: p('value'), underscore: true });
      if (value === ownerFqdn(owner, apex)) throw new InvalidRecordValue('CNAME', r.value, 'a CNAME cannot point to itself', p('value'));
      return { value };
    },
  },
  NS: {
    owner: { underscore: false, wildcard: false },
    parse: (r, p) => ({ value: parseTargetHost(r.value, { type: 'NS', param: p('value') }) }),
  },
  MX: {
    owner: HOST_OWNER,
    parse: (r, p) => {
      const priority = uint(r.priority, 0xffff, 'MX', p('priority'), 'a priority');
      const value = parseTargetHost(r.value, { type: 'MX', param: p('value'), root: true });
      if (value === '.' && priority !== 0) throw new InvalidRecordValue('MX', r.value, 'a null MX (".") must have priority 0', p('value'));
      return { priority, value };
    },
  },
  TXT: { owner: { underscore: true, wildcard: true }, parse: (r, p) => ({ value: txt(r.value, p('value')) }) },
  SRV: {
    owner: { underscore: true, wildcard: false },
    parse: (r, p) => ({
      priority: uint(r.priority, 0xffff, 'SRV', p('priority'), 'a priority'),
      weight: uint(r.weight, 0xffff, 'SRV', p('weight'), 'a weight'),
      port: uint(r.port, 0xffff, 'SRV', p('port'), 'a port'),
      value: parseTargetHost(r.value, { type: 'SRV', param: p('value'), root: true }),
    }),
  },
  CAA: {
    owner: HOST_OWNER,
    parse: (r, p) => {
      const flags = r.flags === undefined || r.flags === null ? 0 : uint(r.flags, 0xff, 'CAA', p('flags'), 'flags');
      const tag = caaTag(r.tag, p('tag'));
      return { flags, tag, value: caaValue(tag, r.value, p('value')) };
    },
  },
};

export function isDnsRecordType(type: string): type is DnsRecordType {
  return (DNS_RECORD_TYPES as readonly string[]).includes(type);
}

export function validateDnsRecord(input: DnsRecordInput, options: ValidateRecordOptions): DnsRecordData {
  const prefix = options.param;
  const p = (field: string) => (prefix ? `${prefix}.${field}` : field);
  if (input === null || typeof input !== 'object') throw new InvalidValue(prefix ?? 'record', 'a record object is required', input);
  const type = parseType(input.type, p('type'));
  const spec = TYPE_SPECS[type];
  const name = parseOwnerName(input.name, options.apex, spec.owner, p('name'));
  verifyOwnerForType(type, name, input.name, p('name'));
  const ttl = validateTtl(input.ttl, options.defaultTtl ?? DNS_DEFAULT_TTL, p('ttl'));
  const fields = spec.parse(input, p, name, options.apex);
  return { name, type, ttl, priority: null, weight: null, port: null, flags: null, tag: null, ...fields };
}

function parseType(input: unknown, param: string): DnsRecordType {
  const type = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (!isDnsRecordType(type)) throw new InvalidRecordType(input, DNS_RECORD_TYPES, param);
  return type;
}

/** NS records only delegate below the apex (the apex NS set is regd's own); SRV owners start with _service._proto. */
function verifyOwnerForType(type: DnsRecordType, name: string, input: unknown, param: string): void {
  if (type === 'NS' && name === APEX) {
    throw new InvalidRecordValue('NS', input, "the apex name servers are regd's own; NS records may only delegate a subdomain", param);
  }
  if (type === 'SRV') {
    const [service, proto] = name.split('.');
    if (!service?.startsWith('_') || !proto?.startsWith('_')) {
      throw new InvalidRecordValue('SRV', input, 'an SRV name must start with _service._proto (e.g. _sip._tcp)', param);
    }
  }
}

function ipv4(input: unknown, param: string): string {
  const s = typeof input === 'string' ? input.trim() : '';
  if (!isIPv4(s)) throw new InvalidRecordValue('A', input, 'an IPv4 address such as 192.0.2.1 is required', param);
  return s;
}

/** Canonical text (RFC 5952): lower case, leading zeros dropped, the longest zero run compressed. */
function ipv6(input: unknown, param: string): string {
  const s = typeof input === 'string' ? input.trim() : '';
  // A zone index (fe80::1%eth0) is local to one host, never DNS data.
  if (!isIPv6(s) || s.includes('%')) throw new InvalidRecordValue('AAAA', input, 'an IPv6 address such as 2001:db8::1 is required', param);
  return new URL(`http://[${s}]/`).hostname.slice(1, -1);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function txt(input: unknown, param: string): string {
  if (typeof input !== 'string' || input.length === 0) throw new InvalidRecordValue('TXT', input, 'a text is required', param);
  if (input.length > MAX_TXT_LENGTH) throw new InvalidRecordValue('TXT', input, `at most ${MAX_TXT_LENGTH} characters`, param);
  if (input.includes('\u0000') || LONE_SURROGATE.test(input)) throw new InvalidRecordValue('TXT', input, 'NUL characters and broken Unicode are not allowed', param);
  return input;
}

function uint(input: unknown, max: number, type: string, param: string, what: string): number {
  if (typeof input !== 'number' || !Number.isInteger(input) || input < 0 || input > max) {
    throw new InvalidRecordValue(type, input, `${what} from 0 to ${max} is required`, param);
  }
  return input;
}

/** RFC 8659 §4.1: a tag is 1–15 ASCII letters and digits, compared in lower case. */
function caaTag(input: unknown, param: string): string {
  const tag = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (!/^[a-z0-9]{1,15}$/.test(tag)) {
    throw new InvalidRecordValue('CAA', input, 'a tag of 1 to 15 letters or digits (issue, issuewild, iodef…) is required', param);
  }
  return tag;
}

function caaValue(tag: string, input: unknown, param: string): string {
  if (typeof input !== 'string') throw new InvalidRecordValue('CAA', input, 'a value is required', param);
  const value = input.trim();
  if (value.length > MAX_CAA_VALUE_LENGTH || !/^[\x20-\x7e]*$/.test(value)) {
    throw new InvalidRecordValue('CAA', input, `at most ${MAX_CAA_VALUE_LENGTH} printable ASCII characters`, param);
  }
  if (tag === 'issue' || tag === 'issuewild') {
    // RFC 8659 §4.2: an optional issuer domain, then ";"-separated parameters; "" or ";" forbids issuance.
    const issuer = value.split(';')[0]!.trim();
    if (issuer !== '') parseTargetHost(issuer, { type: 'CAA', param });
  }
  if (tag === 'iodef' && !/^(mailto:[^@\s]+@[^@\s]+|https?:\/\/\S+)$/i.test(value)) {
    throw new InvalidRecordValue('CAA', input, 'an iodef value must be a mailto:, http: or https: URL', param);
  }
  if (value === '' && tag !== 'issue' && tag !== 'issuewild') throw new InvalidRecordValue('CAA', input, 'a value is required', param);
  return value;
}
