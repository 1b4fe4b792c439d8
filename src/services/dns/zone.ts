/**
 * One zone of the in-memory index: its apex, SOA and every owner name with
 * its RRsets, plus what the answer logic needs to decide quickly — the zone
 * cuts (NS below the apex), the names that exist only because something
 * lies below them (empty non-terminals, RFC 4592 §2.2.2), and the SOA to put
 * in negative answers. Immutable once built; a change builds a new Zone,
 * whole (buildZone) or as a copy of the previous one with some records
 * removed and added (patchZone, for large TLD zones: one delegation
 * changed must not cost the whole zone).
 */
import { isAtOrBelow, parentName } from './names.ts';
import { T, makeRRset, type Rr, type RRset } from './rr.ts';
import { LayeredMap, LayeredSet } from './layered.ts';

export type ZoneKind = 'hosted' | 'tld' | 'service' | 'catalog';

export interface Zone {
  readonly apex: string;
  readonly kind: ZoneKind;
  readonly serial: number;
  readonly soa: RRset;
  /** The SOA for negative answers: TTL = min(SOA TTL, SOA MINIMUM) (RFC 2308 §3). */
  readonly negativeSoa: RRset;
  readonly nodes: ReadonlyMap<string, ReadonlyMap<number, RRset>>;
  /** Names with no data of their own and something below them. */
  readonly nonTerminals: ReadonlySet<string>;
  /** Owners below the apex holding NS: delegations. */
  readonly cuts: ReadonlySet<string>;
  /** Every record, SOA first (the AXFR order). Made when first asked (transfers, zone text), then kept. */
  readonly records: readonly Rr[];
}

export class ZoneDataError extends Error {}

