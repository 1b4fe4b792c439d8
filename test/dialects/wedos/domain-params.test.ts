/** The pure readers of the domain commands: `dns`/`nsset` shapes, periods, consent, statuses. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WapiError } from '../../../src/dialects/wedos/command.ts';
import { parseDelegation } from '../../../src/dialects/wedos/commands/domain/dns-servers.ts';
import { consent, periodMonths } from '../../../src/dialects/wedos/commands/domain/params.ts';
import { parseStatusFilter, renewalPending, wedosStatus } from '../../../src/dialects/wedos/commands/domain/statuses.ts';
import type { DomainView } from '../../../src/core/index.ts';
import { testPolicy } from '../../support/backends.ts';

function code(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WapiError, String(e));
    return e.code;
  }
  assert.fail('expected a WapiError');
}

describe('WAPI domain parameters', () => {
  test('dns: numbered servers in number order, XML server lists, plain lists; glue canonical', () => {
    const servers = [
      { name: 'ns1.example.net', addresses: [] },
      { name: 'ns2.example.net', addresses: ['192.0.2.1', '2001:db8::1'] },
    ];
    assert.deepEqual(parseDelegation({ dns: { server2: { name: 'NS2.example.net.', addr_ip4: '192.0.2.1', addr_ip6: '2001:DB8:0::1' }, server1: { name: 'ns1.example.net' } } }),
      { kind: 'dns', servers });
    assert.deepEqual(parseDelegation({ dns: { server: [{ name: 'ns1.example.net' }, { name: 'ns2.example.net', addr_ip4: '192.0.2.1', addr_ip6: '2001:db8::1' }] } }),
      { kind: 'dns', servers });
    assert.deepEqual(parseDelegation({ dns: { server: { name: 'ns1.example.net' } } }), { kind: 'dns', servers: [servers[0]] });
    assert.deepEqual(parseDelegation({ dns: [{ name: 'ns1.example.net', addr_ip4: '' }] }), { kind: 'dns', servers: [servers[0]] });
  });

  test('dns: empty means regd\'s own servers; absent is undefined', () => {
    for (const dns of ['', {}, [], { server: '' }]) assert.deepEqual(parseDelegation({ dns }), { kind: 'dns', servers: [] });
    assert.equal(parseDelegation({}), undefined);
  });

  test('dns: every malformed shape is 2210', () => {
    for (const dns of [
      'ns1.example.net', 5, { server1: 'ns1.example.net' }, { server1: {} }, { server1: { name: '' } }, { server1: { name: 'not a host' } },
      { server1: { name: 'ns1.example.net', addr_ip4: '2001:db8::1' } }, { server1: { name: 'ns1.example.net', addr_ip6: '192.0.2.1' } },
      { server1: { name: 'ns1.example.net', addr_ip4: '999.1.1.1' } }, { server1: { name: 'ns1.example.net', ttl: 5 } }, { nameserver1: { name: 'ns1.example.net' } },
      { server1: { name: 'ns1.example.net' }, server2: { name: 'NS1.example.net' } },
    ]) assert.equal(code(() => parseDelegation({ dns })), 2210, JSON.stringify(dns));
  });

  test('nsset: a handle upper-cased, "WEDOS" for regd\'s own; malformed 2209; with dns 2101', () => {
    assert.deepEqual(parseDelegation({ nsset: 'my-nsset' }), { kind: 'nsset', handle: 'MY-NSSET' });
    assert.deepEqual(parseDelegation({ nsset: 'wedos' }), { kind: 'nsset', handle: null });
    for (const nsset of ['', ' ', 'x', 5, {}, 'has space']) assert.equal(code(() => parseDelegation({ nsset })), 2209, JSON.stringify(nsset));
    assert.equal(code(() => parseDelegation({ nsset: 'WEDOS', dns: '' })), 2101);
  });

  test('period: whole years as number or string, in months; anything else 2203; absent 2100', () => {
    assert.equal(periodMonths({ period: 1 }), 12);
    assert.equal(periodMonths({ period: ' 2 ' }), 24);
    for (const period of [0, '0', -1, 1.5, '1y', 'one', '1000']) assert.equal(code(() => periodMonths({ period })), 2203, String(period));
    assert.equal(code(() => periodMonths({})), 2100);
  });

  test('rules: absent 2245; not {fname, lname} with text 2246', () => {
    assert.deepEqual(consent({ rules: { fname: ' Jan ', lname: 'Novák' } }), { firstName: 'Jan', lastName: 'Novák' });
    assert.equal(code(() => consent({})), 2245);
    assert.equal(code(() => consent({ rules: '' })), 2245);
    for (const rules of ['yes', [], { fname: 'Jan' }, { fname: 'Jan', lname: '' }, { fname: 5, lname: 'Novák' }]) {
      assert.equal(code(() => consent({ rules })), 2246, JSON.stringify(rules));
    }
  });

  test('status filter: WEDOS statuses in any case; others 2101', () => {
    assert.equal(parseStatusFilter('Active'), 'active');
    assert.equal(parseStatusFilter(''), undefined);
    assert.equal(code(() => parseStatusFilter('actif')), 2101);
  });

  test('statuses from the lifecycle projection', () => {
    const policy = testPolicy();
    const now = new Date('2026-06-01T00:00:00Z');
    const base = {
      domainType: 'PAID', autoRenew: false, deletedAt: null, state: 'active', expiresAt: new Date('2027-01-01T00:00:00Z'), tld: 'com',
    } as const;
    const status = (over: Partial<DomainView>, tld = 'com') => wedosStatus({ ...base, ...over } as unknown as DomainView, policy.get(tld), now);
    assert.equal(status({ state: 'pending_create' }), 'setup_processing');
    assert.equal(status({}), 'active');
    assert.equal(status({ state: 'expired' }), 'expired');
    assert.equal(status({ state: 'expired', autoRenew: true, expiresAt: new Date('2026-05-20T00:00:00Z') }), 'renew_processing');
    assert.equal(status({ state: 'redemption' }), 'expired');
    assert.equal(status({ state: 'pending_delete', deletedAt: now }), 'cancelled');
    assert.equal(status({ state: 'released' }), 'deleted');
    // .cz renews itself 30 days early: from then on the renewal "exists".
    const cz = { autoRenew: true, expiresAt: new Date('2026-06-30T00:00:00Z') };
    assert.equal(status(cz, 'cz'), 'renew_processing');
    assert.equal(status({ ...cz, expiresAt: new Date('2026-07-02T00:00:00Z') }, 'cz'), 'active');
    assert.equal(renewalPending({ ...base, ...cz, domainType: 'FREE' } as unknown as DomainView, policy.get('cz'), now), false);
  });
});
