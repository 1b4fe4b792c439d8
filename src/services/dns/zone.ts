/**
 * One zone of the in-memory index: its apex, SOA and every owner name with
 * its RRsets, plus what the answer logic needs to decide quickly — the zone
 * cuts (NS below the apex), the names that exist only because something
 * lies below them (empty non-terminals, RFC 4592 §2.2.2), and the SOA to put
 * in negative answers. Immutable once built; a change builds a new Zone.
 */
import { isAtOrBelow, parentName } from './names.ts';
import { T, makeRRset, type Rr, type RRset } from './rr.ts';

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
  /** Every record, SOA first (the AXFR order). */
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
  const nonTerminals = new Set<string>();
  for (const owner of nodes.keys()) {
    for (let p = parentName(owner); p !== null && p !== apex && isAtOrBelow(p, apex); p = parentName(p)) {
      if (nodes.has(p) || nonTerminals.has(p)) break;
      nonTerminals.add(p);
    }
  }
  const soa = nodes.get(apex)!.get(T.SOA)!;
  const soaRr = soa.rrs[0]!;
  const minimum = (soaRr.data as { minimum: number }).minimum;
  const negativeTtl = Math.min(soa.ttl, minimum);
  const negativeSoa: RRset = { ...soa, ttl: negativeTtl };
  const records: Rr[] = [soaRr];
  for (const sets of nodes.values()) for (const set of sets.values()) if (set.type !== T.SOA) records.push(...set.rrs);
  return { apex, kind, serial: (soaRr.data as { serial: number }).serial, soa, negativeSoa, nodes, nonTerminals, cuts, records };
}
