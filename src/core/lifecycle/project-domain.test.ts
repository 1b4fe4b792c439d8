/**
 * The projection, table by table: every transition at the instant before
 * and at its boundary, with the shipped policies of .com (add grace,
 * auto-renew grace, redemption, pending delete), .cz (no grace), .cn
 * (asynchronous creation) and .tk (FREE registrations).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicyBook } from '../policy/index.ts';
import { DAY, MINUTE } from '../clock.ts';
import { HELD_STATES, projectDomainAt, releaseInstantOf, type DomainState, type LifecycleTimestamps } from './project-domain.ts';

const book = loadPolicyBook();
const T0 = new Date('2026-01-15T10:00:00Z');
const EXP = new Date('2027-01-15T10:00:00Z');
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const MS = 1;

function row(over: Partial<LifecycleTimestamps> = {}): LifecycleTimestamps {
  return { created_at: T0, create_completes_at: null, expires_at: EXP, add_grace_ends_at: at(T0, 5 * DAY), deleted_at: null, released_at: null, ...over };
}

interface Case {
  readonly name: string;
  readonly tld: string;
  readonly row: LifecycleTimestamps;
  readonly now: Date;
  readonly state: DomainState;
  readonly stateEndsAt?: Date;
  readonly releasesAt?: Date;
  readonly inAddGrace?: boolean;
}

const DELETED = at(T0, 100 * DAY);

const CASES: readonly Case[] = [
  // pending_create → active (.cn creates asynchronously, 10 minutes)
  { name: 'async creation still pending', tld: 'cn', row: row({ create_completes_at: at(T0, 10 * MINUTE) }), now: at(T0, 10 * MINUTE - MS), state: 'pending_create', stateEndsAt: at(T0, 10 * MINUTE), inAddGrace: true },
  { name: 'async creation completes at its instant', tld: 'cn', row: row({ create_completes_at: at(T0, 10 * MINUTE) }), now: at(T0, 10 * MINUTE), state: 'active', stateEndsAt: EXP, inAddGrace: true },
  // add grace
  { name: 'inside add grace', tld: 'com', row: row(), now: at(T0, 5 * DAY - MS), state: 'active', stateEndsAt: EXP, inAddGrace: true },
  { name: 'add grace over', tld: 'com', row: row(), now: at(T0, 5 * DAY), state: 'active', stateEndsAt: EXP, inAddGrace: false },
  // active → expired → redemption → pending_delete → released (.com: 45d + 30d + 5d)
  { name: 'last instant before expiry', tld: 'com', row: row(), now: at(EXP, -MS), state: 'active', stateEndsAt: EXP },
  { name: 'expired at expiry (auto-renew grace)', tld: 'com', row: row(), now: EXP, state: 'expired', stateEndsAt: at(EXP, 45 * DAY), releasesAt: at(EXP, 80 * DAY) },
  { name: 'last instant of auto-renew grace', tld: 'com', row: row(), now: at(EXP, 45 * DAY - MS), state: 'expired', stateEndsAt: at(EXP, 45 * DAY), releasesAt: at(EXP, 80 * DAY) },
  { name: 'redemption after grace', tld: 'com', row: row(), now: at(EXP, 45 * DAY), state: 'redemption', stateEndsAt: at(EXP, 75 * DAY), releasesAt: at(EXP, 80 * DAY) },
  { name: 'pending delete after redemption', tld: 'com', row: row(), now: at(EXP, 75 * DAY), state: 'pending_delete', stateEndsAt: at(EXP, 80 * DAY), releasesAt: at(EXP, 80 * DAY) },
  { name: 'last instant of pending delete', tld: 'com', row: row(), now: at(EXP, 80 * DAY - MS), state: 'pending_delete', stateEndsAt: at(EXP, 80 * DAY), releasesAt: at(EXP, 80 * DAY) },
  { name: 'released after pending delete', tld: 'com', row: row(), now: at(EXP, 80 * DAY), state: 'released' },
  // .cz: no auto-renew grace, straight to redemption (60d)
  { name: '.cz expires straight into redemption', tld: 'cz', row: row({ add_grace_ends_at: null }), now: EXP, state: 'redemption', stateEndsAt: at(EXP, 60 * DAY), releasesAt: at(EXP, 60 * DAY) },
  { name: '.cz released after redemption', tld: 'cz', row: row({ add_grace_ends_at: null }), now: at(EXP, 60 * DAY), state: 'released' },
  // deletion
  { name: 'deleted: redemption from the deletion instant', tld: 'com', row: row({ deleted_at: DELETED }), now: DELETED, state: 'redemption', stateEndsAt: at(DELETED, 30 * DAY), releasesAt: at(DELETED, 35 * DAY) },
  { name: 'deleted: pending delete', tld: 'com', row: row({ deleted_at: DELETED }), now: at(DELETED, 30 * DAY), state: 'pending_delete', stateEndsAt: at(DELETED, 35 * DAY), releasesAt: at(DELETED, 35 * DAY) },
  { name: 'deleted: released', tld: 'com', row: row({ deleted_at: DELETED }), now: at(DELETED, 35 * DAY), state: 'released' },
  { name: 'deleted inside add grace: released_at stored', tld: 'com', row: row({ deleted_at: at(T0, DAY), released_at: at(T0, DAY) }), now: at(T0, DAY), state: 'released' },
  { name: 'stored release instant wins over the computed one', tld: 'com', row: row({ released_at: at(EXP, 10 * DAY) }), now: at(EXP, 10 * DAY), state: 'released' },
  { name: 'a stored release instant in the future is announced', tld: 'com', row: row({ released_at: at(EXP, 10 * DAY) }), now: EXP, state: 'expired', stateEndsAt: at(EXP, 45 * DAY), releasesAt: at(EXP, 10 * DAY) },
  // FREE registrations (Freenom): cancelled at expiry
  { name: 'FREE: active until expiry', tld: 'tk', row: row({ domain_type: 'FREE', add_grace_ends_at: null }), now: at(EXP, -MS), state: 'active', stateEndsAt: EXP },
  { name: 'FREE: released at expiry, no grace', tld: 'tk', row: row({ domain_type: 'FREE', add_grace_ends_at: null }), now: EXP, state: 'released' },
  { name: 'PAID on a free TLD keeps its redemption', tld: 'tk', row: row({ domain_type: 'PAID', add_grace_ends_at: null }), now: EXP, state: 'redemption', stateEndsAt: at(EXP, 30 * DAY), releasesAt: at(EXP, 30 * DAY) },
  { name: 'FREE deleted: follows the deletion path', tld: 'tk', row: row({ domain_type: 'FREE', add_grace_ends_at: null, deleted_at: DELETED }), now: DELETED, state: 'redemption', stateEndsAt: at(DELETED, 30 * DAY), releasesAt: at(DELETED, 30 * DAY) },
];

describe('projectDomainAt', () => {
  for (const c of CASES) {
    test(`${c.tld}: ${c.name} → ${c.state}`, () => {
      const p = projectDomainAt(c.row, book.get(c.tld), c.now);
      assert.equal(p.state, c.state);
      assert.equal(p.stateEndsAt?.toISOString(), c.stateEndsAt?.toISOString());
      if (c.releasesAt) assert.equal(p.releasesAt?.toISOString(), c.releasesAt.toISOString());
      assert.equal(p.inAddGrace, c.inAddGrace ?? false);
    });
  }

  test('success: every state but released holds the name', () => {
    const states = new Set(CASES.map((c) => c.state));
    assert.equal(states.size, 6, 'the table covers all six states');
    for (const s of states) assert.equal(HELD_STATES.has(s), s !== 'released');
  });
});

describe('releaseInstantOf', () => {
  const cases: readonly [string, string, LifecycleTimestamps, Date][] = [
    ['PAID: expiry + grace + redemption + pending delete', 'com', row(), at(EXP, 80 * DAY)],
    ['FREE: expiry itself', 'tk', row({ domain_type: 'FREE' }), EXP],
    ['deleted: deletion + redemption + pending delete', 'com', row({ deleted_at: DELETED }), at(DELETED, 35 * DAY)],
    ['stored release instant', 'com', row({ released_at: at(T0, DAY) }), at(T0, DAY)],
  ];
  for (const [name, tld, r, expected] of cases) {
    test(`${tld}: ${name}`, () => {
      assert.equal(releaseInstantOf(r, book.get(tld)).toISOString(), expected.toISOString());
      // the projection says released from exactly that instant on
      assert.equal(projectDomainAt(r, book.get(tld), expected).state, 'released');
      if (r.released_at === null) assert.notEqual(projectDomainAt(r, book.get(tld), at(expected, -MS)).state, 'released');
    });
  }
});
