/**
 * RFC 1035 master files ("zone files"), the format of `regd dns export` and
 * `regd dns import`.
 *
 * Export writes $ORIGIN and $TTL, the SOA and apex NS records the caller
 * supplies, then every record with an explicit TTL, relative owners and
 * absolute targets, in a stable order (DNSSEC canonical name order, then
 * type, then data), so the same zone always gives the same bytes.
 *
 * Import reads $ORIGIN, $TTL, '@', relative and absolute names, blank
 * owners, TTL and class in either order (class IN only), parentheses,
 * comments and quoted strings with \X and \DDD escapes. SOA and apex NS
 * records are skipped and reported (regd generates them); anything else it
 * cannot host is an error naming the line.
 */
import { RegdError, ZoneFileInvalid } from '../errors/index.ts';
import { APEX } from './dns-names.ts';
import { DNS_RECORD_TYPES, isDnsRecordType, validateDnsRecord, type DnsRecordData, type DnsRecordInput, type DnsRecordType } from './record-types.ts';
import { txtCharacterStrings } from './txt-strings.ts';
import { DNS_DEFAULT_TTL } from './ttl.ts';
import { recordKey } from './zone-rules.ts';
import { lexZoneFile, type ZoneToken } from './zone-file-lexer.ts';

export interface SoaFields {
  /** Primary name server, e.g. "ns1.regd.example". */
  readonly mname: string;
  /** Responsible mailbox in domain form, e.g. "hostmaster.regd.example". */
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

export interface ZoneFileContent {
  /** Lower-case A-labels, without the trailing dot. */
  readonly apex: string;
  readonly defaultTtl: number;
  readonly soa?: SoaFields;
  /** Apex name servers, written as NS records after the SOA. */
  readonly nameServers?: readonly string[];
  readonly records: readonly DnsRecordData[];
}

export function formatZoneFile(zone: ZoneFileContent): string {
  const lines = [`$ORIGIN ${zone.apex}.`, `$TTL ${zone.defaultTtl}`];
  const { soa } = zone;
  if (soa) {
    lines.push(`@\t${zone.defaultTtl}\tIN\tSOA\t${absolute(soa.mname)} ${absolute(soa.rname)} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minimum}`);
  }
  for (const ns of zone.nameServers ?? []) lines.push(`@\t${zone.defaultTtl}\tIN\tNS\t${absolute(ns)}`);
  for (const r of sortRecords(zone.records)) lines.push(`${r.name}\t${r.ttl}\tIN\t${r.type}\t${rdataField(r)}`);
  return lines.join('\n') + '\n';
}

/** Canonical name order (RFC 4034 §6.1: labels compared from the right), then type, then data. */
export function sortRecords(records: readonly DnsRecordData[]): DnsRecordData[] {
  const labels = (name: string) => (name === APEX ? [] : name.split('.').reverse());
  return [...records].sort((a, b) => {
    const la = labels(a.name);
    const lb = labels(b.name);
    for (let i = 0; i < Math.min(la.length, lb.length); i++) {
      if (la[i] !== lb[i]) return la[i]! < lb[i]! ? -1 : 1;
    }
    if (la.length !== lb.length) return la.length - lb.length;
    const byType = DNS_RECORD_TYPES.indexOf(a.type) - DNS_RECORD_TYPES.indexOf(b.type);
    if (byType !== 0) return byType;
    const ka = recordKey(a);
    const kb = recordKey(b);
    return ka === kb ? a.ttl - b.ttl : ka < kb ? -1 : 1;
  });
}

function rdataField(r: DnsRecordData): string {
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return r.value;
    case 'CNAME':
    case 'NS':
      return absolute(r.value);
    case 'MX':
      return `${r.priority} ${absolute(r.value)}`;
    case 'SRV':
      return `${r.priority} ${r.weight} ${r.port} ${absolute(r.value)}`;
    case 'TXT':
      return txtCharacterStrings(r.value).map(quote).join(' ');
    case 'CAA':
      return `${r.flags} ${r.tag} ${quote(new TextEncoder().encode(r.value))}`;
  }
}

function absolute(host: string): string {
  return host === '.' ? '.' : `${host}.`;
}

