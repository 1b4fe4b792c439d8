/**
 * Dynadot's DNS2 records (§7.1) and regd's settings, both ways.
 *
 * In: the numbered families of set_dns2 — main records `main_record_type{i}`
 * / `main_record{i}` / `main_recordx{i}` (i 0–19) at the domain itself,
 * subdomain records `subdomain{j}` / `sub_record_type{j}` / `sub_record{j}`
 * / `sub_recordx{j}` (j 0–99), and `ttl`. Real DNS types become core
 * records (`mx`: x is the distance; `srv`: the value is
 * `priority weight port target`); the pseudo-types become the domain
 * settings they are in regd: `forward` (x `1` = 301 permanent, `2` = 302
 * temporary) and `stealth` (x = page title) the domain's URL forwarding,
 * `email` (value = the address to forward to, x = the alias) its e-mail
 * forwarding. regd forwards the domain itself (and www) as a whole, so
 * those three are main records only, and a forward or stealth record
 * cannot share the domain with DNS records.
 *
 * Out: get_dns's `MainDomains` / `SubDomains` items, keys in the order
 * Subhost, RecordType, Value, Value2 (§17), Value2 only where the type has
 * a second value (MX distance, e-mail alias).
 */
import type { DnsRecordInput, DnsRecordView, EmailForward, ForwardKind } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';

export const MAX_MAIN_RECORDS = 20;
export const MAX_SUB_RECORDS = 100;

const MAIN_TYPES = ['a', 'aaaa', 'cname', 'forward', 'txt', 'mx', 'stealth', 'email'] as const;
const SUB_TYPES = ['a', 'aaaa', 'cname', 'forward', 'txt', 'srv', 'mx', 'stealth', 'email'] as const;
type Dns2Type = (typeof SUB_TYPES)[number];

export interface Dns2Forward {
  readonly url: string;
  readonly kind: ForwardKind;
  readonly title?: string;
}

export interface Dns2Settings {
  /** DNS records, names relative to the domain ('@' for main records). */
  readonly records: readonly DnsRecordInput[];
  /** A forward or stealth main record: the domain's URL forwarding. */
  readonly forward?: Dns2Forward;
  /** Email main records: aliases of the domain forwarded to addresses. */
  readonly emails: readonly { readonly user: string; readonly to: string }[];
}

/** The records of a set_dns2 request; throws DynadotError on the first problem. */
export function readDns2(params: Params): Dns2Settings {
  const ttl = params.integer('ttl');
  const records: DnsRecordInput[] = [];
  const emails: { user: string; to: string }[] = [];
  const forwards: Dns2Forward[] = [];

  const mainTypes = params.family('main_record_type', MAX_MAIN_RECORDS);
  const mainValues = params.family('main_record', MAX_MAIN_RECORDS);
  params.family('main_recordx', MAX_MAIN_RECORDS);
  for (const i of indexes(mainTypes, mainValues)) {
    const type = typeOf(params, `main_record_type${i}`, mainTypes.get(i), MAIN_TYPES);
    const value = required(mainValues.get(i), `main_record${i}`);
    const x = params.one(`main_recordx${i}`) ?? '';
    if (type === 'forward' || type === 'stealth') {
      forwards.push(forwardOf(type, value, x, `main_recordx${i}`));
    } else if (type === 'email') {
      emails.push({ user: required(x === '' ? undefined : x, `main_recordx${i}`).toLowerCase(), to: value });
    } else {
      records.push(recordOf(type, '@', value, x, `main_recordx${i}`, `main_record${i}`, ttl));
    }
  }

  const subNames = params.family('subdomain', MAX_SUB_RECORDS);
  const subTypes = params.family('sub_record_type', MAX_SUB_RECORDS);
  const subValues = params.family('sub_record', MAX_SUB_RECORDS);
  params.family('sub_recordx', MAX_SUB_RECORDS);
  for (const j of indexes(subNames, subTypes, subValues)) {
    const name = required(subNames.get(j), `subdomain${j}`);
    const type = typeOf(params, `sub_record_type${j}`, subTypes.get(j), SUB_TYPES);
    if (type === 'forward' || type === 'stealth' || type === 'email') {
      throw new DynadotError(`invalid sub_record_type${j}: regd forwards the domain itself only; ${type} records are main records`);
    }
    const value = required(subValues.get(j), `sub_record${j}`);
    records.push(recordOf(type, name, value, params.one(`sub_recordx${j}`) ?? '', `sub_recordx${j}`, `sub_record${j}`, ttl));
  }

  if (records.length + emails.length + forwards.length === 0) throw DynadotError.missing('main_record_type0');
  if (forwards.length > 1) throw new DynadotError('only one forward or stealth main record can be set');
  if (forwards.length === 1 && records.length > 0) {
    throw new DynadotError('a forward or stealth record can not be mixed with other dns records: regd forwards the whole domain');
  }
  if (emails.length > 0 && records.some((r) => r.type === 'MX' && r.name === '@')) {
    throw new DynadotError('email records can not be mixed with main mx records');
  }
  return { records, emails, ...(forwards[0] !== undefined ? { forward: forwards[0] } : {}) };
}

