/**
 * Generated questions for the differential test: every owner name of every
 * served zone and names around them (below, beside, under wildcards, under
 * delegations, non-existent, outside every zone), every common type, in
 * mixed case, with EDNS off, on (512, 1232, 4096) and with DO. A fixed seed
 * makes the set the same on every run.
 */
import type { DnsIndex } from '../../../src/services/dns/index.ts';
import { query } from './client.ts';

export interface GeneratedQuestion {
  readonly name: string;
  readonly type: string;
  readonly edns: number | false;
  readonly do: boolean;
  readonly packet: Buffer;
}

const TYPES = ['A', 'AAAA', 'NS', 'CNAME', 'SOA', 'MX', 'TXT', 'SRV', 'CAA', 'PTR', 'DS', 'DNSKEY', 'HINFO', 'NAPTR', 'TLSA', 'ANY'];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateQuestions(index: DnsIndex, count: number, seed: number): GeneratedQuestion[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const names = new Set<string>();
  for (const zone of index.zones()) {
    // The catalog zone is for secondaries (tested with Knot), not for resolvers.
    if (zone.kind === 'catalog') continue;
    for (const owner of zone.nodes.keys()) {
      names.add(owner);
      names.add(`nothing.${owner}`);
      names.add(owner.startsWith('*.') ? `x${Math.floor(random() * 1000)}.${owner.slice(2)}` : `www.${owner}`);
      if (owner.startsWith('*.')) names.add(`a.b.${owner.slice(2)}`);
    }
    for (const ent of zone.nonTerminals) names.add(ent);
    names.add(`no-such-name.${zone.apex}`);
  }
  names.add('example.org');
  names.add('www.example.org');
  names.add('unknown-tld-zzz');
  const base = [...names].sort();
  const out: GeneratedQuestion[] = [];
  let i = 0;
  while (out.length < count) {
    // Every name with every type once, then random combinations.
    const name = i < base.length * TYPES.length ? base[Math.floor(i / TYPES.length)]! : pick(base);
    const type = i < base.length * TYPES.length ? TYPES[i % TYPES.length]! : pick(TYPES);
    i++;
    const asked = mixCase(name === '' ? '.' : name, random);
    const mode = random();
    const edns = mode < 0.25 ? false : pick([512, 1232, 4096]);
    const dnssecOk = edns !== false && random() < 0.3;
    out.push({ name: asked, type, edns, do: dnssecOk, packet: query(asked, type, { edns, do: dnssecOk }) });
  }
  return out;
}

function mixCase(name: string, random: () => number): string {
  return [...name].map((c) => (random() < 0.3 ? c.toUpperCase() : c)).join('');
}
