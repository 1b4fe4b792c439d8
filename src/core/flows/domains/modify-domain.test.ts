import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import {
  AccountLevelRequired, ConflictingParameters, DomainNotFound, DomainStatusProhibits, InvalidHostName, InvalidNameServerCount, InvalidValue,
} from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from './register-domain.ts';
import { modifyDomain, type ModifyDomainInput } from './modify-domain.ts';
import type { DomainView } from './domain-view.ts';

const REGD_DNS = {
  serviceMode: 'regd_dns', nameServers: [], forwardUrl: null, forwardKind: null, forwardTitle: null, parkingWithAds: null, hostingType: null,
} as const;

function serviceOf(v: DomainView) {
  const { serviceMode, nameServers, forwardUrl, forwardKind, forwardTitle, parkingWithAds, hostingType } = v;
  return { serviceMode, nameServers, forwardUrl, forwardKind, forwardTitle, parkingWithAds, hostingType };
}

for (const backend of BACKENDS) {
  describe(`${backend}: modifyDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const modify = (a: TestAccount, input: ModifyDomainInput) => engine.run(modifyDomain, input, { actor: a.actor });

    test('success: only the given fields change, updated_at is stamped', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, { name: 'modify-one.com' });
      const at = engine.clock.advance(days(1));
      const v = await modify(a, { name: 'MODIFY-ONE.com', privacy: 'full', label: '  Shop  ', note: 'main site', locked: true });
      assert.deepEqual(v, { ...d, privacy: 'full', label: 'Shop', note: 'main site', locked: true, updatedAt: at });
      engine.clock.advance(days(1));
      assert.deepEqual(await modify(a, { name: 'modify-one.com' }), v, 'an empty change writes nothing');
      const cleared = await modify(a, { name: 'modify-one.com', label: null, locked: false, note: '' });
      assert.deepEqual(cleared, { ...v, label: null, locked: false, note: '', updatedAt: engine.clock.now() });
      const longest = await modify(a, { name: 'modify-one.com', label: 'x'.repeat(255), note: 'n'.repeat(1000) });
      assert.deepEqual([longest.label, longest.note], ['x'.repeat(255), 'n'.repeat(1000)]);
    });

    test('success: service modes replace each other; an empty name server list returns to regd DNS', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, { name: 'modify-service.com', nameServers: ['ns1.example.net', 'ns2.example.net'] });
      assert.deepEqual(serviceOf(d), { ...REGD_DNS, serviceMode: 'custom_ns', nameServers: ['ns1.example.net', 'ns2.example.net'] });
      const steps: [ModifyDomainInput['service'], ReturnType<typeof serviceOf>][] = [
        [{ forward: { url: 'https://target.example/page', kind: 'cloak', title: 'My Site' } },
          { ...REGD_DNS, serviceMode: 'stealth', forwardUrl: 'https://target.example/page', forwardKind: 'cloak', forwardTitle: 'My Site' }],
        [{ forward: { url: 'http://other.example', kind: 'temporary' } },
          { ...REGD_DNS, serviceMode: 'forward', forwardUrl: 'http://other.example/', forwardKind: 'temporary' }],
        [{ parking: { withAds: true } }, { ...REGD_DNS, serviceMode: 'parking', parkingWithAds: true }],
        [{ hosting: { type: 'Basic' } }, { ...REGD_DNS, serviceMode: 'hosting', hostingType: 'basic' }],
        [{ nameServers: ['NS1.Hoster.example', 'ns2.hoster.example', 'ns3.hoster.example'] },
          { ...REGD_DNS, serviceMode: 'custom_ns', nameServers: ['ns1.hoster.example', 'ns2.hoster.example', 'ns3.hoster.example'] }],
        [{ nameServers: [] }, { ...REGD_DNS }],
      ];
      for (const [service, expected] of steps) {
        engine.clock.advance(days(1));
        const v = await modify(a, { name: 'modify-service.com', service });
        assert.deepEqual(v, { ...d, ...expected, updatedAt: engine.clock.now(), inAddGrace: engine.clock.now().getTime() < d.createdAt.getTime() + days(5) });
      }
    });

    test('success: auto-renew and renew option stay consistent', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'modify-renew.com' });
      const cases: [ModifyDomainInput, { autoRenew: boolean; renewOption: string }][] = [
        [{ name: 'modify-renew.com', autoRenew: false }, { autoRenew: false, renewOption: 'donot' }],
        [{ name: 'modify-renew.com', renewOption: 'auto' }, { autoRenew: true, renewOption: 'auto' }],
        [{ name: 'modify-renew.com', renewOption: 'reset' }, { autoRenew: false, renewOption: 'reset' }],
        [{ name: 'modify-renew.com', autoRenew: true }, { autoRenew: true, renewOption: 'auto' }],
        [{ name: 'modify-renew.com', autoRenew: false, renewOption: 'donot' }, { autoRenew: false, renewOption: 'donot' }],
        [{ name: 'modify-renew.com', autoRenew: true, renewOption: 'auto' }, { autoRenew: true, renewOption: 'auto' }],
      ];
      for (const [input, expected] of cases) {
        const v = await modify(a, input);
        assert.deepEqual({ autoRenew: v.autoRenew, renewOption: v.renewOption }, expected, JSON.stringify(input));
      }
    });

    test('success: a reseller sets and clears its customer id', async () => {
      const r = await newAccount(engine, { depositEur: '100.00', level: 'reseller' });
      const d = await register(r, { name: 'modify-reseller.com' });
      const v = await modify(r, { name: 'modify-reseller.com', customerId: ' C-1001 ' });
      assert.deepEqual(v, { ...d, customerId: 'C-1001', updatedAt: engine.clock.now() });
      assert.deepEqual(await modify(r, { name: 'modify-reseller.com', customerId: null }), { ...d, updatedAt: engine.clock.now() });
    });

    test('success: an expired domain (in its auto-renew grace) can still be changed', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, { name: 'modify-expired.com' });
      engine.clock.advance(days(366));
      const v = await modify(a, { name: 'modify-expired.com', privacy: 'partial' });
      assert.deepEqual(v, {
        ...d, state: 'expired', inAddGrace: false, privacy: 'partial', updatedAt: engine.clock.now(),
        redemptionEndsAt: new Date(d.expiresAt.getTime() + days(45 + 30)), releasesAt: new Date(d.expiresAt.getTime() + days(45 + 30 + 5)),
      });
    });

    test("failure: another account's domain and an unknown name are not found", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'modify-mine.com' });
      await assertFailsAndChangesNothing(engine.store.db, () => modify(b, { name: 'modify-mine.com', locked: true }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => modify(a, { name: 'modify-nobody.com', locked: true }), DomainNotFound);
    });

    test('failure: pending create, redemption and pending delete prohibit changes', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'modify-pending.cn' });
      await assertFailsAndChangesNothing(engine.store.db, () => modify(a, { name: 'modify-pending.cn', privacy: 'full' }), DomainStatusProhibits);
      await register(a, { name: 'modify-redemption.fr' });
      await register(a, { name: 'modify-pdelete.com' });
      engine.clock.advance(days(366));
      await assertFailsAndChangesNothing(engine.store.db, () => modify(a, { name: 'modify-redemption.fr', privacy: 'full' }), DomainStatusProhibits);
      engine.clock.advance(days(45 + 30));
      await assertFailsAndChangesNothing(engine.store.db, () => modify(a, { name: 'modify-pdelete.com', privacy: 'full' }), DomainStatusProhibits);
    });

    test('failure: a customer id needs a reseller account', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'modify-noreseller.com' });
      await assertFailsAndChangesNothing(engine.store.db, () => modify(a, { name: 'modify-noreseller.com', customerId: 'C-1' }), AccountLevelRequired);
      await assertFailsAndChangesNothing(engine.store.db, () => modify(a, { name: 'modify-noreseller.com', customerId: null }), AccountLevelRequired);
    });

    test('failure: invalid values and contradictory requests change nothing', async () => {
      const r = await newAccount(engine, { depositEur: '100.00', level: 'reseller' });
      await register(r, { name: 'modify-invalid.com' });
      const name = 'modify-invalid.com';
      const cases: [Record<string, unknown>, abstract new (...x: never[]) => Error][] = [
        [{ label: 'x'.repeat(256) }, InvalidValue],
        [{ note: 'n'.repeat(1001) }, InvalidValue],
        [{ note: 42 }, InvalidValue],
        [{ privacy: 'secret' }, InvalidValue],
        [{ renewOption: 'never' }, InvalidValue],
        [{ locked: 'yes' }, InvalidValue],
        [{ autoRenew: 1 }, InvalidValue],
        [{ customerId: 'c'.repeat(65) }, InvalidValue],
        [{ customerId: 'C\n1' }, InvalidValue],
        [{ autoRenew: false, renewOption: 'auto' }, ConflictingParameters],
        [{ autoRenew: true, renewOption: 'reset' }, ConflictingParameters],
        [{ service: { nameServers: ['ns1.example.net', 'ns2.example.net'], parking: { withAds: false } } }, ConflictingParameters],
        [{ service: { nameServers: ['ns1.example.net'] } }, InvalidNameServerCount],
        [{ service: { nameServers: ['bad_host.example', 'ns2.example.net'] } }, InvalidHostName],
        [{ service: { forward: { url: 'ftp://files.example', kind: 'permanent' } } }, InvalidValue],
        [{ service: { forward: { url: 'https://ok.example', kind: 'sideways' } } }, InvalidValue],
        [{ privacy: 'full', label: 'x'.repeat(256) }, InvalidValue],
      ];
      for (const [input, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => modify(r, { name, ...input } as ModifyDomainInput), cls);
      }
    });
  });
}