/** The indexes present in any of the families, in order. */
function indexes(...families: readonly Map<number, string>[]): number[] {
  return [...new Set(families.flatMap((f) => [...f.keys()]))].sort((a, b) => a - b);
}

function required(v: string | undefined, param: string): string {
  if (v === undefined || v === '') throw DynadotError.missing(param);
  return v;
}

function typeOf<T extends Dns2Type>(params: Params, param: string, v: string | undefined, allowed: readonly T[]): T {
  required(v, param);
  return params.requiredChoice(param, allowed);
}

function forwardOf(type: 'forward' | 'stealth', url: string, x: string, xParam: string): Dns2Forward {
  if (type === 'stealth') return { url, kind: 'cloak', title: x };
  if (x === '' || x === '2') return { url, kind: 'temporary' };
  if (x === '1') return { url, kind: 'permanent' };
  throw DynadotError.invalid(xParam, x);
}

function recordOf(type: Dns2Type, name: string, value: string, x: string, xParam: string, valueParam: string, ttl: number | undefined): DnsRecordInput {
  const base = { name, ...(ttl !== undefined ? { ttl } : {}) };
  switch (type) {
    case 'mx': {
      if (x === '') throw DynadotError.missing(xParam);
      if (!/^\d{1,5}$/.test(x)) throw DynadotError.invalid(xParam, x);
      return { ...base, type: 'MX', value, priority: Number(x) };
    }
    case 'srv': {
      const m = /^(\d{1,5})\s+(\d{1,5})\s+(\d{1,5})\s+(\S+)$/.exec(value);
      if (m === null) throw new DynadotError(`invalid ${valueParam}: an srv record is "priority weight port target"`);
      return { ...base, type: 'SRV', priority: Number(m[1]), weight: Number(m[2]), port: Number(m[3]), value: m[4]! };
    }
    default:
      return { ...base, type: type.toUpperCase(), value };
  }
}

/** One record as get_dns lists it (Subhost only for subdomain records). */
export function recordItem(r: DnsRecordView, sub: boolean): WireTree {
  const head = sub ? { Subhost: r.name } : {};
  switch (r.type) {
    case 'MX':
      return { ...head, RecordType: 'MX', Value: r.value, Value2: String(r.priority ?? 0) };
    case 'SRV':
      return { ...head, RecordType: 'SRV', Value: `${r.priority ?? 0} ${r.weight ?? 0} ${r.port ?? 0} ${r.value}` };
    case 'CAA':
      return { ...head, RecordType: 'CAA', Value: `${r.flags ?? 0} ${r.tag ?? 'issue'} "${r.value}"` };
    default:
      return { ...head, RecordType: r.type, Value: r.value };
  }
}

/** E-mail forwarding as main records: aliases as EMAIL (address, alias); mail hosts as MX unless the zone has its own. */
export function emailItems(forward: EmailForward, zoneHasOwnMx: boolean): WireTree[] {
  if (forward.type === 'forward') return forward.aliases.map((a) => ({ RecordType: 'EMAIL', Value: a.to, Value2: a.user }));
  if (forward.type === 'mx' && !zoneHasOwnMx) return forward.mx.map((m) => ({ RecordType: 'MX', Value: m.host, Value2: String(m.distance) }));
  return [];
}
