/**
 * When auto-renew falls due, as a pure rule over the shipped policies: at
 * expiry on TLDs with auto-renew grace (.com), `renew_before_expiry` early on
 * WEDOS-style TLDs (.cz, .sk), a day early on TLDs without grace (.de, .fr…),
 * and never for FREE registrations. Whatever the TLD, the due instant is one
 * at which the projection still calls the domain renewable.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicyBook } from '../policy/index.ts';
import { DAY } from '../clock.ts';
import type { DomainRow } from '../../store/index.ts';
import { autoRenewLeadMs, renewalDueAt, AUTO_RENEW_RETRY_MS, NO_GRACE_RENEW_LEAD_MS } from './auto-renew.ts';
import { projectDomainAt } from './project-domain.ts';

const book = loadPolicyBook();
const T0 = new Date('2026-01-15T10:00:00Z');
const EXP = new Date('2027-01-15T10:00:00Z');
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const iso = (d: Date | null) => d?.toISOString() ?? null;

type Fields = Parameters<typeof renewalDueAt>[0];
function row(over: Partial<Pick<DomainRow, keyof Fields>> = {}): Fields {
  return {
    domain_type: 'PAID', auto_renew: true, deleted_at: null, released_at: null, expires_at: EXP, auto_renew_retry_at: null,
    created_at: T0, create_completes_at: null, add_grace_ends_at: null, ...over,
  };
}

describe('auto-renew: when it falls due', () => {
  const cases: readonly [tld: string, leadMs: number][] = [
    ['com', 0], ['net', 0], ['cn', 0],
    ['cz', 30 * DAY], ['sk', 30 * DAY],
    ['de', DAY], ['fr', DAY], ['at', DAY], ['be', DAY], ['eu', DAY], ['lv', DAY], ['tk', DAY], ['ml', DAY],
  ];
  for (const [tld, leadMs] of cases) {
    test(`.${tld}: due ${leadMs / DAY}d before expiry, in a renewable state`, () => {
      const policy = book.get(tld);
      assert.equal(autoRenewLeadMs(policy), leadMs);
      const due = renewalDueAt(row(), policy);
      assert.equal(iso(due), iso(at(EXP, -leadMs)));
      assert.equal(projectDomainAt(row(), policy, due!).state, leadMs === 0 ? 'expired' : 'active');
    });
  }

  test('success: every shipped TLD has a due instant at which the domain is still renewable', () => {
    for (const policy of book.list()) {
      const due = renewalDueAt(row(), policy);
      assert.ok(due !== null, `.${policy.tld}: auto-renew never falls due`);
      assert.ok(['active', 'expired'].includes(projectDomainAt(row(), policy, due).state), `.${policy.tld}`);
      if (policy.grace.autoRenewMs === 0) assert.ok(due.getTime() <= EXP.getTime() - NO_GRACE_RENEW_LEAD_MS, `.${policy.tld}: renewed before the registry deletes`);
    }
  });

  test('success: a zero-grace TLD gets one attempt; its retry lands at expiry, in redemption, and is never due', () => {
    const policy = book.get('de');
    const failedAt = at(EXP, -NO_GRACE_RENEW_LEAD_MS);
    const retried = row({ auto_renew_retry_at: at(failedAt, AUTO_RENEW_RETRY_MS) });
    assert.equal(projectDomainAt(retried, policy, EXP).state, 'redemption');
    assert.equal(renewalDueAt(retried, policy), null);
  });

  test('success: .com retries inside its auto-renew grace, not after it', () => {
    const policy = book.get('com');
    assert.equal(iso(renewalDueAt(row({ auto_renew_retry_at: at(EXP, DAY) }), policy)), iso(at(EXP, DAY)));
    assert.equal(renewalDueAt(row({ auto_renew_retry_at: at(EXP, 45 * DAY) }), policy), null);
  });

  test('success: never for FREE registrations, auto-renew off, deleted or released ones', () => {
    for (const tld of ['tk', 'com', 'de']) {
      const policy = book.get(tld);
      assert.equal(renewalDueAt(row({ domain_type: 'FREE' }), policy), null);
      assert.equal(renewalDueAt(row({ auto_renew: false }), policy), null);
      assert.equal(renewalDueAt(row({ deleted_at: at(T0, DAY) }), policy), null);
      assert.equal(renewalDueAt(row({ released_at: at(T0, DAY) }), policy), null);
    }
  });
});