/** A <character-string> in quotes: '"' and '\' escaped, bytes outside printable ASCII as \DDD. */
function quote(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += '\\' + String(b).padStart(3, '0');
  }
  return out + '"';
}

export interface SkippedZoneEntry {
  readonly line: number;
  readonly name: string;
  readonly type: string;
  readonly reason: string;
}

export interface ParsedZoneFile {
  readonly records: readonly DnsRecordData[];
  readonly skipped: readonly SkippedZoneEntry[];
}

export interface ParseZoneOptions {
  /** The zone apex, lower-case A-labels without the trailing dot; also the initial $ORIGIN. */
  readonly apex: string;
  /** TTL when neither the record, $TTL nor an earlier record gives one. */
  readonly defaultTtl?: number;
}

const CLASSES = new Set(['IN', 'CH', 'CHAOS', 'HS', 'HESIOD', 'CS', 'ANY', 'NONE']);
const TTL_TOKEN = /^(?:\d+|(?:\d+[smhdw])+)$/i;
const TTL_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

export function parseZoneFile(text: string, options: ParseZoneOptions): ParsedZoneFile {
  const apexFqdn = `${options.apex}.`;
  let origin = apexFqdn;
  let dollarTtl: number | undefined;
  let lastTtl: number | undefined;
  let lastOwner: string | undefined;
  const records: DnsRecordData[] = [];
  const skipped: SkippedZoneEntry[] = [];

  for (const { line, blankOwner, tokens: all } of lexZoneFile(text)) {
    const tokens = [...all];
    const first = tokens[0]!;
    if (!blankOwner && !first.quoted && first.raw.startsWith('$')) {
      const directive = first.raw.toUpperCase();
      if (directive === '$ORIGIN') origin = absoluteName(single(tokens, line, '$ORIGIN'), origin, line);
      else if (directive === '$TTL') dollarTtl = parseTtl(single(tokens, line, '$TTL'), line);
      else throw new ZoneFileInvalid(line, `the ${first.raw} directive is not supported`);
      continue;
    }
    if (blankOwner && lastOwner === undefined) throw new ZoneFileInvalid(line, 'the first record has no owner name');
    const owner = blankOwner ? lastOwner! : absoluteName(tokens.shift()!, origin, line);
    lastOwner = owner;

    let ttl: number | undefined;
    let classSeen = false;
    for (let t = tokens[0]; t && !t.quoted; t = tokens[0]) {
      const word = t.raw.toUpperCase();
      if (ttl === undefined && /^\d/.test(word)) ttl = parseTtl(t, line);
      else if (!classSeen && CLASSES.has(word)) {
        if (word !== 'IN') throw new ZoneFileInvalid(line, `class ${t.raw} is not supported; only IN`);
        classSeen = true;
      } else break;
      tokens.shift();
    }
    const typeToken = tokens.shift();
    if (!typeToken) throw new ZoneFileInvalid(line, 'the record type is missing');
    const type = typeToken.raw.toUpperCase();
    if (ttl !== undefined) lastTtl = ttl;
    const effectiveTtl = ttl ?? dollarTtl ?? lastTtl ?? options.defaultTtl ?? DNS_DEFAULT_TTL;
    const name = relativeOwner(owner, apexFqdn, line);

    if (type === 'SOA' || (type === 'NS' && name === APEX)) {
      if (type === 'SOA' && name !== APEX) throw new ZoneFileInvalid(line, 'an SOA record is only allowed at the zone apex');
      arity(tokens, type === 'SOA' ? 7 : 1, type, line);
      skipped.push({ line, name, type, reason: type === 'SOA' ? 'the SOA record is generated by regd' : "the apex name servers are regd's own" });
      continue;
    }
    if (!isDnsRecordType(type)) throw new ZoneFileInvalid(line, `record type ${typeToken.raw} is not supported (supported: ${DNS_RECORD_TYPES.join(', ')})`);
    const input = recordInput(type, name, effectiveTtl, tokens, origin, line);
    try {
      records.push(validateDnsRecord(input, { apex: options.apex }));
    } catch (e) {
      if (e instanceof RegdError) throw new ZoneFileInvalid(line, e.message);
      throw e;
    }
  }
  return { records, skipped };
}

