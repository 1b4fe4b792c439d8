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
import { recordFromRdata, type DnsRecordInput, type DnsRecordView, type EmailForward, type ForwardKind } from '../../../core/index.ts';
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

/** Legacy DNS (set_default_dns, set_folder_dns; §7.1): the one main record's types. */
const LEGACY_MAIN_TYPES = ['a', 'aaaa', 'cname', 'txt', 'forward', 'stealth'] as const;
const LEGACY_SUB_TYPES = ['a', 'aaaa', 'cname', 'txt'] as const;
/** main_txt: up to 4, 3 when main_record2 is used [L3708]. */
const MAX_MAIN_TXT = 4;
const MAX_LEGACY_MX = 3;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * The deprecated single-record format (set_default_dns, set_folder_dns):
 * `main_record_type` + `main_record` (a forward is temporary, a stealth
 * has no title); `main_record2` an IPv4 address beside an `aaaa` main
 * record; TXT records at the domain in `main_txt` and `main_txt0`–`main_txt3`
 * (at most 4, 3 with main_record2); `subdomain{j}` / `sub_record_type{j}` /
 * `sub_record{j}` (no x field); mail hosts `mx_host0`–`mx_host2` with
 * `mx_distance0`–`mx_distance2` (a missing distance is its index); `ttl`.
 * The result is the same shape as DNS2's.
 */
export function readLegacyDns(params: Params): Dns2Settings {
  const ttl = params.integer('ttl');
  const type = params.requiredChoice('main_record_type', LEGACY_MAIN_TYPES);
  const value = params.required('main_record');
  const records: DnsRecordInput[] = [];
  let forward: Dns2Forward | undefined;
  if (type === 'forward' || type === 'stealth') forward = forwardOf(type, value, '', 'main_record');
  else records.push(recordOf(type, '@', value, '', 'main_record', 'main_record', ttl));

  const second = params.one('main_record2');
  if (second !== undefined && second !== '') {
    if (type !== 'aaaa') throw new DynadotError('main_record2 can only be used when main_record_type is aaaa');
    if (!IPV4.test(second)) throw DynadotError.invalid('main_record2', second);
    records.push(recordOf('a', '@', second, '', 'main_record2', 'main_record2', ttl));
  }
  const txts = [params.one('main_txt'), ...params.family('main_txt', MAX_MAIN_TXT).values()].filter((v): v is string => v !== undefined && v !== '');
  const maxTxt = second !== undefined && second !== '' ? MAX_MAIN_TXT - 1 : MAX_MAIN_TXT;
  if (txts.length > maxTxt) throw DynadotError.tooMany('main_txt', maxTxt);
  for (const txt of txts) records.push(recordOf('txt', '@', txt, '', 'main_txt', 'main_txt', ttl));

  const subNames = params.family('subdomain', MAX_SUB_RECORDS);
  const subTypes = params.family('sub_record_type', MAX_SUB_RECORDS);
  const subValues = params.family('sub_record', MAX_SUB_RECORDS);
  for (const j of indexes(subNames, subTypes, subValues)) {
    const name = required(subNames.get(j), `subdomain${j}`);
    const subType = typeOf(params, `sub_record_type${j}`, subTypes.get(j), LEGACY_SUB_TYPES);
    records.push(recordOf(subType, name, required(subValues.get(j), `sub_record${j}`), '', `sub_record${j}`, `sub_record${j}`, ttl));
  }

  const hosts = params.family('mx_host', MAX_LEGACY_MX);
  const distances = params.family('mx_distance', MAX_LEGACY_MX);
  for (const i of distances.keys()) if (!hosts.has(i)) throw DynadotError.missing(`mx_host${i}`);
  for (const [i, host] of hosts) {
    const distance = params.integer(`mx_distance${i}`, 0, 65535) ?? i;
    records.push(recordOf('mx', '@', host, String(distance), `mx_distance${i}`, `mx_host${i}`, ttl));
  }

  if (forward !== undefined && records.length > 0) {
    throw new DynadotError('a forward or stealth record can not be mixed with other dns records: regd forwards the whole domain');
  }
  return { records, emails: [], ...(forward !== undefined ? { forward } : {}) };
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
      const r = recordFromRdata('SRV', name, ttl, value);
      if (r.priority === undefined || r.weight === undefined || r.port === undefined) {
        throw new DynadotError(`invalid ${valueParam}: an srv record is "priority weight port target"`);
      }
      return r;
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
