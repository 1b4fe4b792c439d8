/**
 * patchZone against buildZone: after every patch of a random sequence the
 * patched zone has exactly the owners, RRsets, zone cuts and empty
 * non-terminals that a whole build of the same records has, through
 * layered node maps and cut sets (and their flattening) alike.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LayeredMap, LayeredSet } from './layered.ts';
import { makeRr, type Rr } from './rr.ts';
import { buildZone, patchZone, type Zone } from './zone.ts';

const APEX = 'tld.test';
const soa = (serial: number) => makeRr(APEX, 'SOA', 3600, { mname: 'ns.regd.test', rname: 'h.regd.test', serial, refresh: 1, retry: 1, expire: 1, minimum: 60 });

/** A deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Owners at several depths, so that empty non-terminals come and go. */
function someRecord(rnd: () => number): Rr {
  const d = `d${Math.floor(rnd() * 40)}.${APEX}`;
  switch (Math.floor(rnd() * 5)) {
    case 0: return makeRr(d, 'NS', 3600, `ns${Math.floor(rnd() * 3)}.elsewhere.test`);
    case 1: return makeRr(`ns1.${d}`, 'A', 3600, `192.0.2.${Math.floor(rnd() * 3)}`);
    case 2: return makeRr(`a.b.${d}`, 'A', 3600, '192.0.2.9');
    case 3: return makeRr(`x.y.z.${APEX}`, 'TXT', 300, [`t${Math.floor(rnd() * 2)}`]);
    default: return makeRr(`_sip._tcp.${d}`, 'TXT', 300, ['sip']);
  }
}

function shape(z: Zone) {
  const nodes = [...z.nodes].map(([owner, sets]) => [owner, [...sets].map(([type, set]) => [type, set.rrs.map((r) => r.key).sort()]).sort()] as const);
  return {
    nodes: nodes.sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    size: z.nodes.size,
    cuts: [...z.cuts].sort(),
    cutsSize: z.cuts.size,
    nonTerminals: [...z.nonTerminals].sort(),
    serial: z.serial,
    records: z.records.map((r) => `${r.name} ${r.type} ${r.key}`).sort(),
  };
}

describe('patchZone', () => {
  test('a random sequence of patches matches a whole build after every step', () => {
    const rnd = random(7);
    const key = (r: Rr) => `${r.name}|${r.type}|${r.key}`;
    const live = new Map<string, Rr>();
    let zone = buildZone({ apex: APEX, kind: 'tld', records: [soa(1), makeRr(APEX, 'NS', 3600, 'ns.regd.test')] });
    for (let step = 2; step < 400; step++) {
      const added: Rr[] = [];
      const removed: Rr[] = [];
      for (let i = Math.floor(rnd() * 4); i >= 0; i--) {
        const r = someRecord(rnd);
        if ([...added, ...removed].some((x) => key(x) === key(r))) continue; // once per step
        if (live.has(key(r))) {
          removed.push(live.get(key(r))!);
          live.delete(key(r));
        } else {
          added.push(r);
          live.set(key(r), r);
        }
      }
      zone = patchZone(zone, soa(step), removed, added);
      const whole = buildZone({ apex: APEX, kind: 'tld', records: [soa(step), makeRr(APEX, 'NS', 3600, 'ns.regd.test'), ...live.values()] });
      assert.deepEqual(shape(zone), shape(whole), `step ${step}`);
      for (const [owner] of whole.nodes) assert.ok(zone.nodes.has(owner) && zone.nodes.get(owner) !== undefined, `step ${step}: ${owner}`);
      for (const gone of removed) if (!whole.nodes.has(gone.name)) assert.equal(zone.nodes.get(gone.name), undefined, `step ${step}: ${gone.name} is gone`);
    }
  });
});

describe('layered maps and sets', () => {
  test('a layered map reads like a plain one, shares its base, and flattens when the layer grows', () => {
    const base = new Map(Array.from({ length: 100 }, (_, i): [string, number] => [`k${i}`, i]));
    const plain = new Map(base);
    let m: ReadonlyMap<string, number> = base;
    const rnd = random(3);
    for (let step = 0; step < 3000; step++) {
      const changes = new Map<string, number | undefined>();
      const k = `k${Math.floor(rnd() * 1500)}`;
      changes.set(k, rnd() < 0.4 ? undefined : step);
      m = LayeredMap.patched(m, changes);
      const v = changes.get(k);
      if (v === undefined) plain.delete(k);
      else plain.set(k, v);
      assert.equal(m.size, plain.size);
      assert.equal(m.get(k), plain.get(k));
      assert.equal(m.has(k), plain.has(k));
    }
    assert.deepEqual(new Map(m), plain);
    assert.deepEqual([...m.keys()].sort(), [...plain.keys()].sort());
    assert.deepEqual([...m.values()].sort(), [...plain.values()].sort());
    assert.equal(base.size, 100, 'the base is never written');
    assert.equal(base.get('k1'), 1);
  });

  test('a layered set', () => {
    const base = new Set(['a', 'b', 'c']);
    const s1 = LayeredSet.patched(base, ['d'], ['a']);
    const s2 = LayeredSet.patched(s1, ['a'], ['d', 'zz']);
    assert.deepEqual([[...s1].sort(), s1.size, s1.has('a'), s1.has('d')], [['b', 'c', 'd'], 3, false, true]);
    assert.deepEqual([[...s2].sort(), s2.size], [['a', 'b', 'c'], 3]);
    assert.deepEqual([...base].sort(), ['a', 'b', 'c']);
  });
});