function recordInput(type: DnsRecordType, name: string, ttl: number, tokens: ZoneToken[], origin: string, line: number): DnsRecordInput {
  const host = (t: ZoneToken) => {
    const fqdn = absoluteName(t, origin, line);
    return fqdn === '.' ? '.' : fqdn.slice(0, -1);
  };
  const num = (t: ZoneToken, what: string) => {
    if (t.quoted || !/^\d{1,10}$/.test(t.raw)) throw new ZoneFileInvalid(line, `${what} "${t.raw}" is not a number`);
    return Number(t.raw);
  };
  const base = { type, name, ttl };
  switch (type) {
    case 'A':
    case 'AAAA':
      return { ...base, value: arity(tokens, 1, type, line)[0]!.raw };
    case 'CNAME':
    case 'NS':
      return { ...base, value: host(arity(tokens, 1, type, line)[0]!) };
    case 'MX': {
      const [pref, exchange] = arity(tokens, 2, type, line);
      return { ...base, priority: num(pref!, 'MX preference'), value: host(exchange!) };
    }
    case 'SRV': {
      const [priority, weight, port, target] = arity(tokens, 4, type, line);
      return { ...base, priority: num(priority!, 'SRV priority'), weight: num(weight!, 'SRV weight'), port: num(port!, 'SRV port'), value: host(target!) };
    }
    case 'TXT': {
      if (tokens.length === 0) throw new ZoneFileInvalid(line, 'a TXT record needs at least one string');
      const bytes = Buffer.concat(tokens.map((t) => t.bytes));
      return { ...base, value: utf8(bytes, line) };
    }
    case 'CAA': {
      const [flags, tag, value] = arity(tokens, 3, type, line);
      return { ...base, flags: num(flags!, 'CAA flags'), tag: tag!.raw, value: utf8(value!.bytes, line) };
    }
  }
}

function arity(tokens: readonly ZoneToken[], n: number, type: string, line: number): readonly ZoneToken[] {
  if (tokens.length !== n) throw new ZoneFileInvalid(line, `${type} takes ${n} data field${n === 1 ? '' : 's'}, ${tokens.length} given`);
  return tokens;
}

function single(tokens: readonly ZoneToken[], line: number, directive: string): ZoneToken {
  if (tokens.length !== 2) throw new ZoneFileInvalid(line, `${directive} takes exactly one argument`);
  return tokens[1]!;
}

/** '@' is the origin; a name ending with '.' is absolute; any other name is relative to the origin. */
function absoluteName(t: ZoneToken, origin: string, line: number): string {
  if (t.quoted || t.raw.includes('\\')) throw new ZoneFileInvalid(line, `name ${JSON.stringify(t.raw)}: quoted names and escapes in names are not supported`);
  const raw = t.raw.toLowerCase();
  if (raw === '@') return origin;
  if (raw.endsWith('.')) return raw;
  return origin === '.' ? `${raw}.` : `${raw}.${origin}`;
}

function relativeOwner(owner: string, apexFqdn: string, line: number): string {
  if (owner === apexFqdn) return APEX;
  if (owner.endsWith('.' + apexFqdn)) return owner.slice(0, -(apexFqdn.length + 1));
  throw new ZoneFileInvalid(line, `${owner} is outside the zone ${apexFqdn}`);
}

/** Seconds, or BIND's units: 300, 5m, 1h30m, 1d, 2w. */
function parseTtl(t: ZoneToken, line: number): number {
  if (t.quoted || !TTL_TOKEN.test(t.raw)) throw new ZoneFileInvalid(line, `TTL "${t.raw}" is not a number of seconds (or 30m, 1h, 1d…)`);
  if (/^\d+$/.test(t.raw)) return Number(t.raw);
  let total = 0;
  for (const [, n, unit] of t.raw.toLowerCase().matchAll(/(\d+)([smhdw])/g)) total += Number(n) * TTL_UNITS[unit!]!;
  return total;
}

function utf8(bytes: Uint8Array, line: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ZoneFileInvalid(line, 'the text is not valid UTF-8');
  }
}