/** Groups records into RRsets; records outside the zone are an error, duplicates collapse. */
export function buildZone(input: { apex: string; kind: ZoneKind; records: readonly Rr[] }): Zone {
  const { apex, kind } = input;
  const byOwner = new Map<string, Map<number, Rr[]>>();
  const seen = new Set<string>();
  for (const r of input.records) {
    if (!isAtOrBelow(r.name, apex)) throw new ZoneDataError(`${r.name} is outside the zone ${apex}`);
    const id = `${r.name}|${r.type}|${r.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    let types = byOwner.get(r.name);
    if (!types) byOwner.set(r.name, (types = new Map()));
    const list = types.get(r.type);
    if (list) list.push(r);
    else types.set(r.type, [r]);
  }
  const soaRrs = byOwner.get(apex)?.get(T.SOA);
  if (!soaRrs || soaRrs.length !== 1) throw new ZoneDataError(`the zone ${apex} needs exactly one SOA record`);
  const nodes = new Map<string, ReadonlyMap<number, RRset>>();
  const cuts = new Set<string>();
  for (const [owner, types] of byOwner) {
    const sets = new Map<number, RRset>();
    for (const [type, rrs] of types) sets.set(type, makeRRset(rrs));
    nodes.set(owner, sets);
    if (owner !== apex && sets.has(T.NS)) cuts.add(owner);
  }
  const nonTerminals = emptyNonTerminals(apex, nodes);
  return makeZone(apex, kind, nodes, nonTerminals, cuts);
}

function makeZone(apex: string, kind: ZoneKind, nodes: ReadonlyMap<string, ReadonlyMap<number, RRset>>, nonTerminals: ReadonlySet<string>, cuts: ReadonlySet<string>): Zone {
  const soa = nodes.get(apex)!.get(T.SOA)!;
  const soaRr = soa.rrs[0]!;
  const minimum = (soaRr.data as { minimum: number }).minimum;
  const negativeSoa: RRset = { ...soa, ttl: Math.min(soa.ttl, minimum) };
  let records: Rr[] | undefined;
  return {
    apex, kind, serial: (soaRr.data as { serial: number }).serial, soa, negativeSoa, nodes, nonTerminals, cuts,
    get records(): readonly Rr[] {
      if (records) return records;
      records = [soaRr];
      for (const sets of nodes.values()) for (const set of sets.values()) if (set.type !== T.SOA) records.push(...set.rrs);
      return records;
    },
  };
}

/**
 * A copy of `zone` with `removed` taken out, `added` put in and `soa` as its
 * SOA record. Only the touched owners are regrouped; the node map and the
 * cut set are the old ones with a layer of changes (layered.ts), the empty
 * non-terminals are updated from the owners that appeared or disappeared.
 */
export function patchZone(zone: Zone, soa: Rr, removed: readonly Rr[], added: readonly Rr[]): Zone {
  const { apex } = zone;
  const id = (r: Rr) => `${r.type}|${r.key}`;
  const touched = new Map<string, Map<string, Rr>>();
  const recordsOf = (owner: string) => {
    let m = touched.get(owner);
    if (!m) {
      m = new Map();
      for (const set of zone.nodes.get(owner)?.values() ?? []) for (const r of set.rrs) m.set(id(r), r);
      touched.set(owner, m);
    }
    return m;
  };
  for (const r of removed) recordsOf(r.name).delete(id(r));
  for (const r of added) {
    if (!isAtOrBelow(r.name, apex)) throw new ZoneDataError(`${r.name} is outside the zone ${apex}`);
    recordsOf(r.name).set(id(r), r);
  }
  const apexRecords = recordsOf(apex);
  for (const [k, r] of apexRecords) if (r.type === T.SOA) apexRecords.delete(k);
  apexRecords.set(id(soa), soa);

  // The node map and the cut set are layered over the old zone's (layered.ts): a 100,000-name zone is not copied.
  const nodeChanges = new Map<string, ReadonlyMap<number, RRset> | undefined>();
  const cutsAdded: string[] = [];
  const cutsRemoved: string[] = [];
  const gone: string[] = [];
  const born: string[] = [];
  for (const [owner, records] of touched) {
    const byType = new Map<number, Rr[]>();
    for (const r of records.values()) {
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
    const had = zone.nodes.has(owner);
    if (byType.size === 0) {
      nodeChanges.set(owner, undefined);
      if (had) gone.push(owner);
    } else {
      const sets = new Map<number, RRset>();
      for (const [type, rrs] of byType) sets.set(type, makeRRset(rrs));
      nodeChanges.set(owner, sets);
      if (!had) born.push(owner);
    }
    const isCut = owner !== apex && byType.has(T.NS);
    if (isCut !== zone.cuts.has(owner)) (isCut ? cutsAdded : cutsRemoved).push(owner);
  }
  const nodes = LayeredMap.patched(zone.nodes, nodeChanges);
  const cuts = cutsAdded.length + cutsRemoved.length > 0 ? LayeredSet.patched(zone.cuts, cutsAdded, cutsRemoved) : zone.cuts;
  const nonTerminals = gone.length === 0 && born.every((o) => !zone.nonTerminals.has(o) && hasParentIn(o, apex, nodes, zone.nonTerminals))
    ? zone.nonTerminals
    : patchNonTerminals(apex, nodes, zone.nonTerminals, born, gone);
  return makeZone(apex, zone.kind, nodes, nonTerminals, cuts);
}

/**
 * The empty non-terminals after `born` owners appeared and `gone` ones
 * disappeared, from the old set: a born owner is no longer one and makes its
 * missing ancestors ones; a gone owner becomes one if something is still
 * below it, else it and each ancestor with nothing else below stop being
 * ones, up to the first real node.
 */
function patchNonTerminals(apex: string, nodes: ReadonlyMap<string, unknown>, old: ReadonlySet<string>, born: readonly string[], gone: readonly string[]): Set<string> {
  const out = new Set(old);
  const inZone = (n: string | null): n is string => n !== null && n !== apex && isAtOrBelow(n, apex);
  for (const o of born) {
    out.delete(o);
    for (let p = parentName(o); inZone(p); p = parentName(p)) {
      if (nodes.has(p) || out.has(p)) break;
      out.add(p);
    }
  }
  for (const o of gone) {
    for (let c: string | null = o; inZone(c); c = parentName(c)) {
      if (nodes.has(c)) break;
      if (hasBelow(nodes, c)) {
        out.add(c);
        break;
      }
      out.delete(c);
    }
  }
  return out;
}

/** Some owner lies strictly below `name` (one pass over the owners, stopping at the first). */
function hasBelow(nodes: ReadonlyMap<string, unknown>, name: string): boolean {
  const suffix = `.${name}`;
  if (nodes instanceof LayeredMap) return nodes.some((owner) => owner.endsWith(suffix));
  for (const owner of nodes.keys()) if (owner.endsWith(suffix)) return true;
  return false;
}

/** The name's parent is the apex, a node, or already an empty non-terminal: adding it makes no new non-terminal. */
function hasParentIn(name: string, apex: string, nodes: ReadonlyMap<string, unknown>, nonTerminals: ReadonlySet<string>): boolean {
  const p = parentName(name)!;
  return p === apex || nodes.has(p) || nonTerminals.has(p);
}

/** Names with no data of their own and something below them (RFC 4592 §2.2.2). */
function emptyNonTerminals(apex: string, nodes: ReadonlyMap<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const owner of nodes.keys()) {
    for (let p = parentName(owner); p !== null && p !== apex && isAtOrBelow(p, apex); p = parentName(p)) {
      if (nodes.has(p) || out.has(p)) break;
      out.add(p);
    }
  }
  return out;
}
