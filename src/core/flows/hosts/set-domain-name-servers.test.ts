import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import type { FlowContext } from '../../context.ts';
import {
  DomainNotFound, DomainStatusProhibits, GlueRequired, HostNotFound, InvalidHostName, InvalidNameServerCount, InvalidValue,
} from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { modifyDomain } from '../domains/modify-domain.ts';
import type { DomainView } from '../domains/domain-view.ts';
import { createHost } from './create-host.ts';
import { setDomainNameServers, verifyNameServerGlue, type SetDomainNameServersInput } from './set-domain-name-servers.ts';

const REGD_DNS = {
  serviceMode: 'regd_dns', nameServers: [], forwardUrl: null, forwardKind: null, forwardTitle: null, parkingWithAds: null, hostingType: null, nssetId: null,
} as const;

for (const backend of BACKENDS) {
  describe(`${backend}: setDomainNameServers`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, name: string) => (await engine.run(registerDomain, { name }, { actor: a.actor })).domain;
    const create = (a: TestAccount, name: string, addresses?: string[]) => engine.run(createHost, { name, addresses }, { actor: a.actor });
    const setNs = (a: TestAccount, input: SetDomainNameServersInput) => engine.run(setDomainNameServers, input, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);
    const custom = (d: DomainView, nameServers: string[], updatedAt: Date): DomainView =>
      ({ ...d, ...REGD_DNS, serviceMode: 'custom_ns', nameServers, updatedAt });

    test('success: outside names, own glue under the domain, another account\'s glue host; empty list back to regd DNS', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, 'delegated.com');
      await register(b, 'big-hoster.net');
      await create(a, 'ns1.delegated.com', ['192.0.2.1']);
      await create(b, 'ns.big-hoster.net', ['198.51.100.1']);
      const at = engine.clock.advance(days(1));
      const v = await setNs(a, { name: 'Delegated.com', nameServers: ['NS1.delegated.com', 'ns.big-hoster.net', 'ns.anywhere.example'] });
      assert.deepEqual(v, custom(d, ['ns1.delegated.com', 'ns.big-hoster.net', 'ns.anywhere.example'], at));
      const back = await setNs(a, { name: 'delegated.com', nameServers: [] });
      assert.deepEqual(back, { ...d, updatedAt: at });
    });

    test('success: replaces forwarding; requireHostObjects accepts the account\'s own hosts', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, 'own-objects.com');
      await engine.run(modifyDomain, { name: 'own-objects.com', service: { forward: { url: 'https://x.example', kind: 'permanent' } } }, { actor: a.actor });
      await create(a, 'ns1.own-objects.com', ['192.0.2.1']);
      await create(a, 'ns.own-objects-ext.example');
      const v = await setNs(a, { name: 'own-objects.com', nameServers: ['ns1.own-objects.com', 'ns.own-objects-ext.example'], requireHostObjects: true });
      assert.deepEqual(v, custom(d, ['ns1.own-objects.com', 'ns.own-objects-ext.example'], engine.clock.now()));
    });

    test('success: an expired domain may still change its delegation', async () => {
      const e = await openTestEngine(backend);
      try {
        const a = await newAccount(e, { depositEur: '100.00' });
        await e.run(registerDomain, { name: 'expired-ns.com' }, { actor: a.actor });
        e.clock.advance(days(366));
        const v = await e.run(setDomainNameServers, { name: 'expired-ns.com', nameServers: ['ns1.x.example', 'ns2.x.example'] }, { actor: a.actor });
        assert.deepEqual([v.state, v.nameServers], ['expired', ['ns1.x.example', 'ns2.x.example']]);
      } finally {
        await e.store.close();
      }
    });

    test('failure: an in-bailiwick name server without a host object needs glue', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'needs-glue.com');
      await register(b, 'b-hoster.com');
      const e1 = await fails(() => setNs(a, { name: 'needs-glue.com', nameServers: ['ns1.needs-glue.com', 'ns.x.example'] }), GlueRequired);
      assert.equal((e1 as GlueRequired).details.host, 'ns1.needs-glue.com');
      await fails(() => setNs(a, { name: 'needs-glue.com', nameServers: ['ns.x.example', 'ns1.b-hoster.com'] }), GlueRequired);
    });

    test('success: a name server under a domain not registered here needs no host object', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'outside-ns.com');
      const view = await setNs(a, { name: 'outside-ns.com', nameServers: ['ns.x.example', 'ns1.unregistered-here.org'] });
      assert.deepEqual(view.nameServers, ['ns.x.example', 'ns1.unregistered-here.org']);
    });

    test('failure: requireHostObjects refuses names that are not this account\'s hosts', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'strict.com');
      await create(a, 'ns.strict-mine.example');
      await create(b, 'ns.strict-theirs.example');
      await fails(() => setNs(a, { name: 'strict.com', nameServers: ['ns.strict-mine.example', 'ns.strict-none.example'], requireHostObjects: true }), HostNotFound);
      await fails(() => setNs(a, { name: 'strict.com', nameServers: ['ns.strict-mine.example', 'ns.strict-theirs.example'], requireHostObjects: true }), HostNotFound);
    });

    test('failure: wrong count, repeated or malformed names', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'counted.com');
      const fourteen = Array.from({ length: 14 }, (_, i) => `ns${i}.many.example`);
      await fails(() => setNs(a, { name: 'counted.com', nameServers: ['ns1.one.example'] }), InvalidNameServerCount);
      await fails(() => setNs(a, { name: 'counted.com', nameServers: fourteen }), InvalidNameServerCount);
      await fails(() => setNs(a, { name: 'counted.com', nameServers: ['ns1.one.example', 'NS1.one.example'] }), InvalidValue);
      await fails(() => setNs(a, { name: 'counted.com', nameServers: ['ns1.one.example', 'bad_host.example'] }), InvalidHostName);
      await fails(() => setNs(a, { name: 'counted.com', nameServers: 'ns1.one.example' as unknown as string[] }), InvalidValue);
    });

    test('failure: another account\'s domain is not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'not-theirs.com');
      await fails(() => setNs(b, { name: 'not-theirs.com', nameServers: ['ns1.x.example', 'ns2.x.example'] }), DomainNotFound);
    });

    test('failure: .cz domains are delegated through an NSSET', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'nsset-only.cz');
      await fails(() => setNs(a, { name: 'nsset-only.cz', nameServers: ['ns1.x.example', 'ns2.x.example'] }), InvalidValue);
    });

    test('failure: a domain in redemption cannot change its delegation', async () => {
      const e = await openTestEngine(backend);
      try {
        const a = await newAccount(e, { depositEur: '100.00' });
        await e.run(registerDomain, { name: 'redeem-ns.com' }, { actor: a.actor });
        e.clock.advance(days(365 + 46));
        await assertFailsAndChangesNothing(e.store.db,
          () => e.run(setDomainNameServers, { name: 'redeem-ns.com', nameServers: ['ns1.x.example', 'ns2.x.example'] }, { actor: a.actor }),
          DomainStatusProhibits);
      } finally {
        await e.store.close();
      }
    });

    test('failure: verifyNameServerGlue — a name server under a domain being registered has no glue yet', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const check = (hosts: string[]) => (ctx: FlowContext) => verifyNameServerGlue(ctx, a.id, 'brand-new.com', hosts);
      await engine.run(check(['ns.x.example', 'ns.y.example']), undefined, { actor: a.actor });
      await fails(() => engine.run(check(['ns.x.example', 'ns1.brand-new.com']), undefined, { actor: a.actor }), GlueRequired);
    });
  });
}
